"""The commit a history is of: HEAD, unless the clone is shallow where it holds projects."""

from __future__ import annotations

from portfolio.errors import GitError
from portfolio.git.repository import Repo
from portfolio.git.revisions import head_commit, holds_projects, shallow_boundaries
from portfolio.i18n import _


def history_head(repo: Repo) -> str | None:
    """HEAD's commit (None in a repository without commits).

    Raises GitError in a shallow clone whose boundary already has project files: their history
    would start there, each project "created" in that commit by whoever made it.
    """
    head = head_commit(repo)
    if head is None:
        return None
    for boundary in shallow_boundaries(repo):
        if holds_projects(repo, boundary):
            raise GitError(
                _(
                    "this is a shallow clone: its history stops at commit {commit}, so every project there "
                    "would seem created in it; run 'git fetch --unshallow' (or clone without --depth) and try again"
                ).format(commit=boundary[:12])
            )
    return head
