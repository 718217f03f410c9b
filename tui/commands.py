"""The command palette (ctrl+p): jump to any project by title or id."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from portfolio.i18n import _
from tui.text import literal


def highlighted(text: str, offsets: tuple[int, ...], style: str) -> Content:
    """``text`` literally, with the matched characters styled (Matcher.highlight would parse markup)."""
    content = literal(text)
    for offset in offsets:
        if offset < len(content.plain) and not content.plain[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class ProjectCommands(Provider):
    """``Go to: <title> (<id>)`` for every loaded project."""

    def _candidates(self) -> list[tuple[str, str]]:
        from tui.screens.main import MainScreen

        main = next((screen for screen in self.app.screen_stack if isinstance(screen, MainScreen)), None)
        if main is None or main.portfolio is None:
            return []
        return [(stored.id, f"{stored.project.title} ({stored.id})") for stored in main.portfolio.projects.values()]

    def _go(self, project_id: str) -> None:
        from tui.screens.main import MainScreen

        main = next((screen for screen in self.app.screen_stack if isinstance(screen, MainScreen)), None)
        if main is not None:
            while self.app.screen is not main:
                self.app.pop_screen()
            main.jump_to(project_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for project_id, text in self._candidates():
            score = matcher.match(text)
            if score > 0:
                _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
                yield Hit(
                    score,
                    highlighted(text, offsets, "bold reverse"),
                    partial(self._go, project_id),
                    text=text,
                    help=_("Go to this project"),
                )

    async def discover(self) -> Hits:
        for project_id, text in sorted(self._candidates(), key=lambda item: item[1].casefold())[:20]:
            yield DiscoveryHit(literal(text), partial(self._go, project_id), text=text, help=_("Go to this project"))
