"""The command palette (ctrl+p): jump to any project it finds, with the table's search.

A project is a hit when the search box would find it (``portfolio.domain.search``: every word, in
any of its texts, umlauts and their spellings alike); hits whose title or id has the words come
first, with the words highlighted.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from portfolio.domain.search import SearchIndex, matched_spans, search_words, text_forms, words_in
from portfolio.i18n import _
from tui.text import literal

IN_TITLE, ELSEWHERE = 1.0, 0.5  # the score of a hit by where its words are


def highlighted(text: str, offsets: tuple[int, ...], style: str) -> Content:
    """``text`` literally, with the matched characters styled (Matcher.highlight would parse markup)."""
    content = literal(text)
    for offset in offsets:
        if offset < len(content.plain) and not content.plain[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class ProjectCommands(Provider):
    """``Go to: <title> (<id>)`` for every loaded project."""

    def _main(self):
        from tui.screens.main import MainScreen

        return next((screen for screen in self.app.screen_stack if isinstance(screen, MainScreen)), None)

    def _candidates(self) -> list[tuple[str, str]]:
        main = self._main()
        if main is None or main.portfolio is None:
            return []
        return [(stored.id, f"{stored.project.title} ({stored.id})") for stored in main.portfolio.projects.values()]

    def _go(self, project_id: str) -> None:
        main = self._main()
        if main is not None:
            while self.app.screen is not main:
                self.app.pop_screen()
            main.jump_to(project_id)

    async def search(self, query: str) -> Hits:
        main = self._main()
        words = search_words(query)
        if main is None or main.portfolio is None or not words:
            return
        index = SearchIndex.of(main.portfolio)
        for stored in main.portfolio.projects.values():
            if not index.finds(stored, words):
                continue
            text = f"{stored.project.title} ({stored.id})"
            in_title = words_in(words, "\n".join(text_forms(text)))
            offsets = tuple(at for start, end in matched_spans(text, words) for at in range(start, end))
            yield Hit(
                IN_TITLE if in_title else ELSEWHERE,
                highlighted(text, offsets, "bold reverse"),
                partial(self._go, stored.id),
                text=text,
                help=_("Go to this project"),  # parsed as markup by the palette: no data here
            )

    async def discover(self) -> Hits:
        for project_id, text in sorted(self._candidates(), key=lambda item: item[1].casefold())[:20]:
            yield DiscoveryHit(literal(text), partial(self._go, project_id), text=text, help=_("Go to this project"))
