"""The branch's standing against its remote, as the status line shows it (``portfolio.git.sync_state``)."""

from __future__ import annotations

from collab_fixtures import edit, git, make_network, portfolio

from portfolio.git.sync_state import sync_state


def test_ahead_and_behind_are_counted_after_a_fetch(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    assert sync_state(second).text() == "main: up to date with origin/main"
    edit(first, "radweg", status="concept")
    edit(first, "radweg", status="planning")
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", topics=["schule"])
    assert sync_state(second, fetch=False).ahead == 1
    assert sync_state(second, fetch=False).behind == 0  # not fetched yet
    state = sync_state(second)
    assert (state.branch, state.ahead, state.behind) == ("main", 1, 2)
    assert state.text() == "main: 1 to push, 2 to receive (origin/main)"
    assert sync_state(second, fetch=False).behind == 2  # the fetch is remembered


def test_states_without_counts_are_said_plainly(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "branch", "--quiet", "--unset-upstream")
    assert sync_state(root).text() == "main: no upstream branch set, so nothing to sync with"
    git(root, "switch", "--quiet", "--detach", "HEAD")
    assert sync_state(root).problem == "detached"
    git(root, "switch", "--quiet", "main")
    git(root, "remote", "remove", "origin")
    assert sync_state(root).text() == "main: no remote (changes stay in this clone)"


def test_an_unreachable_remote_keeps_the_last_counts_and_says_so(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    edit(root, "radweg", status="concept")
    git(root, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    state = sync_state(root)
    assert state.ahead == 1 and state.unreachable
    assert state.text() == "main: 1 to push (origin/main) · origin not reachable"


def test_a_branch_not_yet_on_the_remote(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "-c", "feature", "--track", "origin/main")
    git(root, "config", "branch.feature.merge", "refs/heads/feature")
    assert sync_state(root).text() == "feature: not on origin yet"
