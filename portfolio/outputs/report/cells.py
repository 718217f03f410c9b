"""The pieces of the HTML report's tables: escaped text, a table in a scroll box, the cells for a
status, a field of action and a project.

A wide table scrolls sideways in its own box on a small screen. The box is a named region that
takes the keyboard focus (WCAG 2.1.1: a box that scrolls must be reachable without a mouse, and a
screen reader says what it holds). Status marks are small SVG squares, not CSS backgrounds, so that
they print even when the browser leaves out background graphics, as Chromium does by default.
"""

from __future__ import annotations

from html import escape

from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import current_language
from portfolio.outputs.report.palette import status_colour
from portfolio.textsafety import escape_control

BAR_COLOUR = "#2e86c1"  # 3.97:1 against white, and no status's colour


def text(value: object) -> str:
    return escape(escape_control(str(value)))


def table(
    header: list[str],
    rows: list[list[str]],
    *,
    name: str,
    numeric_from: int = 1,
    total: list[str] | None = None,
) -> str:
    """A table of HTML cells (the first of each row a row header) in a scroll box named ``name``."""
    numeric = ' class="n"'
    head = "".join(
        f'<th{numeric if index >= numeric_from else ""} scope="col">{cell}</th>' for index, cell in enumerate(header)
    )
    body = []
    for row in rows + ([total] if total else []):
        cells = []
        for index, cell in enumerate(row):
            classes = []
            if index >= numeric_from:
                classes.append("n")
                if cell == "0":
                    classes.append("zero")
            tag = "th" if index == 0 else "td"
            scope = ' scope="row"' if index == 0 else ""
            attributes = scope + (' class="' + " ".join(classes) + '"' if classes else "")
            cells.append(f"<{tag}{attributes}>{cell}</{tag}>")
        row_class = ' class="total"' if total is not None and row is total else ""
        body.append(f"<tr{row_class}>" + "".join(cells) + "</tr>")
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-label="{text(name)}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def hidden(value: str) -> str:
    """Text for screen readers only (a header cell over a column of bars)."""
    return f'<span class="visually-hidden">{text(value)}</span>'


def swatch(colour: str) -> str:
    return (
        '<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect width="10" height="10" rx="2" fill="{colour}" stroke="#000000" stroke-opacity=".35"/></svg>'
    )


def bar(width_rem: float) -> str:
    return (
        f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" style="width:{width_rem:.2f}rem" '
        f'aria-hidden="true" focusable="false"><rect width="100" height="10" fill="{BAR_COLOUR}"/></svg>'
    )


class Cells:
    """The cells the report's tables show: a status with its colour, a field of action, a project."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._status_index = {slug: index for index, slug in enumerate(vocabulary.status_slugs)}
        # Titles are written in the portfolio's language; in a report in another language a screen
        # reader must read them in theirs (WCAG 3.1.2).
        language = vocabulary.default_language
        self._title_lang = f' lang="{text(language)}"' if language != current_language() else ""

    def status(self, slug: str) -> str:
        mark = swatch(status_colour(self._status_index.get(slug, 0)))
        return f'<span class="status">{mark}{text(self.vocabulary.label("status", slug))}</span>'

    def field(self, slug: str) -> str:
        return text(self.vocabulary.label("field", slug))

    def project(self, stored_id: str, title: str) -> str:
        return f'<span class="title"{self._title_lang}>{text(title)}</span> <code>{text(stored_id)}</code>'
