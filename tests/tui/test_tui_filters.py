"""Search, filters and sorting in the UI, by keyboard: umlaut spellings, several words, several values
per filter, active only, district-wide projects under a municipality, the sort keys, the palette."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import DataTable, Static
from tui_helpers import add_project, column_text, settle, type_text, widget_text

from tui.app import create_app


@pytest.fixture
def filter_repo(tui_repo):
    """``tui_repo`` and a project in Ibbenbüren, with a lead, partners and topics to search."""
    add_project(
        tui_repo,
        "stadtbaeume",
        title="Bodenfeuchte für Stadtbäume",
        status="operation",
        municipalities=["ibbenbueren"],
        fields_of_action=["umwelt"],
        lead="Grünflächenamt",
        partners=["Hochschule Osnabrück"],
        topics=["sensorik"],
        when="2026-01-10T09:00:00+01:00",
    )
    return tui_repo


def status_line(app) -> str:
    return app.screen.query_one("#status-line").text  # the counts; the sync part: tests/tui/test_tui_sync.py


def shown(app) -> list[str]:
    return sorted(column_text(app.screen.query_one("#projects", DataTable), 0))


async def search(pilot, text: str) -> list[str]:
    await pilot.press("escape")
    await pilot.press("slash")
    await type_text(pilot, text)
    await settle(pilot)
    return shown(pilot.app)


async def choose(pilot, name: str, *typed: str, done: str = "enter") -> None:
    """Open a filter's choices from its button (by keyboard), tick what each of ``typed`` jumps to."""
    pilot.app.screen.set_focus(pilot.app.screen.query_one(f"#filter-{name}"))
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen.id == "filter-choice"
    for text in typed:
        await type_text(pilot, text)
        await pilot.press("space")
    await pilot.press(done)
    await settle(pilot)


def button(app, name: str) -> str:
    return str(app.screen.query_one(f"#filter-{name}", Static).content)


@pytest.mark.parametrize("spelling", ["Ibbenbüren", "ibbenbueren", "IBBENBUREN", "ibben"])
async def test_the_search_box_finds_a_municipality_in_any_spelling(filter_repo, spelling):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await search(pilot, spelling) == ["stadtbaeume"]


async def test_the_search_box_finds_umlauts_spelled_out_several_words_labels_and_people(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for spelling in ("Bürger", "buerger", "burger"):
            assert await search(pilot, spelling) == ["buergerdienste"]
        assert await search(pilot, "gruenflaechen") == ["gruenflaechen", "stadtbaeume"]  # id, and a lead
        assert await search(pilot, "quartier umwelt") == ["e-mobilitaet"]  # every word, anywhere
        assert await search(pilot, "quartier energie") == []
        assert await search(pilot, "Technologie") == ["gruenflaechen"]  # a field's label ...
        assert await search(pilot, "environment") == ["e-mobilitaet", "gruenflaechen", "solarkataster", "stadtbaeume"]
        assert await search(pilot, "osnabruck") == ["stadtbaeume"]  # partners
        assert await search(pilot, "sensorik") == ["stadtbaeume"]  # topics
        assert await search(pilot, "Kreis Steinfurt") == ["solarkataster"]  # a municipality's name


async def test_several_values_in_a_filter_are_any_of_and_filters_together_all_of(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose(pilot, "municipalities", "rh", "gre")
        assert app.screen.project_filter.municipalities == {"rheine", "greven"}
        assert button(app, "municipalities") == "2 municipalities ▾"
        assert shown(app) == ["buergerdienste", "e-mobilitaet", "gruenflaechen", "solarkataster", "wlan-rathaus"]
        await choose(pilot, "fields", "umw", "mob")
        assert shown(app) == ["e-mobilitaet", "gruenflaechen", "solarkataster"]
        await choose(pilot, "statuses", "konz")
        assert button(app, "statuses") == "Konzeption ▾"
        assert shown(app) == ["gruenflaechen"]
        assert status_line(app).startswith("1 of 6 projects")
        await choose(pilot, "statuses", "konz")  # unticked again: all statuses
        await choose(pilot, "modules", "3")
        assert shown(app) == ["e-mobilitaet", "gruenflaechen"]
        await pilot.press("escape")  # clears everything
        assert len(shown(app)) == 6 and button(app, "municipalities") == "Municipality ▾"


async def test_the_choices_list_jumps_cancels_and_unticks_all(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose(pilot, "municipalities", done="escape")  # opened and left: nothing changes
        assert app.screen.project_filter.is_empty
        app.screen.set_focus(app.screen.query_one("#filter-municipalities"))
        await pilot.press("enter")
        await type_text(pilot, "ibb")
        await pilot.press("enter")  # nothing ticked: enter takes the highlighted choice
        await settle(pilot)
        assert app.screen.project_filter.municipalities == {"ibbenbueren"}
        assert button(app, "municipalities") == "Ibbenbüren ▾"
        assert app.focused.id == "filter-municipalities"  # back on the button
        await pilot.press("space")  # the button opens the list again, Ibbenbüren ticked
        await settle(pilot)
        await type_text(pilot, "rh")
        await pilot.press("space", "escape")
        await settle(pilot)
        assert app.screen.project_filter.municipalities == {"ibbenbueren"}  # escape: as it was
        await choose(pilot, "municipalities", done="delete")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.project_filter.municipalities == frozenset()  # delete: all again


async def test_active_only_switch_leaves_out_terminal_statuses(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert "wlan-rathaus" not in shown(app) and len(shown(app)) == 5  # completed is terminal
        assert "active only" in status_line(app)
        await pilot.press("a")
        await settle(pilot)
        assert len(shown(app)) == 6 and "active only" not in status_line(app)


async def test_district_wide_projects_come_marked_under_a_municipality_and_can_be_left_out(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        await choose(pilot, "municipalities", "rh")
        assert shown(app) == ["buergerdienste", "gruenflaechen", "solarkataster", "wlan-rathaus"]
        municipalities = dict(zip(column_text(table, 0), column_text(table, 4)))
        assert municipalities["solarkataster"] == "⊕ Kreis Steinfurt"
        assert municipalities["gruenflaechen"] == "Rheine, Ochtrup"
        assert "⊕ 1 district-wide project" in status_line(app)
        await pilot.press("w")
        await settle(pilot)
        assert shown(app) == ["buergerdienste", "gruenflaechen", "wlan-rathaus"]
        assert "district-wide projects left out" in status_line(app)
        await pilot.press("w")
        await settle(pilot)
        assert "solarkataster" in shown(app)
        await choose(pilot, "municipalities", "rh", "kreis")  # the district itself chosen: not marked
        assert dict(zip(column_text(table, 0), column_text(table, 4)))["solarkataster"] == "Kreis Steinfurt"


async def test_keys_cycle_the_sort_column_and_flip_its_direction_shown_in_the_header(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)

        def header() -> str:
            return widget_text(table).splitlines()[0]

        assert "ID ▲" in header() and column_text(table, 0)[0] == "buergerdienste"
        await pilot.press("o")
        await settle(pilot)
        assert "Title ▲" in header() and "ID ▲" not in header()
        titles = column_text(table, 1)
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("O")
        await settle(pilot)
        assert "Title ▼" in header() and column_text(table, 1) == titles[::-1]
        await pilot.press("o")
        await settle(pilot)
        assert "Status ▲" in header()
        assert column_text(table, 2)[:2] == ["Idee", "Konzeption"]  # in the vocabulary's order
        for _ in range(4):
            await pilot.press("o")
        await settle(pilot)
        assert "ID ▲" in header()  # after the last column, the first again


async def test_help_lists_the_filter_and_sort_keys(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        help_keys = app.screen.query_one("#help-keys", DataTable)
        keys = dict(zip(column_text(help_keys, 0), column_text(help_keys, 1)))
        assert {keys["f"], keys["a"], keys["w"], keys["o"], keys["O"]} == {
            "Filters",
            "Active only",
            "District-wide",
            "Sort",
            "Reverse sort",
        }


async def test_the_palette_finds_with_the_same_search(filter_repo):
    app = create_app(filter_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "ibben")
        await settle(pilot)
        hits = [str(option.prompt).splitlines()[0] for option in app.screen.query_one(CommandList).options]
        assert hits == ["Bodenfeuchte für Stadtbäume (stadtbaeume)"]
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert column_text(table, 0)[table.cursor_row] == "stadtbaeume"
