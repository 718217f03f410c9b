"""Where the current branch stands against its remote: commits not yet pushed, commits waiting there.

``sync_state`` is what the TUI's status line shows (called from a worker: it may fetch). It never
raises for the usual states of a clone: no remote, no upstream, a detached HEAD, a remote that
cannot be reached are said plainly in ``SyncState.text()``. With ``fetch`` the remote branch is
fetched first (objects checked, no prompt); without, the last fetched state is counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git

from portfolio.errors import GitError, PortfolioError
from portfolio.git import repository
from portfolio.git.remote import NoRemoteBranch, fetch_branch, remote_names
from portfolio.git.sync import upstream_of
from portfolio.i18n import _, ngettext

# What is in the way of counting (``SyncState.problem``).
RESOLVABLE = ("merge", "rebase")  # operations left in progress that portfolio resolve decides
PROBLEMS = ("bare", "no-commits", "detached", "operation", "no-remote", "no-upstream", "no-remote-branch")


@dataclass(frozen=True)
class SyncState:
    branch: str | None  # None: no branch checked out
    remote: str | None = None
    remote_branch: str | None = None
    ahead: int = 0  # local commits the remote does not have
    behind: int = 0  # commits on the remote the branch does not have
    problem: str = ""  # one of PROBLEMS, or "" when ahead and behind are counted
    operation: str = ""  # a merge or rebase git left in progress
    unreachable: str = ""  # why the remote could not be fetched (the counts are then of the last fetch)

    @property
    def upstream(self) -> str:
        return f"{self.remote}/{self.remote_branch}"

    def text(self) -> str:
        """One line for the status line, e.g. "main: 2 to push, 3 to receive (origin/main)"."""
        if self.problem == "bare":
            return _("bare repository: nothing to sync")
        if self.problem == "detached":
            return _("no branch checked out (detached HEAD): nothing to sync")
        if self.problem == "operation" and self.operation in RESOLVABLE:
            return _("{branch}: a {operation} is in progress (sync can resolve it)").format(
                branch=self.branch or "HEAD", operation=self.operation
            )
        if self.problem == "operation":
            return _("{branch}: a {operation} is in progress; finish or abort it with git").format(
                branch=self.branch or "HEAD", operation=self.operation
            )
        if self.problem == "no-commits":
            return _("{branch}: no commits yet").format(branch=self.branch)
        if self.problem == "no-remote":
            return _("{branch}: no remote (changes stay in this clone)").format(branch=self.branch)
        if self.problem == "no-upstream":
            return _("{branch}: no upstream branch set, so nothing to sync with").format(branch=self.branch)
        if self.problem == "no-remote-branch":
            return _("{branch}: not on {remote} yet").format(branch=self.branch, remote=self.remote)
        if self.ahead == 0 and self.behind == 0:
            text = _("{branch}: up to date with {upstream}").format(branch=self.branch, upstream=self.upstream)
        else:
            parts = []
            if self.ahead:
                parts.append(ngettext("{count} to push", "{count} to push", self.ahead).format(count=self.ahead))
            if self.behind:
                parts.append(
                    ngettext("{count} to receive", "{count} to receive", self.behind).format(count=self.behind)
                )
            text = _("{branch}: {counts} ({upstream})").format(
                branch=self.branch, counts=", ".join(parts), upstream=self.upstream
            )
        if self.unreachable:
            text += " · " + _("{remote} not reachable").format(remote=self.remote)
        return text


def _counts(repo: git.Repo, local: str, upstream: str) -> tuple[int, int]:
    ahead, behind = repo.git.rev_list("--left-right", "--count", f"{local}...{upstream}", "--").split()
    return int(ahead), int(behind)


def _tracking_ref(repo: git.Repo, remote: str, branch: str) -> str | None:
    try:
        return repo.git.rev_parse("--verify", "--quiet", f"refs/remotes/{remote}/{branch}^{{commit}}").strip()
    except git.GitCommandError:
        return None


def _counted(repo: git.Repo, branch: str, head: str, upstream: tuple[str, str], fetch: bool) -> SyncState:
    remote, remote_branch = upstream
    unreachable = ""
    sha = None
    if fetch:
        try:
            sha = fetch_branch(repo, remote, remote_branch)
        except NoRemoteBranch:
            ahead = int(repo.git.rev_list("--count", head, "--").strip())
            return SyncState(branch, remote, remote_branch, ahead, 0, "no-remote-branch")
        except GitError as error:
            unreachable = error.message
    if sha is None:
        sha = _tracking_ref(repo, remote, remote_branch)
    if sha is None:
        if unreachable:
            return SyncState(branch, remote, remote_branch, unreachable=unreachable)
        return SyncState(branch, remote, remote_branch, problem="no-remote-branch")
    ahead, behind = _counts(repo, head, sha)
    return SyncState(branch, remote, remote_branch, ahead, behind, unreachable=unreachable)


def sync_state(root: Path, *, fetch: bool = True) -> SyncState:
    """The branch and how far it is from its upstream (fetched first when ``fetch``); see the module."""
    with repository.open_repo(root) as repo:
        if repo.bare:
            return SyncState(None, problem="bare")
        operation = repository.operation_in_progress(repo) or ""
        if repo.head.is_detached:
            if operation:
                return SyncState(None, problem="operation", operation=operation)
            return SyncState(None, problem="detached")
        branch = repo.active_branch.name
        if operation:
            return SyncState(branch, problem="operation", operation=operation)
        try:
            head = repo.git.rev_parse("--verify", "HEAD^{commit}").strip()
        except git.GitCommandError:
            return SyncState(branch, problem="no-commits")
        if not remote_names(repo):
            return SyncState(branch, problem="no-remote")
        upstream = upstream_of(repo, branch)
        if upstream is None or upstream[0] == "." or upstream[0] not in remote_names(repo):
            return SyncState(branch, problem="no-upstream")
        try:
            return _counted(repo, branch, head, upstream, fetch)
        except git.GitCommandError as error:
            raise PortfolioError(_("cannot count the commits: {detail}").format(detail=error.stderr or error)) from None
