"""The deadlines view, the progress view, the detail pane's progress and the region view's transfers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Static
from tui_helpers import add_project, cell_text, column_text, detail_text, highlight, screen_text, settle

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.progress import percent_text, progress_by
from portfolio.i18n import reset_language, use_language
from tui.app import create_app

TODAY = date(2026, 11, 26)  # the day the screen counts from, as `portfolio due` does: SOURCE_DATE_EPOCH


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 11, 26, 12, tzinfo=UTC).timestamp())))


def _day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def _portfolio(root) -> None:
    add_project(
        root,
        "radweg",
        title="Radweg Greven",
        municipalities=["greven"],
        fields_of_action=["mobilitaet"],
        milestones=[
            {"title": "Planung beauftragt", "due": _day(-155)},
            {"title": "Trasse geklärt", "due": _day(-30), "done": True},
            {"title": "Förderantrag", "due": _day(20)},
            {"title": "Bau beginnt", "due": _day(60)},
            {"title": "Eröffnung", "due": _day(200)},
        ],
    )
    add_project(
        root,
        "sensornetz",
        title="Sensornetz Rheine",
        municipalities=["rheine"],
        fields_of_action=["umwelt"],
        milestones=[{"title": "Sensoren bestellt", "due": _day(5)}, {"title": "Ausschreibung", "done": True}],
        kpis=[{"name": "Sensoren", "unit": "Stück", "baseline": 0, "target": 200}],
        measurements=[
            {"kpi": "Sensoren", "date": date(2025, 12, 31), "value": 50},
            {"kpi": "Sensoren", "date": date(2026, 6, 30), "value": 150},
        ],
    )
    add_project(
        root, "sensornetz-greven", title="Sensornetz Greven", municipalities=["greven"], adopted_from="sensornetz"
    )


@pytest.fixture
def german():
    use_language("de")
    yield
    reset_language()


async def _open_deadlines(pilot) -> DataTable:
    await pilot.press("F")
    await settle(pilot)
    assert pilot.app.screen.id == "deadlines"
    return pilot.app.screen.query_one("#deadlines-table", DataTable)


async def test_the_deadlines_are_listed_soonest_first_with_the_overdue_one_marked(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = await _open_deadlines(pilot)
        assert column_text(table, 0) == ["2026-06-24", "2026-12-01", "2026-12-16", "2027-01-25", "2027-06-14"]
        assert column_text(table, 2) == ["radweg", "sensornetz", "radweg", "radweg", "radweg"]
        assert column_text(table, 4)[:2] == ["Planung beauftragt", "Sensoren bestellt"]
        assert column_text(table, 1) == ["overdue 155 days", "5 days", "20 days", "60 days", "200 days"]
        assert cell_text(table, 0, 3) == "milestone"
        overdue = table.get_row_at(0)[1]
        assert "bold" in str(overdue.style) and "reverse" in str(overdue.style)  # not colour alone
        assert not table.get_row_at(1)[1].style
        caption = str(app.screen.query_one("#deadlines-caption", Static).content)
        assert "all deadlines" in caption and "5 deadlines · 1 overdue" in caption


async def test_the_horizon_switch_keeps_the_overdue_and_drops_what_is_further_off(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = await _open_deadlines(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert column_text(table, 1) == ["overdue 155 days", "5 days", "20 days"]
        assert "within 30 days" in str(app.screen.query_one("#deadlines-caption", Static).content)
        await pilot.press("t")
        await settle(pilot)
        assert column_text(table, 1) == ["overdue 155 days", "5 days", "20 days", "60 days"]
        await pilot.press("t")
        await settle(pilot)
        assert table.row_count == 5


async def test_the_deadlines_are_those_of_the_filtered_projects_and_enter_selects_the_project(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        main.project_filter = ProjectFilter(municipalities={"rheine"}, district_wide=False)
        await settle(pilot)
        table = await _open_deadlines(pilot)
        assert column_text(table, 2) == ["sensornetz"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        main.project_filter = ProjectFilter()
        await settle(pilot)
        await highlight(pilot, "buergerdienste")
        table = await _open_deadlines(pilot)
        table.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.query_one("#projects").highlighted_id() == "sensornetz"
        assert "Sensoren bestellt" in detail_text(app)


async def test_the_deadlines_in_german(tui_repo, german):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = await _open_deadlines(pilot)
        assert cell_text(table, 0, 0) == "24.06.2026"
        assert cell_text(table, 0, 1) == "überfällig seit 155 Tagen"
        assert cell_text(table, 1, 1) == "5 Tage"
        assert cell_text(table, 0, 3) == "Meilenstein"
        assert [str(column.label) for column in table.columns.values()] == ["Datum", "In", "Projekt", "Art", "Was"]


async def test_the_progress_view_rolls_up_what_the_core_rolls_up(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        projects = list(app.screen.matching_projects())
        vocabulary = app.screen.portfolio.vocabulary
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.id == "progress"
        fields = app.screen.query_one("#progress-fields", DataTable)
        row = vocabulary.field_slugs.index("mobilitaet")
        # radweg (1 of 5 milestones) and the fixture's e-mobilitaet (none)
        assert [cell_text(fields, row, c).strip() for c in range(1, 5)] == ["2", "1/5", "20 %", "–"]
        expected = progress_by(projects, "municipalities", vocabulary.municipality_slugs)
        municipalities = app.screen.query_one("#progress-municipalities", DataTable)
        for number, progress in enumerate(expected.values()):
            assert cell_text(municipalities, number, 1).strip() == str(progress.projects)
            assert cell_text(municipalities, number, 3) == percent_text(progress.milestone_percent)
            assert cell_text(municipalities, number, 4) == percent_text(progress.kpi_percent)
        rheine = vocabulary.municipality_slugs.index("rheine")
        assert cell_text(municipalities, rheine, 2) == "1/2" and cell_text(municipalities, rheine, 4) == "75 %"
        total = str(app.screen.query_one("#progress-total", Static).content)
        assert "projects shown (8): milestones 2 of 7 done (29 %), KPI progress 75 %" in total
        await pilot.press("escape")
        assert app.screen.id == "main"


async def test_the_detail_pane_shows_the_share_of_milestones_done(tui_repo, german):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "sensornetz")
        await settle(pilot)
        text = detail_text(app)
        assert "Meilensteine 1 von 2 erledigt (50 %)" in text
        assert "KPIs im Mittel zu 75 % erreicht" in text
        await highlight(pilot, "radweg")
        await settle(pilot)
        assert "Meilensteine 1 von 5 erledigt (20 %)" in detail_text(app)


async def test_the_region_view_lists_the_transfers_between_municipalities(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        transfers = app.screen.query_one("#region-transfers", DataTable)
        assert transfers.row_count == 1
        assert [cell_text(transfers, 0, c) for c in range(4)] == ["Rheine", "Greven", "sensornetz", "sensornetz-greven"]


async def test_the_help_names_the_deadlines_and_progress_keys_in_german(tui_repo, german):
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Fristen" in text and "Fortschritt" in text


async def test_a_failure_computing_the_deadlines_is_a_note_not_a_crash(tui_repo, monkeypatch):
    import tui.screens.deadlines

    def broken(*_args, **_kwargs):
        raise ValueError("a day past the calendar")

    monkeypatch.setattr(tui.screens.deadlines, "deadlines", broken)
    app = create_app(tui_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = await _open_deadlines(pilot)
        assert table.row_count == 0
        caption = str(app.screen.query_one("#deadlines-caption", Static).content)
        assert caption == "No deadlines: ValueError: a day past the calendar"
        await pilot.press("escape")
        assert app.screen.id == "main"
