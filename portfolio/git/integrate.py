"""Bringing local commits on top of the upstream branch, in a throw-away work tree.

The user's own work tree, index and branch are never in an in-between state: the rebase (or, when
the local commits include merges, a merge) runs in a temporary ``git worktree`` on a detached
HEAD. If it stops on a conflict, the conflicts are read there (the merge driver reports project
files field by field), the operation is aborted and the temporary work tree removed: the
repository is exactly as before. If it succeeds, the caller gets the new commit to push.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import git

from portfolio.domain.ids import project_id_of
from portfolio.errors import PortfolioError
from portfolio.git.merge import describe_conflict
from portfolio.git.merge_driver import MERGE_REPORT_ENV
from portfolio.git.merge_setup import ATTRIBUTES_LINE, attributes_select_driver, driver_config
from portfolio.git.remote import git_environment
from portfolio.git.repository import status_entries
from portfolio.i18n import _


@dataclass(frozen=True)
class FileConflict:
    """One file that could not be merged: a project with its fields, or another file."""

    path: str
    fields: tuple[dict[str, Any], ...] = ()  # conflict summaries from the merge driver
    unreadable: tuple[str, ...] = ()  # why a version could not be read field by field
    reason: str = ""  # for files the driver did not handle (e.g. removed on one side)

    @property
    def project_id(self) -> str | None:
        return project_id_of(self.path)

    def lines(self, labels: tuple[str, str]) -> list[str]:
        name = _("project {id}").format(id=self.project_id) if self.project_id else self.path
        if self.fields:
            return [f"{name}: {describe_conflict(summary, labels)}" for summary in self.fields]
        if self.unreadable:
            return [
                _("{name}: a version cannot be read, so it cannot be merged field by field: {why}").format(
                    name=name, why=why
                )
                for why in self.unreadable
            ]
        return [f"{name}: {self.reason}"]


class SyncConflict(PortfolioError):
    """Local and remote changes conflict; nothing was changed. ``conflicts`` name project and field."""

    exit_code = 1

    def __init__(self, message: str, conflicts: list[FileConflict], labels: tuple[str, str]) -> None:
        super().__init__(message)
        self.conflicts = conflicts
        self.labels = labels

    def lines(self) -> list[str]:
        return [line for conflict in self.conflicts for line in conflict.lines(self.labels)]


@dataclass
class Integration:
    head: str  # the commit to push
    method: str  # "rebase" or "merge"


_UNMERGED_CODES = frozenset({"DD", "AU", "UA", "DU", "UD", "AA", "UU"})


def _status_reason(code: str, labels: tuple[str, str]) -> str:
    ours, theirs = labels
    return {
        "DD": _("removed on both sides, renamed differently"),
        "AU": _("added by {ours}, changed by {theirs}").format(ours=ours, theirs=theirs),
        "UA": _("added by {theirs}, changed by {ours}").format(ours=ours, theirs=theirs),
        "DU": _("removed by {ours}, changed by {theirs}").format(ours=ours, theirs=theirs),
        "UD": _("changed by {ours}, removed by {theirs}").format(ours=ours, theirs=theirs),
        "AA": _("added on both sides with different content"),
        "UU": _("changed on both sides, and git could not merge it"),
    }.get(code, _("conflict ({code})").format(code=code))


def unmerged_paths(worktree: git.Git) -> dict[str, str]:
    """Unmerged paths of the temporary work tree with their two-letter status."""
    output = worktree.status("--porcelain=v1", "-z", "--untracked-files=no")
    return {path: code for code, path in status_entries(output) if code in _UNMERGED_CODES}


def _read_report(report: Path) -> dict[str, dict]:
    by_path: dict[str, dict] = {}
    if not report.exists():
        return by_path
    for line in report.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        by_path[entry["path"]] = entry  # the latest report for a path is the one that stopped git
    return by_path


def _conflicts(worktree: git.Git, report: Path, labels: tuple[str, str]) -> list[FileConflict]:
    reported = _read_report(report)
    unmerged = unmerged_paths(worktree)
    conflicts = []
    for path in sorted(set(unmerged) | set(reported)):
        entry = reported.get(path)
        if entry:
            conflicts.append(FileConflict(path, tuple(entry["conflicts"]), tuple(entry["unreadable"])))
        else:
            conflicts.append(FileConflict(path, reason=_status_reason(unmerged[path], labels)))
    return conflicts


def integration_options(repo: git.Repo, attributes_file: Path) -> list[str]:
    options = [f"{key}={value}" for key, value in driver_config().items()]
    options += [
        "rebase.autoStash=false",
        "rebase.updateRefs=false",
        "rebase.autoSquash=false",
        "merge.autoStash=false",
        "core.hooksPath=/dev/null",
    ]
    if not attributes_select_driver(repo):
        # A clone that never ran `portfolio setup` (or a repository without the .gitattributes
        # line): give git the driver's attribute for this operation only.
        attributes_file.write_text(ATTRIBUTES_LINE + "\n", encoding="utf-8")
        options.append(f"core.attributesFile={attributes_file}")
    return options


def integrate(repo: git.Repo, local: str, upstream: str, *, message: str) -> Integration:
    """Rebase ``local`` onto ``upstream`` (merge when local history has merges) in a temporary work tree.

    Raises SyncConflict (naming files and fields) when it cannot be done without a decision;
    the repository is then exactly as before.
    """
    scratch = Path(tempfile.mkdtemp(prefix="portfolio-sync-"))
    worktree_dir = scratch / "worktree"
    report = scratch / "conflicts.jsonl"
    merges = int(repo.git.rev_list("--merges", "--count", f"{upstream}..{local}").strip() or 0)
    method = "merge" if merges else "rebase"
    # In a rebase, git's "ours" is the upstream and "theirs" the local commit being replayed.
    labels = (_("remote"), _("local")) if method == "rebase" else (_("local"), _("remote"))
    env = {**git_environment(allow_prompt=False), MERGE_REPORT_ENV: str(report), "GIT_REFLOG_ACTION": "portfolio sync"}
    added = False
    try:
        repo.git(c="core.hooksPath=/dev/null").worktree("add", "--detach", "--quiet", str(worktree_dir), local)
        added = True
        worktree = git.Git(str(worktree_dir))
        command = worktree(c=integration_options(repo, scratch / "attributes"))
        try:
            if method == "rebase":
                command.rebase("--quiet", "--no-verify", upstream, env=env)
            else:
                command.merge("--no-edit", "--no-verify", "--quiet", "-m", message, upstream, env=env)
        except git.GitCommandError as error:
            conflicts = _conflicts(worktree, report, labels)
            try:
                getattr(worktree, method)("--abort")
            except git.GitCommandError:
                pass  # the temporary work tree goes away anyway
            if not conflicts:
                detail = (error.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
                raise PortfolioError(
                    _(
                        "could not bring your commits on top of the remote's; nothing was changed. git said: {detail}"
                    ).format(detail=detail)
                ) from None
            raise SyncConflict(
                _(
                    "your changes and the remote's conflict; nothing was changed (your commits are still on your "
                    "branch, the remote is as it was)"
                ),
                conflicts,
                labels,
            ) from None
        head = worktree.rev_parse("--verify", "HEAD^{commit}").strip()
        return Integration(head, method)
    finally:
        if added:
            try:
                repo.git.worktree("remove", "--force", "--force", str(worktree_dir))
            except git.GitCommandError:
                pass
        shutil.rmtree(scratch, ignore_errors=True)
        if added:
            try:
                repo.git.worktree("prune")
            except git.GitCommandError:
                pass
