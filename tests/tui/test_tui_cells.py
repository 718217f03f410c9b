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


async def test_a_table_draws_a_lazy_cell_as_datatable_itself_draws_it():
    """FittedTable draws a one-line LazyCell straight to its segments; DataTable's own way, through
    Rich's whole pipeline, must give the same segments for every cell, width, cursor and hover."""
    from rich.segment import Segment
    from rich.style import Style
    from textual.app import App
    from textual.widgets import DataTable

    from tui.column_widths import ColumnNeed
    from tui.widgets.fitted_table import FittedTable

    texts = [HOSTILE, "Rheine, Emsdetten", "", "東京 Straße 🚲 Fahrradverleih", "a" * 60]

    class Table(FittedTable):
        def column_needs(self):
            return [ColumnNeed(10), ColumnNeed(10)]

    class Host(App):
        def compose(self):
            yield Table()

    async with Host().run_test(size=(80, 12)) as pilot:
        table = pilot.app.query_one(Table)
        table.add_column("a", key="a")
        table.add_column("b", key="b")
        table.append_rows(
            (f"r{number}", [LazyCell(text, "italic"), LazyCell(text)]) for number, text in enumerate(texts)
        )
        await pilot.pause()
        base = Style(color="#e0e0e0", bgcolor="#1e1e1e")
        compared = 0
        for row in range(len(texts)):
            for column in (0, 1):
                for width in (3, 4, 9, 30, 70):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        table._cell_render_cache.clear()
                        quick = table._render_cell(row, column, base, width, cursor, hover)
                        table._cell_render_cache.clear()
                        own = DataTable._render_cell(table, row, column, base, width, cursor, hover)
                        assert [list(Segment.simplify(line)) for line in quick] == [
                            list(Segment.simplify(line)) for line in own
                        ], (texts[row], column, width, cursor, hover)
                        assert table._one_line_cell(row, column, base, width, cursor, hover) is not None
                        compared += 1
        assert compared == len(texts) * 2 * 5 * 3


async def test_rows_appended_in_batches_map_to_the_lines_datatable_maps_them_to():
    """The map of lines to rows grows with the rows appended below (one line each) instead of being
    made anew over every row; it is the map DataTable makes, also after a row of two lines."""
    from textual.app import App

    from tui.column_widths import ColumnNeed
    from tui.widgets.fitted_table import FittedTable

    class Table(FittedTable):
        def column_needs(self):
            return [ColumnNeed(12)]

    class Host(App):
        def compose(self):
            yield Table()

    def made_anew(table) -> list:
        kept = list(table._y_offsets)
        table._offset_cache.clear()
        assert table._y_offsets == kept
        return kept

    async with Host().run_test(size=(40, 10)) as pilot:
        table = pilot.app.query_one(Table)
        table.add_column("a", key="a")
        table.append_rows((f"r{number}", [LazyCell(f"row {number}")]) for number in range(5))
        await pilot.pause()
        for first in (5, 15, 25):
            mapped = table._y_offsets
            table.append_rows((f"r{number}", [LazyCell(f"row {number}")]) for number in range(first, first + 10))
            assert table._y_offsets is mapped  # grown, not made anew
            assert len(made_anew(table)) == first + 10
        table.add_row(LazyCell("tall"), key="tall", height=2)
        table.append_rows([("after", [LazyCell("after")])])
        assert made_anew(table)[-3:] == [
            (table.rows["tall"].key, 0),
            (table.rows["tall"].key, 1),
            (table.rows["after"].key, 0),
        ]
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        assert table.get_row_at(table.cursor_row)[0].text == "after"
