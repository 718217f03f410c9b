"""How user-derived text reaches the screen: literally, with control characters shown escaped.

Titles, names, authors and commit messages are data, never markup: ``Content(text)`` renders
``[@click=app.quit]x[/]`` as those characters, and ``escape_control`` turns ESC, C1, NUL and bidi
overrides into visible escapes before they could reach the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from portfolio.textsafety import escape_control


def literal(text: object, *, multiline: bool = False) -> Content:
    """``text`` exactly as written (never parsed as markup), control characters escaped."""
    return Content(escape_control(str(text), keep_newlines=multiline))


def plain(text: object) -> str:
    """For places that take a plain string and no markup (``notify(..., markup=False)``, tooltips)."""
    return escape_control(str(text), keep_newlines=True)


def cell(text: object, style: str = "") -> Text:
    """A DataTable cell: Rich ``Text`` (literal, never markup); longer than its column, it ends in "…"."""
    return Text(escape_control(str(text)), style=style, no_wrap=True, overflow="ellipsis", end="")


class LazyCell:
    """A cell of a long DataTable: ``cell(text, style)``, made when the table first draws it.

    A table of 5,000 projects has 30,000 cells and shows a screenful of them; making each one's
    Rich ``Text`` up front was most of the cost of filling the table (~2.5 us a cell here, ~0.15 us).
    DataTable draws any object with ``__rich__`` as what that returns, and keeps the drawing.
    """

    __slots__ = ("text", "style")

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich__(self) -> Text:
        return cell(self.text, self.style)

    @property
    def plain(self) -> str:
        """What the cell shows, as Rich ``Text.plain`` would say."""
        return escape_control(self.text)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyCell):
            return self.text == other.text and self.style == other.style
        return NotImplemented

    __hash__ = None  # compared by value, like Rich Text

    def __repr__(self) -> str:
        return f"LazyCell({self.text!r}, {self.style!r})"
