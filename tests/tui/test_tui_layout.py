"""The layout at 120 columns: every table column visible without scrolling sideways, long texts cut
with an ellipsis, detail values wrapped in a column of their own."""

from __future__ import annotations

import pytest
from factories import write_project
from textual.widgets import DataTable
from tui_helpers import add_project, app_showing, column_text, commit, detail_text, settle, widget_text

from tui.app import create_app
from tui.column_widths import ColumnNeed, fit_widths

LONG_TITLE = "Ein sehr langer Projekttitel, der in keine Tabellenspalte passt, weil er immer weiter geht"
LONG_SUMMARY = (
    "Eine Kurzbeschreibung, die so lang ist, dass sie im Detailbereich auf mehrere Zeilen umbrechen "
    "muss, und jede Folgezeile soll genau unter dem Anfang des Werts stehen, nicht am linken Rand."
)


def test_columns_get_their_natural_width_when_there_is_room():
    assert fit_widths(100, [ColumnNeed(10), ColumnNeed(20, weight=3)]) == [10, 90]


def test_spare_room_is_shared_by_weight_and_no_column_exceeds_its_need_while_others_want_more():
    widths = fit_widths(
        60, [ColumnNeed(40, minimum=10, weight=1), ColumnNeed(80, minimum=10, weight=3), ColumnNeed(12, minimum=12)]
    )
    assert sum(widths) == 60
    assert widths[2] == 12  # a label column gets its minimum, which is its natural width
    assert widths[1] > widths[0] >= 10


def test_a_narrow_column_gives_its_spare_room_to_the_others():
    assert fit_widths(50, [ColumnNeed(5, minimum=4), ColumnNeed(100, minimum=10)]) == [5, 45]


def test_too_narrow_for_the_minimums_every_column_shrinks_and_keeps_one_cell():
    widths = fit_widths(10, [ColumnNeed(20, minimum=20), ColumnNeed(10, minimum=10)])
    assert sum(widths) <= 10 and all(width >= 1 for width in widths)


@pytest.fixture
def long_texts_repo(tui_repo):
    add_project(
        tui_repo,
        "sehr-lange-projektkennung-fuer-den-test",
        title=LONG_TITLE,
        summary=LONG_SUMMARY,
        municipalities=["kreis-steinfurt", "rheine", "greven", "emsdetten", "ochtrup"],
        when="2026-01-10T09:00:00+01:00",
    )
    return tui_repo


@pytest.mark.parametrize(
    ("size", "captions"),
    [
        ((120, 40), ("ID", "Title", "Status", "Municipalities", "Field of action")),  # the module gives way
        ((160, 45), ("ID", "Title", "Status", "Module", "Municipalities", "Field of action")),
    ],
)
async def test_every_column_of_the_project_table_is_visible_without_scrolling(long_texts_repo, size, captions):
    app = create_app(long_texts_repo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.max_scroll_x == 0
        header = widget_text(table).splitlines()[0]
        for caption in captions:
            assert caption in header
        assert ("Module" in header) == ("Module" in captions)
        row = column_text(table, 0).index("sehr-lange-projektkennung-fuer-den-test")
        line = widget_text(table).splitlines()[row + 1]
        assert LONG_TITLE[:12] in line and LONG_TITLE not in line and "…" in line  # cut with an ellipsis ...
        app.screen.jump_to("sehr-lange-projektkennung-fuer-den-test")
        await settle(pilot)
        shown = " ".join(detail_text(app).split())
        assert LONG_TITLE in shown and "Kreis Steinfurt, Rheine, Greven, Emsdetten, Ochtrup" in shown  # ... not here


async def test_a_status_label_is_never_cut(long_texts_repo):
    app = create_app(long_texts_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        lines = widget_text(table).splitlines()[1:]
        statuses = dict(zip(column_text(table, 0), column_text(table, 2)))
        assert statuses["solarkataster"] == "Umsetzung"
        solar = lines[column_text(table, 0).index("solarkataster")]
        assert " Umsetzung " in solar


async def test_detail_values_wrap_under_their_first_line(long_texts_repo):
    app = create_app(long_texts_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.jump_to("sehr-lange-projektkennung-fuer-den-test")
        await settle(pilot)
        lines = detail_text(app).splitlines()
        summary = next(index for index, line in enumerate(lines) if line.lstrip().startswith("Summary"))
        value_column = lines[summary].index("Eine Kurzbeschreibung")
        continuation = []
        for line in lines[summary + 1 :]:
            if line[:value_column].strip():  # the next field's caption
                break
            continuation.append(line)
        assert len(continuation) >= 1, lines
        for line in continuation:
            assert len(line) - len(line.lstrip()) == value_column, (value_column, line)
        assert " ".join(part.strip() for part in [lines[summary][value_column:], *continuation]) == LONG_SUMMARY, lines


async def test_history_at_120_columns_fits_and_shows_the_highlighted_event_in_full(tui_repo):
    long_subject = "Status of solarkataster: concept -> implementation, agreed in the district council on 2026-03-05"
    write_project(
        tui_repo,
        "solarkataster",
        title="Solarkataster für den Kreis",
        status="operation",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["energie", "umwelt"],
    )
    commit(tui_repo, ["projects/solarkataster.toml"], long_subject, "2026-04-07T09:00:00+02:00")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.jump_to("solarkataster")
        await pilot.press("h")
        await settle(pilot)
        history = app.screen.query_one("#history", DataTable)
        assert history.row_count == 4
        assert history.virtual_size.width <= history.scrollable_content_region.width
        header = widget_text(history).splitlines()[0]
        for caption in ("Date", "What changed", "Author", "Commit", "Merged"):
            assert caption in header
        event = widget_text(app.screen.query_one("#history-event"))
        assert long_subject in event and "Status: Umsetzung -> Betrieb" in event
        history.move_cursor(row=1)
        await pilot.pause()
        event = widget_text(app.screen.query_one("#history-event"))
        assert "Status of solarkataster: concept -> implementation" in event and long_subject not in event


async def test_fitted_table_falls_back_to_the_public_api_without_textual_internals(monkeypatch):
    """Another Textual without DataTable's private records: rows still arrive, columns size themselves."""
    from tui.widgets import fitted_table
    from tui.widgets.fitted_table import FittedTable

    class Plain(FittedTable):
        def column_needs(self):
            raise AssertionError("no fitting without the internals")

    monkeypatch.setattr(fitted_table, "_INTERNALS", ("_a_record_no_textual_has",))

    app = app_showing(Plain(id="plain"))
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(Plain)
        table.add_columns("A", "B")
        table.append_rows([("r1", ("x", "y")), ("r2", ("z", "w"))])
        await pilot.pause()
        assert table.row_count == 2
        assert table.get_row("r2") == ["z", "w"]
