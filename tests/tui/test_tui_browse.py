"""Browsing: table, search, status line, sorting, broken files, external changes, palette, help (the
filters and the sort keys: test_tui_filters.py)."""

from __future__ import annotations

from factories import write_project
from textual import events
from textual.widgets import DataTable, Input, Static
from tui_helpers import cell_text, column_text, detail_text, screen_text, settle, type_text, widget_text

import tui.load_process
from tui.app import create_app
from tui.bindings import described


def status_line(app) -> str:
    return app.screen.query_one("#status-line").text  # the counts; the sync part: tests/tui/test_tui_sync.py


async def test_table_lists_projects_sorted_by_id_with_priority_fields_marked(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert column_text(table, 0) == [
            "buergerdienste",
            "e-mobilitaet",
            "gruenflaechen",
            "solarkataster",
            "wlan-rathaus",
        ]
        fields = dict(zip(column_text(table, 0), column_text(table, 5)))
        assert fields["solarkataster"] == "Energie ★"  # energie is a priority field of the region
        assert fields["buergerdienste"] == "Verwaltung"
        assert status_line(app) == "5 of 5 projects"


async def test_search_is_case_and_umlaut_insensitive_and_enter_moves_to_the_table(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused.id == "search"
        await type_text(pilot, "mobilitat")
        table = app.screen.query_one("#projects", DataTable)
        assert column_text(table, 0) == ["e-mobilitaet"]
        assert status_line(app).startswith("1 of 5 projects")
        await pilot.press("enter")
        assert app.focused is table and table.cursor_row == 0
        assert "Mobilität im Quartier" in detail_text(app)
        await pilot.press("escape")
        assert app.screen.query_one("#search", Input).value == ""
        assert table.row_count == 5


async def test_search_finds_summary_text(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "LADESAULEN")
        assert column_text(app.screen.query_one("#projects", DataTable), 0) == ["e-mobilitaet"]


async def test_clicking_a_column_header_sorts_by_it(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        table.post_message(
            DataTable.HeaderSelected(table, table.ordered_columns[2].key, 2, table.ordered_columns[2].label)
        )
        await pilot.pause()
        # Status in vocabulary order: Idee, Konzeption, Planung, Umsetzung, Abgeschlossen.
        assert column_text(table, 2) == ["Idee", "Konzeption", "Planung", "Umsetzung", "Abgeschlossen"]
        table.post_message(
            DataTable.HeaderSelected(table, table.ordered_columns[2].key, 2, table.ordered_columns[2].label)
        )
        await pilot.pause()
        assert column_text(table, 2)[0] == "Abgeschlossen"
        assert "Status ▼" in widget_text(table).splitlines()[0]  # the header shows the sort


async def test_broken_file_is_listed_and_the_rest_still_works(tui_repo):
    (tui_repo / "projects" / "kaputt.toml").write_text('title = "Kaputt"\nmodule = [\n', encoding="utf-8")
    write_project(tui_repo, "falscher-status", status="fertig")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == 5
        broken = str(app.screen.query_one("#broken", Static).content)
        assert "projects/kaputt.toml:" in broken and "invalid TOML" in broken
        assert "projects/falscher-status.toml:" in broken and "unknown status 'fertig'" in broken
        assert app.screen.query_one("#broken-files").display
        assert "2 broken files" in status_line(app)
        assert any("broken" in str(notification.message) for notification in app._notifications)
        assert "kaputt.toml" in screen_text(pilot)


async def test_every_broken_file_can_be_scrolled_to_from_the_keyboard(tui_repo):
    """The list is a few lines high: twelve broken files showed their first three and hid the rest."""
    for number in range(12):
        write_project(tui_repo, f"kaputt-{number:02}", status="fertig")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "kaputt-00.toml" in screen_text(pilot) and "kaputt-11.toml" not in screen_text(pilot)
        for _ in range(10):  # Tab from the table to the list (the search box and filters come first)
            if app.focused is app.screen.query_one("#broken-files"):
                break
            await pilot.press("tab")
        assert app.focused is app.screen.query_one("#broken-files")
        await pilot.press("end")
        await settle(pilot)
        assert "kaputt-11.toml" in screen_text(pilot)


async def test_external_change_is_picked_up_on_reload_and_on_focus(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        write_project(tui_repo, "neu-von-aussen", title="Von außen geschrieben")
        await pilot.press("r")
        await settle(pilot)
        assert "neu-von-aussen" in column_text(table, 0)
        (tui_repo / "projects" / "neu-von-aussen.toml").unlink()
        write_project(tui_repo, "buergerdienste", title="Bürgerdienste, im Editor geändert")
        app.post_message(events.AppBlur())  # the user switches to an editor ...
        app.post_message(events.AppFocus())  # ... and comes back
        await settle(pilot)
        assert "neu-von-aussen" not in column_text(table, 0)
        titles = dict(zip(column_text(table, 0), column_text(table, 1)))
        assert titles["buergerdienste"] == "Bürgerdienste, im Editor geändert"


async def test_command_palette_jumps_to_a_project(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "bürger")  # a filter that hides the target
        await pilot.press("ctrl+p")
        await type_text(pilot, "Solarkataster")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == 5
        assert cell_text(table, table.cursor_row, 0) == "solarkataster"


async def test_every_binding_has_an_id_and_a_tooltip_and_help_lists_them(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keys = {binding.key: binding for binding in described(app.screen)}
        assert set(keys) >= {"slash", "escape", "n", "e", "s", "h", "m", "r", "question_mark", "q"}
        assert described(app)[0].key == "ctrl+p"
        for binding in [*keys.values(), *described(app)]:
            assert binding.id and binding.tooltip, binding
        await pilot.press("question_mark")
        help_table = app.screen.query_one("#help-keys", DataTable)
        descriptions = column_text(help_table, 1)
        assert {"Search", "New", "Edit", "Status", "History", "Region", "Reload", "Help", "Quit", "Commands"} <= set(
            descriptions
        )
        await pilot.press("escape")
        assert app.screen.id == "main"


async def test_command_palette_runs_the_screen_actions(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Region view")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "region"


async def test_a_folder_that_is_no_portfolio_is_a_notification_not_a_crash(tui_repo):
    import shutil

    shutil.rmtree(tui_repo / "projects")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "is not a portfolio" in "\n".join(str(note.message) for note in app._notifications)
        assert str(app.screen.query_one("#status-line", Static).content).startswith("Not loaded:")
        await pilot.press("n")  # nothing to add to: no form, no crash
        assert app.screen.id == "main" and app.is_running


async def test_a_keystroke_that_changes_no_match_does_not_refill_the_table(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        keys_before = list(table.rows)
        await pilot.press("slash")
        await type_text(pilot, "i")  # every title or id has an "i"
        assert table.row_count == 5 and list(table.rows) == keys_before
        await type_text(pilot, "g")  # "ig": digitale, ...
        assert list(table.rows) != keys_before


async def test_a_long_table_is_filled_in_pieces_and_the_cursor_finds_a_late_row(portfolio_root, monkeypatch):
    from tui.widgets import row_pieces
    from tui.widgets.project_table import ProjectTable
    from tui.widgets.row_pieces import ROWS_A_STEP

    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 10**9)  # loaded here: a first look, then validated
    monkeypatch.setattr(row_pieces, "PIECE_SECONDS", 0)  # a step a piece, on any machine
    monkeypatch.setattr(row_pieces, "FIRST_PIECE_ROWS", ROWS_A_STEP)
    count = 4 * ROWS_A_STEP + 50
    for number in range(count):
        write_project(portfolio_root, f"projekt-{number:04d}", title=f"Projekt Nummer {number}")
    steps = []
    add_step = ProjectTable._add_step

    def counted(table, start, end, cursor):
        steps.append((start, end, table.filling))
        add_step(table, start, end, cursor)

    monkeypatch.setattr(ProjectTable, "_add_step", counted)
    seen = []
    app = create_app(portfolio_root)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == count and not table.filling
        # The first look's rows: the first piece at once, then a step a piece (in the worker: filling).
        step = ROWS_A_STEP
        assert steps == [
            (0, step, False),
            *((start, min(start + step, count), True) for start in range(step, count, step)),
        ]
        # Each fill is announced once: the first look at the files, then the validated portfolio.
        assert len({id(message) for message in seen if isinstance(message, ProjectTable.Filled)}) == 2
        app.screen.jump_to(f"projekt-{count - 1:04d}")
        await settle(pilot)
        assert cell_text(table, table.cursor_row, 0) == f"projekt-{count - 1:04d}"
        assert f"Projekt Nummer {count - 1}" in detail_text(app)


async def test_clicking_a_key_in_the_key_bar_presses_it(tui_repo):
    from tui.widgets.key_bar import KeyBar

    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        assert line.startswith(" / Search  esc Clear  n New") and line.rstrip().endswith("^p Commands")
        await pilot.click(KeyBar, offset=(line.index("? Help") + 2, 0))
        await settle(pilot)
        assert app.screen.id == "help"
        await pilot.press("escape")
        await pilot.click(KeyBar, offset=(line.index(" m ") + 1, 0))  # at 120 columns shown by its key alone
        await settle(pilot)
        assert app.screen.id == "region"
