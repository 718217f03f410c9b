"""The first full load in a child process (tui.load_process): what it sends is what a load here
finds, a child that cannot load sends nothing, a small portfolio gets no child, the child never runs
code from the working directory, and the app shows what the child sent."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from factories import write_project
from tui_helpers import column_text, settle, type_text

import tui.load_process
from portfolio.domain.search import SearchIndex
from portfolio.files.first_look import first_look
from portfolio.files.loading import load_portfolio
from tui.app import create_app
from tui.load_process import LoadProcess
from tui.widgets.project_texts import row_widths, text_widths


def test_the_child_sends_the_portfolio_a_load_here_finds_and_its_search_texts(tui_repo, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    write_project(tui_repo, "falscher-status", title="Falscher Status", status="fertig")
    child = LoadProcess.start(tui_repo)
    assert child is not None
    look = first_look(tui_repo)
    assert child.first_look() == (look, text_widths(look.projects, look.labels))
    assert child.first_look() == (look, text_widths(look.projects, look.labels))  # asked again: the same
    sent = child.portfolio()
    here = load_portfolio(tui_repo)
    assert sent is not None and sent.projects == here.projects and list(sent.projects) == list(here.projects)
    assert sent.problems == here.problems and sent.problems  # the broken file, with its reason
    assert sent.files_checked == here.files_checked and sent.vocabulary == here.vocabulary
    assert child.row_widths() == {
        project_id: row_widths(stored, here.vocabulary) for project_id, stored in here.projects.items()
    }
    index = SearchIndex(here.vocabulary)
    assert child.search_texts() == {project_id: index.text(stored) for project_id, stored in here.projects.items()}
    assert child.row_widths() is None and child.search_texts() is None  # sent once; the child is done and reaped


def test_the_child_writes_into_a_wide_pipe(tui_repo, monkeypatch):
    import fcntl

    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    child = LoadProcess.start(tui_repo)
    assert child is not None and child.first_look() is not None  # the child has set its pipe up by now
    assert fcntl.fcntl(child._child.stdout.fileno(), fcntl.F_GETPIPE_SZ) == tui.load_process.PIPE_BYTES
    child.close()


def test_a_child_that_cannot_load_sends_nothing(tui_repo, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    (tui_repo / "schema" / "statuses.toml").write_text("not [ toml", encoding="utf-8")  # the load raises
    child = LoadProcess.start(tui_repo)
    assert child is not None
    assert child.first_look() is None  # not even the schema reads
    assert child.portfolio() is None and child.search_texts() is None


def test_messages_are_read_in_their_order_or_not_at_all(tui_repo, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    child = LoadProcess.start(tui_repo)
    assert child is not None
    assert child.portfolio() is None  # the first look comes first: the child is ended
    assert child.first_look() is None and child.search_texts() is None


def test_the_portfolio_waits_once_the_child_has_sent_it(tui_repo, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    child = LoadProcess.start(tui_repo)
    assert child is not None and child.first_look() is not None
    deadline = time.monotonic() + 30
    while not child.portfolio_waits() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.portfolio_waits()
    assert child.portfolio() is not None
    child.close()


def test_opening_the_ui_starts_the_child_before_textual_is_imported(tui_repo):
    script = "import sys, tui.launch\nassert 'textual' not in sys.modules, 'tui.launch imports Textual'\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_small_portfolio_is_loaded_without_a_child(tui_repo, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 6)
    assert LoadProcess.start(tui_repo) is None  # five project files
    write_project(tui_repo, "sechstes", title="Sechstes Projekt")
    child = LoadProcess.start(tui_repo)
    assert child is not None
    child.close()


def test_the_child_runs_no_code_from_the_working_directory(tui_repo, tmp_path, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    planted = tmp_path / "cloned" / "tui"
    planted.mkdir(parents=True)
    marker = tmp_path / "planted-code-ran"
    (planted / "__init__.py").write_text("", encoding="utf-8")
    (planted / "load_process.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    monkeypatch.chdir(planted.parent)
    child = LoadProcess.start(tui_repo)
    assert child is not None
    assert child.first_look() is not None
    sent = child.portfolio()
    child.close()
    assert not marker.exists()
    assert sent is not None and list(sent.projects) == list(load_portfolio(tui_repo).projects)


async def test_the_app_shows_what_the_child_loaded(tui_repo, monkeypatch):
    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    app = create_app(tui_repo)  # the child starts here, with the real load
    import portfolio.files.loading

    def no_load_here(*_args, **_kwargs):
        raise AssertionError("the first load was not the child's")

    monkeypatch.setattr(portfolio.files.loading, "load_portfolio", no_load_here)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.portfolio is not None and len(app.screen.portfolio.projects) == 5
        table = app.screen.query_one("#projects")
        await pilot.press("slash")
        await type_text(pilot, "ladesaeulen")  # in the summary only: found by the child's search text
        await settle(pilot)
        assert column_text(table, 0) == ["e-mobilitaet"]


@pytest.mark.parametrize("validated_in_time", [True, False])
async def test_the_validated_table_is_painted_first_when_the_child_is_done_in_time(
    tui_repo, monkeypatch, validated_in_time
):
    from tui.widgets.project_table import ProjectTable

    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", 1)
    monkeypatch.setattr(LoadProcess, "portfolio_waits", lambda _self: validated_in_time)
    seen = []
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        assert app.screen.portfolio is not None and len(app.screen.portfolio.projects) == 5
        fills = {id(message) for message in seen if isinstance(message, ProjectTable.Filled)}
        # Done in time: one table, the validated one; else the first look, then the validated table.
        assert len(fills) == (1 if validated_in_time else 2)
        assert column_text(app.screen.query_one("#projects"), 0) == sorted(app.screen.portfolio.projects)
