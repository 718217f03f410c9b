"""The terminal UI marks an internal project in the table and the detail pane, and its form's checkbox
makes a project internal (``public = false``)."""

from __future__ import annotations

import tomllib

from history_fixtures import save
from textual.geometry import Region
from textual.widgets import Checkbox, DataTable

from tui.app import create_app


async def _settle(pilot) -> None:
    for _round in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


def _rows(table: DataTable) -> dict[str, str]:
    """id -> title cell."""
    cells = [table.get_row_at(row) for row in range(table.row_count)]
    return {str(getattr(row[0], "plain", row[0])): str(getattr(row[1], "plain", row[1])) for row in cells}


def _fields_text(app) -> str:
    pane = app.screen.query_one("#fields")
    lines = pane.render_lines(Region(0, 0, pane.outer_size.width, pane.outer_size.height))
    return "\n".join(strip.text.rstrip() for strip in lines)


async def test_the_table_and_the_detail_mark_an_internal_project_and_the_form_makes_one(portfolio_root):
    save(portfolio_root, "intern", "Add intern", title="Interne Personalplanung", public=False)
    save(portfolio_root, "offen", "Add offen", title="Offenes Radwegenetz")
    app = create_app(portfolio_root)
    async with app.run_test(size=(120, 50)) as pilot:
        await _settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert _rows(table) == {"intern": "[internal] Interne Personalplanung", "offen": "Offenes Radwegenetz"}
        table.move_cursor(row=0)
        await _settle(pilot)
        assert "no (internal: not published)" in _fields_text(app)

        table.move_cursor(row=1)
        await _settle(pilot)
        assert "internal" not in _fields_text(app)
        await pilot.press("e")
        form = app.screen
        assert form.id == "project-form"
        checkbox = form.query_one("#field-public", Checkbox)
        assert checkbox.value is True
        checkbox.value = False
        await pilot.pause()
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert app.screen.id == "main"
        assert (
            tomllib.loads((portfolio_root / "projects" / "offen.toml").read_text(encoding="utf-8"))["public"] is False
        )
        assert _rows(app.screen.query_one("#projects", DataTable))["offen"] == "[internal] Offenes Radwegenetz"
