"""Sync in the UI, against a remote served by ``git daemon`` on 127.0.0.1: the status line shows the
commits to push and to receive, S syncs in a worker with progress, and what came in is said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from collab_fixtures import all_refs, daemon_network, edit, git, git_daemon, head, portfolio, repository_state
from textual.widgets import DataTable, Input, RadioButton
from tui_helpers import cell_text, settle

from tui.app import create_app
from tui.messages import Synced, SyncProgressed
from tui.widgets.status_line import StatusLine


@pytest.fixture
def network(tmp_path: Path) -> Iterator:
    with git_daemon(tmp_path / "served") as (url, served):
        yield daemon_network(tmp_path, url, served)


def notifications(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


async def test_status_line_shows_unpushed_and_incoming_and_sync_brings_them(network):
    first, second = network.clones["first"], network.clones["second"]
    edit(first, "radweg", status="concept")
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", topics=["radverkehr", "schule"])
    seen = []
    app = create_app(second)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        line = app.screen.query_one(StatusLine)
        assert line.sync_text == "main: 1 to push, 1 to receive (origin/main)"
        assert "main: 1 to push, 1 to receive (origin/main)" in str(line.render())
        await pilot.press("S")
        await settle(pilot)
        steps = list(dict.fromkeys(message.text for message in seen if isinstance(message, SyncProgressed)))
        assert steps[:2] == ["checking the repository", "fetching origin/main"]
        synced = [message for message in seen if isinstance(message, Synced)]
        assert synced and synced[0].summary == "received 1 commit from origin/main and sent 1 commit on top of them"
        assert synced[0].came_in == ["changed  radweg", "    Status: Idea -> Concept"]
        assert "changed  radweg" in notifications(app)
        assert line.sync_text == "main: up to date with origin/main"
        table = app.screen.query_one("#projects", DataTable)
        row = next(row for row in range(table.row_count) if cell_text(table, row, 0) == "radweg")
        assert "Concept" in [cell_text(table, row, column) for column in range(len(table.columns))]
    assert head(second) == network.remote_head()
    assert git(second, "status", "--porcelain") == ""


async def test_reload_fetches_and_shows_what_waits_on_the_remote(network):
    first, second = network.clones["first"], network.clones["second"]
    app = create_app(second)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(StatusLine)
        assert line.sync_text == "main: up to date with origin/main"
        edit(first, "radweg", status="concept")
        assert portfolio(first, "sync").exit_code == 0
        await pilot.press("r")
        await settle(pilot)
        assert line.sync_text == "main: 1 to receive (origin/main)"


async def test_a_clone_without_remote_says_so(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(StatusLine).sync_text == "main: no remote (changes stay in this clone)"
        await pilot.press("S")
        await settle(pilot)
        assert "the branch 'main' has no upstream branch" in notifications(app)
        assert app.screen.id == "main"


def _conflicting(network):
    """first pushed title, status and summary; second changed the same three differently (and fetched)."""
    first, second = network.clones["first"], network.clones["second"]
    edit(first, "radweg", status="implementation", title="Radweg Rheine–Mesum (Ausbau)", summary="Von first")
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", status="on_hold", title="Radweg nach Mesum", summary="Von second", topics=["schule"])
    git(second, "fetch", "--quiet", "origin")
    return first, second


def _state(network):
    return [(all_refs(clone), repository_state(clone)) for clone in network.clones.values()] + [network.remote_head()]


async def _open_conflicts(pilot):
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    assert pilot.app.screen.id == "resolve"
    return pilot.app.screen


async def test_a_conflict_is_decided_in_the_ui_theirs_mine_and_an_edited_value(network):
    first, second = _conflicting(network)
    mine = head(second)
    app = create_app(second)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_conflicts(pilot)
        text = "\n".join(str(block.render()) for block in screen.query(".choice-values"))
        assert "radweg · Status\n  base:   Idea\n  mine:   On hold\n  theirs: Implementation" in text
        assert "  mine:   Radweg nach Mesum\n  theirs: Radweg Rheine–Mesum (Ausbau)" in text
        keys = [conflict.key for conflict in screen.to_decide.conflicts]
        assert keys == ["radweg.title", "radweg.status", "radweg.summary"]
        await pilot.press("ctrl+s")  # nothing chosen yet: refused, nothing changed
        await settle(pilot)
        assert "not decided yet: radweg.title, radweg.status, radweg.summary" in str(
            screen.query_one("#resolve-error").render()
        )
        screen.query_one("#choice-0-mine", RadioButton).value = True
        screen.query_one("#choice-1-theirs", RadioButton).value = True
        screen.query_one("#choice-2-edited", RadioButton).value = True
        await pilot.pause()
        edited = screen.query_one("#edited-2", Input)
        assert not edited.disabled
        edited.value = "Von beiden"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
        assert "Merged origin/main into main: 3 conflicts decided" in notifications(app)
        assert app.screen.query_one(StatusLine).sync_text == "main: up to date with origin/main"
    remote = network.remote_data("radweg")
    assert (remote["title"], remote["status"], remote["summary"]) == (
        "Radweg nach Mesum",
        "implementation",
        "Von beiden",
    )
    assert remote["topics"] == ["schule"]
    assert git(second, "log", "-1", "--format=%B").strip() == (
        "Merged origin/main into main: 3 conflicts decided\n\n"
        "Title of radweg: mine (Radweg nach Mesum)\n"
        "Status of radweg: theirs (Implementation)\n"
        "Summary of radweg: edited (Von beiden)"
    )
    assert git(second, "log", "-1", "--format=%P").split() == [mine, head(first)]
    assert head(second) == network.remote_head() and git(second, "status", "--porcelain") == ""


async def test_every_choice_of_the_conflict_screen_is_reached_by_keyboard_alone(network):
    _conflicting(network)
    app = create_app(network.clones["second"])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_conflicts(pilot)
        await pilot.press("space")  # title: the first choice has focus, "mine" highlighted
        await pilot.press("tab", "down", "space")  # status: theirs
        await pilot.press("tab", "down", "down", "space")  # summary: edited, and its box takes the focus
        await pilot.pause()
        assert app.focused is screen.query_one("#edited-2", Input)
        await pilot.press(*"Von beiden", "ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
    remote = network.remote_data("radweg")
    assert (remote["title"], remote["status"], remote["summary"]) == (
        "Radweg nach Mesum",
        "implementation",
        "Von beiden",
    )


async def test_giving_up_in_the_ui_leaves_both_clones_exactly_as_before(network):
    first, second = _conflicting(network)
    before = _state(network)
    app = create_app(second)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_conflicts(pilot)
        screen.query_one("#choice-1-theirs", RadioButton).value = True
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "main"
        assert "Nothing was changed" in notifications(app)
    assert _state(network) == before


async def test_a_merge_git_left_in_progress_opens_the_conflict_screen(network):
    first, second = _conflicting(network)
    git(second, "merge", "--quiet", "origin/main", check=False)
    app = create_app(second)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(StatusLine).sync_text == "main: a merge is in progress (sync can resolve it)"
        screen = await _open_conflicts(pilot)
        for number in range(3):
            screen.query_one(f"#choice-{number}-theirs", RadioButton).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
    assert not (second / ".git" / "MERGE_HEAD").exists()
    assert network.remote_data("radweg")["status"] == "implementation" and head(second) == network.remote_head()
