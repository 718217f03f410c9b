"""Start-up: the projects are painted from a first look at the files, then validated; a file the
first look showed but validation refuses leaves the table and is listed as broken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factories import write_project
from textual.widgets import Static
from tui_helpers import (
    app_showing,
    column_text,
    detail_text,
    first_look_in_table,
    held_validation,
    settle,
    widget_text,
)

from tui.app import create_app

REPOSITORY = Path(__file__).resolve().parents[2]


def status_line(app) -> str:
    return app.screen.query_one("#status-line").text  # the counts; the sync part: tests/tui/test_tui_sync.py


async def test_projects_are_shown_before_validation_and_a_refused_file_then_leaves_the_table(tui_repo, monkeypatch):
    write_project(tui_repo, "falscher-status", title="Falscher Status", status="fertig")  # reads, but is not valid
    validation_may_start = held_validation(monkeypatch)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        table = app.screen.query_one("#projects")
        await first_look_in_table(pilot, table)
        assert app.screen.portfolio is None  # not validated yet ...
        assert "falscher-status" in column_text(table, 0) and table.row_count == 6  # ... but every file is listed
        assert status_line(app) == "6 projects · checking the files…"
        assert "Checking the project files…" in widget_text(app.screen.query_one("#detail-message"))
        for key in ("e", "n", "s", "x", "d", "u", "z", "h", "m"):  # nothing to change or look into yet: said so
            await pilot.press(key)
            assert app.screen.id == "main"
        assert sum("Still checking" in str(note.message) for note in app._notifications) == 9
        validation_may_start.set()
        await settle(pilot)
        assert app.screen.portfolio is not None
        assert column_text(table, 0) == [
            "buergerdienste",
            "e-mobilitaet",
            "gruenflaechen",
            "solarkataster",
            "wlan-rathaus",
        ]
        broken = str(app.screen.query_one("#broken", Static).content)
        assert "projects/falscher-status.toml" in broken and "unknown status 'fertig'" in broken
        assert status_line(app) == "5 of 5 projects · 1 broken file"
        assert "Digitale Bürgerdienste" in detail_text(app)


def test_the_table_is_painted_before_pydantic_or_git_is_imported():
    script = """
import sys
from pathlib import Path
from textual import on
from tui.app import PortfolioApp
from tui.widgets.project_table import ProjectTable

class Probe(PortfolioApp):
    imported = None
    rows = 0

    @on(ProjectTable.Filled)
    def filled(self, message):
        if self.imported is None:
            self.imported = sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'pydantic_core', 'git'))
            self.rows = message.table.row_count
            self.exit()

app = Probe(Path(sys.argv[1]))
app.run(headless=True, size=(120, 40))
print(app.imported, app.rows)
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPOSITORY)], capture_output=True, text=True, cwd=REPOSITORY, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    projects = len(list((REPOSITORY / "projects").glob("*.toml")))
    assert result.stdout.split() == ["[]", str(projects)]


async def test_the_table_says_when_it_has_drawn_its_rows(tui_repo):
    """What the full load waits for (tui/screens/main.py): the frame with every row of the first look."""
    from portfolio.files.first_look import first_look
    from tui.widgets.project_table import ProjectTable

    look = first_look(tui_repo)

    app = app_showing(ProjectTable(id="projects"))
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.query_one(ProjectTable)
        drawn: list[int] = []
        table.when_drawn(lambda: drawn.append(table.row_count))
        table.refresh()
        await pilot.pause()
        assert drawn == []  # drawn without rows: not yet
        table.show(list(look.projects), look.labels)
        await pilot.pause()
        assert drawn == [5]
        table.refresh()
        await pilot.pause()
        assert drawn == [5]  # once
