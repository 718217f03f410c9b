"""The git layer's questions about revisions and trees, on a real repository."""

from __future__ import annotations

import pytest
from history_fixtures import git, save

from portfolio.errors import GitError
from portfolio.git.repository import open_repo
from portfolio.git.revisions import commit_of, count_commits, head_commit, is_ancestor, merge_base, project_tree


def test_head_and_revisions_name_their_commits(repo):
    with open_repo(repo) as handle:
        assert head_commit(handle) == git(repo, "rev-parse", "HEAD")
        assert commit_of(handle, "HEAD~1") == git(repo, "rev-parse", "HEAD~1")
        assert commit_of(handle, "no-such-branch") is None


def test_a_revision_that_looks_like_an_option_is_a_revision(repo):
    with open_repo(repo) as handle:
        assert commit_of(handle, "--output=stolen") is None
        assert count_commits(handle, ["--all"]) == 0
        assert not is_ancestor(handle, "--help", "HEAD")
    assert not (repo / "stolen").exists()


def test_a_repository_without_commits_has_no_head(tmp_path):
    git(tmp_path, "init", "-q", "empty")
    with open_repo(tmp_path / "empty") as handle:
        assert head_commit(handle) is None


def test_ancestry_counts_and_merge_bases(repo):
    first = git(repo, "rev-parse", "HEAD~1")
    git(repo, "switch", "-q", "-c", "feature", first)
    side = save(repo, "schulen", "Add schulen", title="Digitale Schulen")
    with open_repo(repo) as handle:
        head = commit_of(handle, "main")
        assert is_ancestor(handle, first, head) and not is_ancestor(handle, side, head)
        assert count_commits(handle, [head]) == 3  # the initial commit and two saves
        assert count_commits(handle, [head, f"^{first}"]) == 1
        assert count_commits(handle, [head], max_count=2) == 2
        assert merge_base(handle, side, head) == first
    git(repo, "switch", "-q", "--orphan", "unrelated")
    git(repo, "commit", "-q", "--allow-empty", "-m", "unrelated")
    with open_repo(repo) as handle:
        assert merge_base(handle, "unrelated", "main") is None


def test_the_project_tree_lists_the_projects_folder_only(repo):
    with open_repo(repo) as handle:
        entries = project_tree(handle, git(repo, "rev-parse", "HEAD"))
        assert [(entry.path, entry.kind, entry.mode) for entry in entries] == [
            ("projects/.gitkeep", "blob", "100644"),
            ("projects/radweg.toml", "blob", "100644"),
        ]  # not schema/
        assert entries[1].sha == git(repo, "rev-parse", "HEAD:projects/radweg.toml")
        with pytest.raises(GitError):
            project_tree(handle, "0" * 40)


def _listed(*shas_and_parents: str) -> list:
    from portfolio.git.log import LoggedCommit

    return [
        LoggedCommit(sha, tuple(parents.split()), "A", "a@example.org", "2026-01-01T00:00:00+00:00", "", "")
        for sha, parents in (item.split(":") for item in shas_and_parents)
    ]


def test_commits_git_listed_children_first_stay_in_that_order():
    from portfolio.git.log import topological

    commits = _listed("d:b c", "c:a", "b:a", "a:")
    assert topological(commits) == commits


def test_a_parent_listed_before_its_child_comes_after_it():
    """A commit dated before its parent (a wrong clock) is listed by git before that parent."""
    from portfolio.git.log import topological

    commits = _listed("d:b c", "b:a", "x:", "a:", "c:b")
    assert [commit.sha for commit in topological(commits)] == ["d", "x", "c", "b", "a"]
