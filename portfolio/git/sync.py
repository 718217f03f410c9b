"""``portfolio sync``: fetch, bring local commits on top of the upstream branch, push. Never forces.

The function ``sync`` is what the CLI and the TUI call (the TUI from a worker, with a progress
callback). Every refusal is a PortfolioError with a message that says what to do, and leaves the
repository as it was: checks come first, the rebase runs in a temporary work tree (see
``portfolio.git.integrate``), the push sends the result before the local branch moves, and the branch
moves only if nobody changed it meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git

from portfolio.domain.ids import PROJECTS_DIR
from portfolio.errors import GitError
from portfolio.git import repository
from portfolio.git.integrate import SyncConflict, integrate
from portfolio.git.remote import PushRejected, check_remote, fetch_branch, push
from portfolio.i18n import _, ngettext

__all__ = ["SyncConflict", "SyncResult", "NotReadyToSync", "sync"]

# (step, message): step is one of "check", "fetch", "integrate", "push", "update", "retry", "done".
Progress = Callable[[str, str], None]

# Untracked files here would be overwritten or hidden by incoming commits: they count as changes.
_WATCHED_UNTRACKED = (PROJECTS_DIR, "schema")


class NotReadyToSync(GitError):
    """The repository is in a state in which sync would change or lose something: nothing was done."""


@dataclass(frozen=True)
class SyncResult:
    remote: str
    branch: str  # the branch on the remote
    outcome: str  # "up-to-date", "fast-forward", "pushed", "rebased", "merged"
    head: str  # the local branch's commit afterwards
    received: int  # commits that came from the remote
    sent: int  # local commits now on the remote
    retried: bool = False
    before: str = ""  # the local branch's commit when sync started (what came in: before..head)

    def message(self) -> str:
        if self.outcome == "up-to-date":
            return _("already up to date with {remote}/{branch}").format(remote=self.remote, branch=self.branch)
        received = ngettext("{count} commit", "{count} commits", self.received).format(count=self.received)
        sent = ngettext("{count} commit", "{count} commits", self.sent).format(count=self.sent)
        if self.outcome == "fast-forward":
            return _("received {received} from {remote}/{branch}").format(
                received=received, remote=self.remote, branch=self.branch
            )
        if self.outcome == "pushed":
            return _("sent {sent} to {remote}/{branch}").format(sent=sent, remote=self.remote, branch=self.branch)
        return _("received {received} from {remote}/{branch} and sent {sent} on top of them").format(
            received=received, sent=sent, remote=self.remote, branch=self.branch
        )


@dataclass(frozen=True)
class SyncTarget:
    local_branch: str  # e.g. "main"
    remote: str
    remote_branch: str
    head: str  # the local branch's commit when sync started


def _dirty_paths(repo: git.Repo) -> list[str]:
    tracked = repo.git.status("--porcelain=v1", "-z", "--untracked-files=no")
    untracked = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", *_WATCHED_UNTRACKED)
    paths: list[str] = []
    for _code, path in repository.status_entries(tracked) + repository.status_entries(untracked):
        if path not in paths:
            paths.append(path)
    return paths


def upstream_of(repo: git.Repo, branch: str) -> tuple[str, str] | None:
    """(remote, branch on the remote) of the local branch's upstream, if one is configured."""
    try:
        remote = repo.git.config("--get", f"branch.{branch}.remote").strip()
        merge = repo.git.config("--get", f"branch.{branch}.merge").strip()
    except git.GitCommandError:
        return None
    if not remote or not merge.startswith("refs/heads/"):
        return None
    return remote, merge[len("refs/heads/") :]


def sync_target(repo: git.Repo, remote: str | None) -> SyncTarget:
    """Check that sync can run without changing or losing anything, and find what to sync with."""
    if repo.bare:
        raise NotReadyToSync(_("this is a bare repository; sync needs a work tree"))
    operation = repository.operation_in_progress(repo)
    if operation:
        raise NotReadyToSync(
            _(
                "a {operation} is in progress in this repository; finish or abort it first "
                "(git status shows how); nothing was changed"
            ).format(operation=operation)
        )
    if repo.head.is_detached:
        raise NotReadyToSync(
            _(
                "HEAD is detached (no branch is checked out), so there is nothing to sync; "
                "check out your branch first, e.g. git switch main; nothing was changed"
            )
        )
    if (Path(repo.git_dir) / "index.lock").exists():
        raise NotReadyToSync(
            _(
                "another git process is running in this repository ({lock} exists); wait for it "
                "to finish, or remove the file if none is running"
            ).format(lock=Path(repo.git_dir) / "index.lock")
        )
    try:
        head = repo.git.rev_parse("--verify", "HEAD^{commit}").strip()
    except git.GitCommandError:
        raise NotReadyToSync(_("the branch has no commits yet; nothing to sync")) from None
    branch = repo.active_branch.name
    dirty = _dirty_paths(repo)
    if dirty:
        shown = ", ".join(dirty[:5]) + (", ..." if len(dirty) > 5 else "")
        raise NotReadyToSync(
            _(
                "there are changes that are not committed ({paths}); commit them (e.g. with "
                "'portfolio set' or git commit) or put them aside with 'git stash', then sync "
                "again; nothing was changed"
            ).format(paths=shown)
        )
    upstream = upstream_of(repo, branch)
    if remote is None:
        if upstream is None:
            raise NotReadyToSync(
                _(
                    "the branch {branch!r} has no upstream branch, so sync does not know where to "
                    "sync with; set one with: git branch --set-upstream-to=origin/{branch} "
                    "(or run: portfolio sync --remote NAME); nothing was changed"
                ).format(branch=branch)
            )
        remote, remote_branch = upstream
        if remote == ".":
            raise NotReadyToSync(
                _("the upstream of {branch!r} is a local branch, not a remote; nothing to sync").format(branch=branch)
            )
    else:
        remote_branch = upstream[1] if upstream else branch
    check_remote(repo, remote)
    return SyncTarget(branch, remote, remote_branch, head)


def _counts(repo: git.Repo, local: str, upstream: str) -> tuple[int, int]:
    ahead, behind = repo.git.rev_list("--left-right", "--count", f"{local}...{upstream}").split()
    return int(ahead), int(behind)


def move_branch(repo: git.Repo, target: SyncTarget, new_head: str) -> None:
    """Move the local branch and the work tree to ``new_head``, unless someone changed them meanwhile."""
    current = repo.git.rev_parse("--verify", "HEAD^{commit}").strip()
    if repo.head.is_detached or repo.active_branch.name != target.local_branch or current != target.head:
        raise GitError(
            _(
                "the remote now has your commits ({sha}), but your branch changed while syncing, so it "
                "was left as it is; run sync again"
            ).format(sha=new_head[:12])
        )
    try:
        repo.git.reset("--keep", "--quiet", new_head, env={"GIT_REFLOG_ACTION": "portfolio sync"})
    except git.GitCommandError as error:
        detail = (error.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
        raise GitError(
            _(
                "the remote now has your commits ({sha}), but your work tree could not be updated: "
                "{detail}. Run: git reset --keep {sha}"
            ).format(sha=new_head[:12], detail=detail)
        ) from None


def _on_top(
    repo: git.Repo, target: SyncTarget, upstream: str, ahead: int, behind: int, say: Progress
) -> tuple[str, str]:
    """The head to push, and how it came about: our commits as they are, or put on top of the remote's."""
    if not behind:
        return target.head, "pushed"
    say(
        "integrate",
        _("putting your {ahead} commit(s) on top of {behind} new one(s)").format(ahead=ahead, behind=behind),
    )
    repository.author_identity(repo.git)  # the replayed commits need a committer
    message = _("Merge {remote}/{branch} into {local}").format(
        remote=target.remote, branch=target.remote_branch, local=target.local_branch
    )
    integration = integrate(repo, target.head, upstream, message=message)
    return integration.head, "rebased" if integration.method == "rebase" else "merged"


def _pushed(
    repo: git.Repo, target: SyncTarget, upstream: str, new_head: str, *, last_try: bool, allow_prompt: bool
) -> bool:
    """Push ``new_head``; False when the remote moved meanwhile and another try may succeed."""
    try:
        push(repo, target.remote, new_head, target.remote_branch, allow_prompt=allow_prompt)
        return True
    except PushRejected as error:
        if not error.moved:
            # A ref that moved after git read it is refused as "failed to update ref": ask the remote.
            moved = fetch_branch(repo, target.remote, target.remote_branch, allow_prompt=allow_prompt) != upstream
            error = PushRejected(error.message, moved=moved) if moved else error
        if error.moved and not last_try:
            return False
        if error.moved:
            raise PushRejected(
                _(
                    "the remote {remote!r} received new commits again while syncing; nothing "
                    "was overwritten and your branch is as it was; run sync again"
                ).format(remote=target.remote),
                moved=True,
            ) from None
        raise


def sync(
    root: Path, remote: str | None = None, progress: Progress | None = None, *, allow_prompt: bool = False
) -> SyncResult:
    """Sync the current branch with its upstream (or with the same branch on ``remote``).

    Raises NotReadyToSync (dirty work tree, detached HEAD, no upstream, operation in progress),
    RemoteUnreachable / RemoteDataRejected / NoRemoteBranch (fetch), PushRejected (the remote moved
    twice, or refused), SyncConflict (exit code 1; ``.lines()`` name project and field).
    In each case the repository is as it was.
    """
    say = progress or (lambda step, message: None)
    with repository.open_repo(root) as repo:
        say("check", _("checking the repository"))
        target = sync_target(repo, remote)
        retried = False
        for attempt in (1, 2):
            say("fetch", _("fetching {remote}/{branch}").format(remote=target.remote, branch=target.remote_branch))
            upstream = fetch_branch(repo, target.remote, target.remote_branch, allow_prompt=allow_prompt)
            ahead, behind = _counts(repo, target.head, upstream)
            if ahead == 0 and behind == 0:
                say("done", _("already up to date"))
                return SyncResult(
                    target.remote, target.remote_branch, "up-to-date", target.head, 0, 0, retried, target.head
                )
            if ahead == 0:
                say("update", _("updating your branch ({count} new commits)").format(count=behind))
                move_branch(repo, target, upstream)
                say("done", _("done"))
                return SyncResult(
                    target.remote, target.remote_branch, "fast-forward", upstream, behind, 0, retried, target.head
                )
            new_head, outcome = _on_top(repo, target, upstream, ahead, behind, say)
            say("push", _("sending to {remote}/{branch}").format(remote=target.remote, branch=target.remote_branch))
            if not _pushed(repo, target, upstream, new_head, last_try=attempt == 2, allow_prompt=allow_prompt):
                retried = True
                say("retry", _("the remote moved meanwhile; trying once more"))
                continue
            if new_head != target.head:
                say("update", _("updating your branch"))
                move_branch(repo, target, new_head)
            say("done", _("done"))
            sent = int(repo.git.rev_list("--count", f"{upstream}..{new_head}").strip())
            return SyncResult(
                target.remote, target.remote_branch, outcome, new_head, behind, sent, retried, target.head
            )
    raise AssertionError("unreachable")  # the loop returns or raises
