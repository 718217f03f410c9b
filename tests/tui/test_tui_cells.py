"""A table cell made when it is drawn (tui.text.LazyCell) shows its text as ``cell`` would: literally,
control and bidi characters escaped, cut with "…" to its column, and compares by what it shows."""

from __future__ import annotations

from rich.console import Console

from tui.text import LazyCell, cell

HOSTILE = "[@click=app.quit]x[/] \x1b[31mrot\u202e ende"


def drawn(renderable, width: int) -> str:
    """The cell's one line, drawn as DataTable draws a cell of a one-line row."""
    console = Console(width=120, color_system=None)
    options = console.options.update_dimensions(width, 1).update(no_wrap=True)
    (line,) = console.render_lines(renderable, options, pad=False)
    return "".join(segment.text for segment in line)


def test_a_lazy_cell_draws_what_cell_draws():
    for width in (80, 12):
        assert drawn(LazyCell(HOSTILE, "bold"), width) == drawn(cell(HOSTILE, "bold"), width)
    assert drawn(LazyCell(HOSTILE), 80) == "[@click=app.quit]x[/] \\x1b[31mrot\\u202e ende"
    assert drawn(LazyCell(HOSTILE), 12).endswith("…") and len(drawn(LazyCell(HOSTILE), 12)) == 12


def test_a_lazy_cell_says_what_it_shows_and_compares_by_it():
    assert LazyCell(HOSTILE).plain == cell(HOSTILE).plain
    assert LazyCell("Rheine", "bold") == LazyCell("Rheine", "bold")
    assert LazyCell("Rheine", "bold") != LazyCell("Rheine")
    assert LazyCell("Rheine") != LazyCell("Greven")
