"""The git side of resolving a conflict of sync: find what both sides changed, and commit the decision.

Mine is the local branch, theirs the remote branch (fetched, so both sides stay reachable the whole
time: our commits on our branch, theirs under FETCH_HEAD and the remote-tracking ref). A merge or
rebase that git itself left in progress is read the same way: a merge's HEAD and MERGE_HEAD, a
rebase's original branch and the commit it is put on.

Nothing here touches the user's work tree, index or branch until the decision is committed: the
merge commit is made in a temporary work tree (as ``portfolio.git.integrate`` does), pushed, and
only then does the branch move to it. Giving up before that leaves every ref and file as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import git

from portfolio.domain.ids import project_id_of
from portfolio.errors import GitError, PortfolioError
from portfolio.files.reading import parse_project_bytes
from portfolio.git import repository
from portfolio.git.integrate import integration_options, unmerged_paths
from portfolio.git.merge import MergeResult, merge_project_data
from portfolio.git.merge_driver import OPEN_VOCABULARY
from portfolio.git.remote import PushRejected, fetch_branch, git_environment, push
from portfolio.git.sync import SyncTarget, move_branch, sync_target, upstream_of
from portfolio.i18n import _


class NothingToResolve(PortfolioError):
    exit_code = 0


@dataclass(frozen=True)
class ProjectVersions:
    """One project both sides changed so that fields conflict: its three versions and their merge."""

    project_id: str
    path: str
    base: dict[str, Any] | None
    mine: dict[str, Any]
    theirs: dict[str, Any]
    merge: MergeResult


@dataclass(frozen=True)
class Divergence:
    """Two sides to bring together: mine (``head`` on ``branch``) and theirs (``upstream``)."""

    branch: str
    head: str
    upstream: str
    theirs_name: str  # e.g. "origin/main", or the branch being merged
    remote: str | None  # where the result is pushed (None: not pushed)
    remote_branch: str | None
    projects: tuple[ProjectVersions, ...]
    unresolvable: tuple[str, ...] = ()  # files this cannot decide field by field, with why
    operation: str = ""  # "merge" or "rebase" that git left in progress


def _read(repo: git.Repo, commit: str, path: str) -> bytes | None:
    try:
        return repo.commit(commit).tree[path].data_stream.read()
    except KeyError:
        return None


def _data(raw: bytes, path: str) -> dict[str, Any] | None:
    parsed = parse_project_bytes(raw, path, OPEN_VOCABULARY)
    return parsed.project.model_dump(mode="python") if parsed.project is not None else None


def _changed(repo: git.Repo, old: str, new: str) -> set[str]:
    output = repo.git.diff("--name-only", "-z", "--no-renames", old, new, "--")
    return {path for path in output.split("\0") if path}


def _compared(repo: git.Repo, base: str, head: str, upstream: str) -> tuple[list[ProjectVersions], list[str]]:
    projects, unresolvable = [], []
    for path in sorted(_changed(repo, base, head) & _changed(repo, base, upstream)):
        project_id = project_id_of(path)
        if project_id is None:
            continue  # git's merge decides; a conflict there is named when the decision is committed
        raws = [_read(repo, commit, path) for commit in (base, head, upstream)]
        if raws[1] is None or raws[2] is None:
            unresolvable.append(_("{path}: removed on one side and changed on the other").format(path=path))
            continue
        data = [_data(raw, path) if raw is not None else None for raw in raws]
        if data[1] is None or data[2] is None or (raws[0] is not None and data[0] is None):
            unresolvable.append(_("{path}: a version cannot be read as a project").format(path=path))
            continue
        merge = merge_project_data(data[0], data[1], data[2])
        if merge.conflicts:
            projects.append(ProjectVersions(project_id, path, data[0], data[1], data[2], merge))
    return projects, unresolvable


def _git_file(repo: git.Repo, name: str) -> str:
    path = repository.git_dir(repo) / name
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def _sides_in_progress(repo: git.Repo, operation: str) -> tuple[str, str, str, str]:
    """(branch, mine, theirs, theirs' name) of a merge or rebase git left in progress."""
    if operation == "merge":
        if repo.head.is_detached:
            raise GitError(_("a merge is in progress on a detached HEAD; finish or abort it with git"))
        theirs = _git_file(repo, "MERGE_HEAD").splitlines()[0]
        return repo.active_branch.name, repo.git.rev_parse("--verify", "HEAD^{commit}").strip(), theirs, theirs[:12]
    folder = "rebase-merge" if (repository.git_dir(repo) / "rebase-merge").exists() else "rebase-apply"
    head_name = _git_file(repo, f"{folder}/head-name")
    mine, theirs = _git_file(repo, f"{folder}/orig-head"), _git_file(repo, f"{folder}/onto")
    if not head_name.startswith("refs/heads/") or not mine or not theirs:
        raise GitError(_("the rebase in progress is not of a branch; finish or abort it with git"))
    return head_name[len("refs/heads/") :], mine, theirs, theirs[:12]


def _in_progress(repo: git.Repo, operation: str) -> Divergence:
    if operation not in ("merge", "rebase"):
        raise GitError(
            _("a {operation} is in progress; finish or abort it first (git status shows how)").format(
                operation=operation
            )
        )
    branch, mine, theirs, name = _sides_in_progress(repo, operation)
    upstream = upstream_of(repo, branch)
    remote, remote_branch = upstream if upstream and upstream[0] != "." else (None, None)
    if remote is not None and _tracking(repo, remote, remote_branch) == theirs:
        name = f"{remote}/{remote_branch}"
    return Divergence(branch, mine, theirs, name, remote, remote_branch, (), (), operation)


def _tracking(repo: git.Repo, remote: str, branch: str) -> str:
    try:
        return repo.git.rev_parse("--verify", "--quiet", f"refs/remotes/{remote}/{branch}^{{commit}}").strip()
    except git.GitCommandError:
        return ""


def find_divergence(root: Path, remote: str | None = None, *, fetch: bool = True) -> Divergence:
    """What sync would have to decide, or what a merge or rebase in progress waits for.

    Raises NothingToResolve when the sides merge without a decision (then sync does it), and the
    refusals of sync (uncommitted changes, no upstream, an unreachable remote).
    """
    with repository.open_repo(root) as repo:
        operation = repository.operation_in_progress(repo)
        if operation:
            found = _in_progress(repo, operation)
        else:
            target = sync_target(repo, remote)
            upstream = (
                fetch_branch(repo, target.remote, target.remote_branch)
                if fetch
                else _tracking(repo, target.remote, target.remote_branch)
            )
            found = Divergence(
                target.local_branch,
                target.head,
                upstream,
                f"{target.remote}/{target.remote_branch}",
                target.remote,
                target.remote_branch,
                (),
            )
        try:
            base = repo.git.merge_base(found.head, found.upstream, "--").strip()
        except git.GitCommandError:
            raise GitError(
                _("your branch and {theirs} have no common history").format(theirs=found.theirs_name)
            ) from None
        projects, unresolvable = _compared(repo, base, found.head, found.upstream)
    if not projects and not unresolvable and not operation:
        raise NothingToResolve(_("nothing to decide: your changes and the remote's merge by themselves; run sync"))
    return Divergence(**{**found.__dict__, "projects": tuple(projects), "unresolvable": tuple(unresolvable)})


def _write_files(worktree_dir: Path, files: dict[str, bytes]) -> None:
    for path, content in files.items():
        target = worktree_dir / path
        if target.is_symlink():
            raise PortfolioError(_("{path} is a symbolic link; nothing was changed").format(path=path))
        target.write_bytes(content)


def commit_decision(root: Path, divergence: Divergence, files: dict[str, bytes], message: str) -> str:
    """The merge commit of both sides with ``files`` as decided (made in a temporary work tree); its sha."""
    scratch = Path(tempfile.mkdtemp(prefix="portfolio-resolve-"))
    worktree_dir = scratch / "worktree"
    added = False
    with repository.open_repo(root) as repo:
        repository.author_identity(repo.git)
        try:
            repo.git(c="core.hooksPath=/dev/null").worktree(
                "add", "--detach", "--quiet", str(worktree_dir), divergence.head
            )
            added = True
            worktree = git.Git(str(worktree_dir))
            command = worktree(c=integration_options(repo, scratch / "attributes"))
            env = {**git_environment(allow_prompt=False), "GIT_REFLOG_ACTION": "portfolio resolve"}
            try:
                command.merge("--no-commit", "--no-ff", "--no-verify", "--quiet", divergence.upstream, env=env)
            except git.GitCommandError:
                pass  # the conflicts the decision is about; any other is named below
            _write_files(worktree_dir, files)
            with tempfile.NamedTemporaryFile("wb", suffix=".pathspec") as pathspec:
                pathspec.write("".join(path + "\0" for path in files).encode("utf-8"))
                pathspec.flush()
                worktree.add(f"--pathspec-from-file={pathspec.name}", "--pathspec-file-nul")
            left = sorted(unmerged_paths(worktree))
            if left:
                raise PortfolioError(
                    _("these files still conflict and cannot be decided here: {paths}; nothing was changed").format(
                        paths=", ".join(left)
                    )
                )
            with repository._stdin(message) as stdin:
                command.commit("--no-verify", "--quiet", "-F", "-", istream=stdin, env=env)
            return worktree.rev_parse("--verify", "HEAD^{commit}").strip()
        finally:
            if added:
                try:
                    repo.git.worktree("remove", "--force", "--force", str(worktree_dir))
                    repo.git.worktree("prune")
                except git.GitCommandError:
                    pass
            shutil.rmtree(scratch, ignore_errors=True)


def publish_decision(root: Path, divergence: Divergence, commit: str) -> bool:
    """Push ``commit`` (when the branch has a remote), then move the branch to it; True when pushed."""
    with repository.open_repo(root) as repo:
        pushed = False
        if divergence.remote and divergence.remote_branch:
            try:
                push(repo, divergence.remote, commit, divergence.remote_branch)
                pushed = True
            except PushRejected as error:
                raise PushRejected(
                    _("{reason}; your branch is as it was: sync again to see the new conflicts").format(
                        reason=error.message
                    ),
                    moved=error.moved,
                ) from None
        if divergence.operation:
            getattr(repo.git, divergence.operation)("--abort")
        target = SyncTarget(divergence.branch, divergence.remote or "", divergence.remote_branch or "", divergence.head)
        move_branch(repo, target, commit)
        return pushed
