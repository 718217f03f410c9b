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
