"""Sync over the network: a real ``git daemon`` on 127.0.0.1, started and stopped by the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from collab_fixtures import edit, free_port, git, git_daemon, make_network, portfolio


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``git daemon`` serving tmp_path/served (push enabled); yields its base URL and folder."""
    with git_daemon(tmp_path / "served") as served:
        yield served


def test_two_clones_sync_through_git_daemon(tmp_path, daemon):
    url, served = daemon
    network = make_network(tmp_path / "work")
    git(tmp_path, "clone", "--quiet", "--bare", str(network.remote), str(served / "portfolio.git"))
    network.remote = served / "portfolio.git"
    first, second = (tmp_path / "first", tmp_path / "second")
    for clone in (first, second):
        git(tmp_path, "clone", "--quiet", f"{url}/portfolio.git", str(clone))
        assert portfolio(clone, "setup").exit_code == 0
    edit(first, "radweg", status="concept")
    edit(second, "radweg", municipalities=["rheine", "greven"])
    assert portfolio(first, "sync").exit_code == 0
    second_sync = portfolio(second, "sync")
    assert second_sync.exit_code == 0, second_sync.output
    remote = network.remote_data("radweg")
    assert remote["status"] == "concept" and remote["municipalities"] == ["rheine", "greven"]

    edit(first, "radweg", status="planning")
    assert portfolio(first, "sync").exit_code == 0  # receives the municipalities, sends the status
    edit(second, "radweg", status="on_hold")
    before = network.remote_head()
    conflict = portfolio(second, "sync")
    assert conflict.exit_code == 1
    assert 'project radweg: status was changed on both sides: remote "planning", local "on_hold"' in conflict.stderr
    assert network.remote_head() == before


def test_a_stopped_daemon_is_an_unreachable_remote(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "remote", "set-url", "origin", f"git://127.0.0.1:{free_port()}/portfolio.git")
    edit(root, "radweg", status="concept")
    result = portfolio(root, "sync")
    assert result.exit_code == 2
    assert "cannot fetch from the remote 'origin' (git://127.0.0.1:" in result.stderr
