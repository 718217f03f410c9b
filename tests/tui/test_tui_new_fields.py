"""The form, the detail pane and the filter bar with funding terms, decisions, measurements, SDGs, transfers."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList
from tui_helpers import add_project, column_text, detail_text, highlight, settle, type_text

from portfolio.i18n import reset_language, use_language
from tui.app import create_app

FUNDING = [{"source": "Land NRW", "amount_eur": 150000, "rate_percent": 80, "period_end": date(2027, 12, 31)}]
KPIS = [{"name": "Sensoren", "unit": "Stück", "baseline": 0, "target": 200}]
MEASUREMENTS = [
    {"kpi": "Sensoren", "date": date(2025, 12, 31), "value": 50},
    {"kpi": "Sensoren", "date": date(2026, 6, 30), "value": 150},
]


def _portfolio(root) -> None:
    add_project(
        root,
        "sensornetz",
        title="Sensornetz Rheine",
        funding=FUNDING,
        kpis=KPIS,
        measurements=MEASUREMENTS,
        sdgs=[9, 11],
    )
    add_project(root, "sensornetz-greven", title="Sensornetz Greven", adopted_from="sensornetz", sdgs=[13])


async def test_the_detail_pane_shows_progress_with_a_sparkline_and_the_adopters(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "sensornetz")
        await settle(pilot)
        text = detail_text(app)
        assert "Sensoren: 0 -> 200 Stück  ▁█ now 150 (2026-06-30) 75 %" in text
        assert "Adopted by" in text and "sensornetz-greven" in text
        assert "11 Nachhaltige Städte und Gemeinden" in text  # the vocabulary in the portfolio's language


@pytest.fixture
def german():
    use_language("de")  # as `portfolio --lang de` does before the UI starts
    yield
    reset_language()


async def test_the_form_edits_terms_decisions_and_sdgs_typed_the_german_way(tui_repo, german):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "sensornetz")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert form.id == "project-form"
        sdgs = form.query_one("#field-sdgs", SelectionList)
        assert sorted(sdgs.selected) == [9, 11]
        sdgs.deselect(9)
        sdgs.select(13)
        own_share = form.query_one("#field-funding-0-own-share-eur", Input)
        form.set_focus(own_share)
        await type_text(pilot, "37.500 €")
        form.set_focus(form.query_one("#field-funding-0-interim-due", Input))
        await type_text(pilot, "31.12.2026, 30.6.2027")
        form.set_focus(form.query_one("#field-decisions-add"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused.id == "field-decisions-0-body"
        await type_text(pilot, "Kreistag")
        await pilot.press("tab")
        await type_text(pilot, "1.3.2026")
        await pilot.press("tab")
        await type_text(pilot, "A 112/2026")
        await pilot.press("tab")
        assert app.focused.id == "field-decisions-0-result"
        await type_text(pilot, "besch")  # the label in the portfolio's language: beschlossen
        assert form.query_one("#field-decisions-0-result", Select).value == "approved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
    data = tomllib.loads((tui_repo / "projects" / "sensornetz.toml").read_text(encoding="utf-8"))
    assert data["sdgs"] == [11, 13]
    assert data["funding"][0]["own_share_eur"] == 37500
    assert data["funding"][0]["interim_due"] == [date(2026, 12, 31), date(2027, 6, 30)]
    assert data["decisions"] == [
        {"body": "Kreistag", "date": date(2026, 3, 1), "reference": "A 112/2026", "result": "approved"}
    ]
    assert data["measurements"] == MEASUREMENTS  # untouched rows stay as they were


async def test_a_proof_due_before_the_period_ends_is_refused_in_the_form_at_its_row(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "sensornetz")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        form.set_focus(form.query_one("#field-funding-0-proof-due", Input))
        await type_text(pilot, "30.06.2027")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "project-form"  # refused, everything typed kept
        assert form.query_one("#field-funding-0-proof-due", Input).has_class("invalid")
        assert "proof of use" in str(form.query_one("#field-funding-0-error").content)


async def test_the_sdg_filter_shows_the_projects_that_serve_a_chosen_goal(tui_repo):
    _portfolio(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.set_focus(app.screen.query_one("#filter-sdgs"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "filter-choice"
        await type_text(pilot, "maßn")  # Maßnahmen zum Klimaschutz (13)
        await pilot.press("space", "enter")
        await settle(pilot)
        assert column_text(app.screen.query_one("#projects", DataTable), 0) == ["sensornetz-greven"]
