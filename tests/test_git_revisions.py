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
