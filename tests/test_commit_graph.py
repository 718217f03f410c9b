"""git's commit-graph with changed paths (portfolio.git.commit_graph): told apart, written by setup and
init, kept by git, and used by one project's history (which tests/test_history_one_project.py
proves the same as the whole history's)."""

from __future__ import annotations

import json
import os
import subprocess

from collab_fixtures import edit, git, make_network, portfolio
from history_fixtures import drop_commit_graph

from portfolio.git.commit_graph import has_changed_paths, write_commit_graph
from portfolio.git.repository import open_repo
from portfolio.git.scaffold import init_portfolio


def changed_paths(root) -> bool:
    with open_repo(root) as repo:
        return has_changed_paths(repo)


def bloom_statistics(root, *arguments: str) -> dict:
    """What git's trace says its Bloom filters answered for ``git log arguments``."""
    trace = subprocess.run(
        ["git", "log", "--format=%H", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_TRACE2_EVENT": "2"},
    ).stderr
    for line in trace.splitlines():  # GIT_TRACE2_EVENT=2: the JSON events on stderr
        event = json.loads(line)
        if event.get("category") == "bloom" and event.get("key") == "statistics":
            value = event["value"]
            return value if isinstance(value, dict) else json.loads(value)
    return {}


def test_only_a_graph_with_changed_paths_in_every_layer_counts(tmp_path):
    root = make_network(tmp_path).clone("a")
    drop_commit_graph(root)
    assert not changed_paths(root)  # no graph at all
    git(root, "commit-graph", "write", "--reachable", "--no-changed-paths")
    assert not changed_paths(root)  # a graph, but without filters
    drop_commit_graph(root)
    git(root, "commit-graph", "write", "--reachable", "--split", "--changed-paths")
    assert changed_paths(root)
    edit(root, "radweg", status="concept")
    git(root, "commit-graph", "write", "--reachable", "--split=no-merge", "--no-changed-paths")
    assert len((root / ".git/objects/info/commit-graphs/commit-graph-chain").read_text().split()) == 2
    assert not changed_paths(root)  # the newer layer has none
    (root / ".git/objects/info/commit-graphs/commit-graph-chain").write_text("not a hash\n")
    assert not changed_paths(root)  # a chain naming no file git wrote


def test_init_writes_the_graph_and_git_keeps_its_changed_paths(tmp_path):
    new = init_portfolio(tmp_path / "p", example=False, commit=True)
    assert changed_paths(new)
    assert git(new, "config", "--local", "fetch.writeCommitGraph").strip() == "true"
    root = make_network(tmp_path / "network").clone("a")  # a local clone copies the seed's graph ...
    assert git(root, "rev-list", "--count", "HEAD").strip() == "2"  # ... of its first commit alone
    for status in ("concept", "planning", "implementation"):
        edit(root, "radweg", status=status)
    git(root, "gc", "--quiet")  # as git's automatic gc does: the graph again, for all commits
    assert changed_paths(root)
    statistics = bloom_statistics(root, "--", "projects/radweg.toml")
    assert statistics == {"filter_not_present": 0, "maybe": 4, "definitely_not": 0, "false_positive": 0}
    statistics = bloom_statistics(root, "--", "projects/never-there.toml")  # every commit's filter says no
    assert statistics == {"filter_not_present": 0, "maybe": 0, "definitely_not": 4, "false_positive": 0}


def test_setup_writes_the_graph_in_a_clone_and_says_so_each_time(tmp_path):
    network = make_network(tmp_path)
    clone = network.clone("a", setup=False)
    drop_commit_graph(clone)
    assert not changed_paths(clone)
    result = portfolio(clone, "setup")
    assert result.exit_code == 0, result.output
    assert "commit-graph with changed paths" in result.output
    assert changed_paths(clone)
    again = portfolio(clone, "setup")
    assert again.exit_code == 0 and "already set up" in again.output and "commit-graph" in again.output
    assert git(clone, "status", "--porcelain") == ""  # git's own files only


def test_a_repository_without_commits_gets_the_option_and_no_graph(tmp_path):
    root = tmp_path / "empty"
    root.mkdir()
    git(root, "init", "-q")
    with open_repo(root) as repo:
        assert write_commit_graph(repo) is False
    assert git(root, "config", "--local", "fetch.writeCommitGraph").strip() == "true"
    assert not changed_paths(root)


def test_a_shallow_clone_is_set_up_without_a_graph_and_without_saying_one_was_written(tmp_path):
    network = make_network(tmp_path)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{network.remote}", str(shallow))
    result = portfolio(shallow, "setup", "--no-commit")
    assert result.exit_code == 0, result.output
    assert "registered the merge driver" in result.output
    assert "commit-graph" not in result.output  # git writes none in a shallow clone
    assert not changed_paths(shallow)
