"""The command palette in the UI's language.

Textual's palette shows texts of its own: the search box's placeholder, "No matches found", and the
system commands (Theme, Quit, Screenshot, ...). They are marked here for our catalog with ``N_()``
and translated when shown, like click's messages in the CLI (portfolio.cli.i18n).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from portfolio.i18n import N_, _

# The titles and help of Textual's system commands (textual.app.App.get_system_commands, Textual 8.2).
TEXTUAL_COMMAND_TEXTS = frozenset(
    {
        N_("Theme"),
        N_("Change the current theme"),
        N_("Quit"),
        N_("Quit the application as soon as possible"),
        N_("Maximize"),
        N_("Maximize the focused widget"),
        N_("Minimize"),
        N_("Minimize the widget and restore to normal size"),
        N_("Screenshot"),
        N_("Save an SVG 'screenshot' of the current screen"),
    }
)
# Textual's key panel explains its widgets in English only; our help screen (?) lists every key, translated.
# Its screenshot says where it saved the picture in English: the app has its own (PortfolioApp).
LEFT_OUT_COMMANDS = frozenset({"Keys", "Screenshot"})

# The themes offered, by what they look like (Textual's names are brand names, in English): Textual's
# own dark and light first, then a few well-known palettes and the terminal's own colours.
THEMES = {
    "textual-dark": N_("Dark"),
    "textual-light": N_("Light"),
    "nord": N_("Dark blue (Nord)"),
    "gruvbox": N_("Dark warm (Gruvbox)"),
    "solarized-light": N_("Light warm (Solarized)"),
    "ansi-dark": N_("Terminal colours, dark"),
    "ansi-light": N_("Terminal colours, light"),
}


class ThemeChoices(Provider):
    """The themes in the UI's language."""

    def _commands(self) -> list[tuple[str, Callable[[], None]]]:
        available = self.app.available_themes

        def use(name: str) -> None:
            self.app.theme = name

        return [(_(label), partial(use, name)) for name, label in THEMES.items() if name in available]

    async def discover(self) -> Hits:
        for text, callback in self._commands():
            yield DiscoveryHit(Content(text), callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback in self._commands():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), callback)


def translated_commands(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands with their texts in the UI's language (an unknown text stays as it is)."""
    for command in commands:
        if command.title in LEFT_OUT_COMMANDS:
            continue
        yield SystemCommand(
            _(command.title) if command.title in TEXTUAL_COMMAND_TEXTS else command.title,
            _(command.help) if command.help in TEXTUAL_COMMAND_TEXTS else command.help,
            command.callback,
            command.discover,
        )


class Palette(CommandPalette):
    """Textual's command palette, its own texts translated."""

    def __init__(self, providers=None, *, placeholder: str | None = None, **kwargs) -> None:
        super().__init__(providers, placeholder=placeholder or _("Go to a project or run a command…"), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As Textual's own (textual.command.CommandPalette, pinned version), with the text translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")), disabled=True, id=self._NO_MATCHES
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
