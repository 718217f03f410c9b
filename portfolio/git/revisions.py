"""Questions about revisions and trees that the history asks git: which commit HEAD is, whether one
commit is an ancestor of another, how many commits a range holds, the merge base of two commits,
and which project files a commit's tree holds.

Revisions (which may come from a user) follow ``--end-of-options``, paths follow ``--``. A question
git cannot answer comes back as None (or False, or 0), as the callers decide what it means.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git

from portfolio.domain.ids import PROJECTS_PREFIX, project_id_of
from portfolio.errors import GitError
from portfolio.git.repository import Repo
from portfolio.i18n import _


def head_commit(repo: Repo) -> str | None:
    """The sha of HEAD's commit; None in a repository without commits."""
    try:  # read from the ref files (no git process): this is on the path of every warm call
        sha = git.SymbolicReference.dereference_recursive(repo, "HEAD")
        if sha and len(sha) == 40:
            return sha
    except (ValueError, OSError, TypeError, IndexError):
        pass  # unborn branch, or a ref storage GitPython does not read: ask git
    return commit_of(repo, "HEAD")


def commit_of(repo: Repo, revision: str) -> str | None:
    """The sha of the commit ``revision`` names; None when it names none."""
    try:
        return repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").strip() or None
    except git.GitCommandError:
        return None


def is_ancestor(repo: Repo, older: str, newer: str) -> bool:
    """Whether ``older`` is ``newer`` or one of its ancestors (False also when git cannot tell)."""
    try:
        repo.git.merge_base("--is-ancestor", "--end-of-options", older, newer)
        return True
    except git.GitCommandError:
        return False


def count_commits(repo: Repo, revisions: list[str], max_count: int | None = None) -> int:
    """How many commits ``revisions`` (e.g. ``[head, "^old"]``) select, at most ``max_count``; 0 if git fails."""
    limit = () if max_count is None else (f"--max-count={int(max_count)}",)
    try:
        return int(repo.git.rev_list("--count", *limit, "--end-of-options", *revisions).strip() or 0)
    except (git.GitCommandError, ValueError):
        return 0


def merge_base(repo: Repo, one: str, other: str) -> str | None:
    """The best common ancestor of two commits; None when they have none."""
    try:
        return repo.git.merge_base("--end-of-options", one, other).strip() or None
    except git.GitCommandError:
        return None


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """One entry of a tree: its mode, kind (blob, commit, tree), object sha and path from the root."""

    mode: str
    kind: str
    sha: str
    path: str


def project_tree(repo: Repo, commit: str) -> list[TreeEntry]:
    """The entries of the projects folder in ``commit``'s tree (one ``git ls-tree``)."""
    try:
        listing = repo.git.ls_tree(
            "-z", "--full-tree", "--end-of-options", commit, "--", PROJECTS_PREFIX, stdout_as_string=False
        )
    except git.GitCommandError as error:
        raise GitError(_("git failed: {detail}").format(detail=error)) from None
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _tab, name = item.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split(" ")
        entries.append(TreeEntry(mode, kind, sha, name.decode("utf-8", "replace")))
    return entries


def shallow_boundaries(repo: Repo) -> list[str]:
    """The commits a shallow clone ends at (their parents are missing); [] in a complete clone."""
    shallow_file = Path(repo.common_dir) / "shallow"
    if not shallow_file.exists():  # no git process on the path of every warm call
        return []
    try:
        if repo.git.rev_parse("--is-shallow-repository").strip() != "true":
            return []
        listed = shallow_file.read_text(encoding="ascii", errors="replace")
    except (git.GitCommandError, OSError):
        return []
    return [line.strip() for line in listed.splitlines() if line.strip()]


def holds_projects(repo: Repo, commit: str) -> bool:
    """Whether ``commit``'s tree has a project file (False when git does not have the commit)."""
    try:
        return any(project_id_of(entry.path) is not None for entry in project_tree(repo, commit))
    except GitError:
        return False
