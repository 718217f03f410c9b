"""The detail pane's grid of fields draws what Rich's own ``Table.grid`` draws, segment by segment."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from portfolio.files.loading import load_portfolio
from portfolio.outputs.presentation import project_fields
from tui.widgets.captioned_rows import CaptionedRows
from tui.widgets.detail import progress_text

REPOSITORY = Path(__file__).resolve().parents[2]
WIDTHS = (1, 2, 5, 8, 12, 13, 14, 20, 27, 40, 56, 80, 119)


def _lines(renderable, width: int) -> list[list[tuple[str, object]]]:
    console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
    return [
        [(segment.text, segment.style) for segment in line]
        for line in console.render_lines(renderable, console.options.update(width=width), pad=False)
    ]


def _bundled_rows() -> list[list[tuple[Text, Text]]]:
    portfolio = load_portfolio(REPOSITORY)
    everything = []
    for stored in portfolio.projects.values():
        rows = [(Text(caption), Text(text)) for caption, text in project_fields(stored, portfolio.vocabulary)]
        if progress := progress_text(stored):
            rows.append((Text("Progress"), Text(progress)))
        everything.append(rows)
    return everything


TRICKY = [
    [(Text("Titel"), Text("Ein Wort das sehr lang ist: Donaudampfschifffahrtsgesellschaftskapitän"))],
    [(Text("区"), Text("東京都の区役所で使われる長い文字列")), (Text("Budget"), Text("150.000 €"))],
    [(Text("Leer"), Text("")), (Text(""), Text("ohne Beschriftung"))],
    [(Text("Meilensteine"), Text("erstens\nzweitens, mit einem längeren Text\n\ndrittens"))],
    [(Text("a\nb"), Text("eine Beschriftung über zwei Zeilen"))],
    [(Text("Beschreibung", style="italic"), Text("gestylt", style="red"))],
    [(Text("Tab"), Text("a\tb  zwei  Leerzeichen   "))],
]


def test_the_bundled_projects_are_drawn_as_the_table_draws_them():
    every = _bundled_rows()
    assert len(every) >= 10
    for rows in every:
        drawn = CaptionedRows(rows)
        for width in WIDTHS:
            assert _lines(drawn, width) == _lines(drawn.table(), width), (rows[0][1].plain, width)


@pytest.mark.parametrize("rows", TRICKY, ids=range(len(TRICKY)))
def test_wide_long_empty_and_multiline_texts_are_drawn_as_the_table_draws_them(rows):
    drawn = CaptionedRows(rows)
    for width in (*WIDTHS, 3, 4, 15, 16, 17):
        assert _lines(drawn, width) == _lines(drawn.table(), width), width


def test_a_width_the_captions_fill_is_left_to_the_table():
    rows = [(Text("Handlungsfelder"), Text("Umwelt"))]
    drawn = CaptionedRows(rows)
    assert not drawn._fits(len("Handlungsfelder") + 2)
    assert drawn._fits(len("Handlungsfelder") + 3)
    text = "\n".join("".join(text for text, _style in line) for line in _lines(drawn, 40))
    assert text.startswith("Handlungsfelder  Umwelt")


def test_no_rows_draw_nothing_as_the_table_does():
    drawn = CaptionedRows([])
    assert _lines(drawn, 30) == _lines(drawn.table(), 30) == []
