"""Start-up: when the validated portfolio replaces the first look, the table keeps the rows and
cells that read the same and replaces only what validation shows differently; the detail pane
follows once the validated table is painted."""

from __future__ import annotations

from factories import write_project
from tui_helpers import column_text, detail_text, first_look_in_table, held_validation, settle

import tui.load_process
from tui.app import create_app


async def test_the_validated_portfolio_keeps_the_first_looks_cells_and_replaces_what_differs(tui_repo, monkeypatch):
    # The first look does not read `public`: the validated row is the first to mark it internal.
    write_project(tui_repo, "intern", title="Interne Planung", public=False)
    validation_may_start = held_validation(monkeypatch)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#projects")
        await first_look_in_table(pilot, table)
        assert app.screen.portfolio is None
        ids = column_text(table, 0)
        before = {project_id: table.get_row(project_id) for project_id in ids}
        assert before["intern"][1].plain == "Interne Planung"
        validation_may_start.set()
        await settle(pilot)
        assert app.screen.portfolio is not None
        assert column_text(table, 0) == ids  # the same rows, in the same order
        after = {project_id: table.get_row(project_id) for project_id in ids}
        assert after["intern"][1].plain == "[internal] Interne Planung"
        for project_id in ids:
            kept = [new is old for new, old in zip(after[project_id], before[project_id])]
            if project_id == "intern":  # only the title changed
                assert kept == [True, False, True, True, True, True]
            else:
                assert all(kept), project_id
        assert "Digitale Bürgerdienste" in detail_text(app)  # the highlighted (first) project, validated


async def test_a_reload_that_changed_one_file_changes_its_row_only(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects")
        ids = column_text(table, 0)
        before = {project_id: table.get_row(project_id) for project_id in ids}
        write_project(tui_repo, "gruenflaechen", title="Grünflächen neu geplant", status="planning")
        await pilot.press("r")
        await settle(pilot)
        assert column_text(table, 0) == ids
        after = {project_id: table.get_row(project_id) for project_id in ids}
        assert after["gruenflaechen"][1].plain == "Grünflächen neu geplant"
        assert after["gruenflaechen"][2].plain == app.screen.portfolio.vocabulary.label("status", "planning")
        for project_id in ids:
            if project_id != "gruenflaechen":
                assert all(new is old for new, old in zip(after[project_id], before[project_id])), project_id


async def test_a_long_table_is_compared_in_pieces_and_a_late_row_is_still_updated(portfolio_root, monkeypatch):
    from tui.widgets import row_pieces
    from tui.widgets.row_pieces import ROWS_A_STEP

    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 10**9)  # loaded here: a first look, then validated
    monkeypatch.setattr(row_pieces, "PIECE_SECONDS", 0)  # a step a piece, on any machine
    monkeypatch.setattr(row_pieces, "FIRST_PIECE_ROWS", ROWS_A_STEP)
    count = 4 * ROWS_A_STEP + 50
    for number in range(count - 1):
        write_project(portfolio_root, f"projekt-{number:04d}", title=f"Projekt Nummer {number}")
    write_project(portfolio_root, f"projekt-{count - 1:04d}", title="Interne Planung", public=False)
    app = create_app(portfolio_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects")
        assert app.screen.portfolio is not None and table.row_count == count and not table.filling
        assert table.get_row(f"projekt-{count - 1:04d}")[1].plain == "[internal] Interne Planung"
