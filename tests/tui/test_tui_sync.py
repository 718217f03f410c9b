"""Sync in the UI, against a remote served by ``git daemon`` on 127.0.0.1: the status line shows the
commits to push and to receive, S syncs in a worker with progress, and what came in is said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from collab_fixtures import daemon_network, edit, git, git_daemon, head, portfolio
from textual.widgets import DataTable
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
        assert "no upstream branch" in notifications(app) or "no remote" in notifications(app)
