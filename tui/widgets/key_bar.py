"""The keys of a screen and what they do, in one line at the bottom; clicking one presses it.

Textual's Footer rebuilds its widgets (one per key) every time the focus moves: five times while
the main screen starts, about 60 ms. Our screens' keys do not change while they are shown, so
this bar is made once, as one line of text.

When the line is narrower than every key with its description (80 columns in German), the keys a
person must always find (help, quit, the command palette) keep their words; the others, from the
last one back, are shown by their key alone, and only if even that is too wide are they left out
(help lists every key).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

from tui.bindings import described

ALWAYS_DESCRIBED = frozenset({"help", "quit", "command-palette"})  # binding ids


def fitted_entries(entries: list[tuple[str, str, str]], width: int) -> list[tuple[str, str, str]]:
    """(key, description, id) of each key shown within ``width`` cells; the description "" where dropped."""

    def cells(shown: list[tuple[str, str, str] | None]) -> int:
        return sum(cell_len(f" {e[0]} ") + (cell_len(f"{e[1]} ") if e[1] else 0) for e in shown if e is not None)

    shown: list[tuple[str, str, str] | None] = list(entries)
    optional = [index for index, entry in enumerate(entries) if entry[2] not in ALWAYS_DESCRIBED]
    for index in reversed(optional):
        if cells(shown) <= width:
            break
        key, _words, binding_id = entries[index]
        shown[index] = (key, "", binding_id)
    for index in reversed(optional):
        if cells(shown) <= width:
            break
        shown[index] = None
    return [entry for entry in shown if entry is not None]


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, Binding]] = []

    def shown_bindings(self) -> list[Binding]:
        """The screen's keys, then the app's (the command palette), as the footer listed them."""
        return [binding for binding in [*described(self.screen), *described(self.app)] if binding.show]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        bindings = {binding.id: binding for binding in self.shown_bindings()}
        entries = [(self.app.get_key_display(b), b.description, b.id) for b in bindings.values()]
        for key, words, binding_id in fitted_entries(entries, self.size.width):
            start = len(text)
            text.append(f" {key} ", key_style)
            if words:
                text.append(f"{words} ", description_style)  # our own, translated: no markup
            self._spans.append((start, len(text), bindings[binding_id]))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, binding in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(binding.key)
                return
