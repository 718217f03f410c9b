"""When the portfolio began and when its projects last changed: the day of the first commit of
HEAD's history, the day of the last commit touching ``projects/``, and whether the work tree has
changes there.

The open-data catalogue dates itself by them (``dct:issued``, ``dct:modified``), so exporting it
again without a new commit gives the same file, and a harvester sees a change only when there is one.
Both are cheap at any size: the last change is the first commit a path-limited ``git log`` meets
(it stops there), the first commit a walk of the commit graph without any tree diff. The oldest
commit touching ``projects/`` would need a path-limited walk of the whole history, which diffs every
commit's tree as the history's ``git log --raw -- projects/`` does (~26 s at 5,000 projects and
50,000 commits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import git

from portfolio.domain.ids import PROJECTS_PREFIX


@dataclass(frozen=True)
class ProjectDates:
    first: date  # the day of the oldest root commit of HEAD: when the portfolio began
    last: date  # the day of the newest commit touching projects/
    uncommitted: bool  # the work tree or index differs from HEAD under projects/ (or has untracked files there)


def _commit_day(iso: str) -> date | None:
    """The day of a commit date (``%cI``) in the committer's own time zone, as the committer saw it."""
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        return None  # a year git writes and Python cannot hold (10000 and later)


def project_dates(root: Path) -> ProjectDates | None:
    """The dates of the history of the repository at ``root``; None outside a repository, without a
    commit touching ``projects/``, or when git cannot tell."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        last = repo.git.log("--no-color", "-1", "--format=%cI", "--end-of-options", "HEAD", "--", PROJECTS_PREFIX)
        # more than one root when unrelated histories were merged: the oldest began the portfolio
        roots = repo.git.log("--no-color", "--max-parents=0", "--format=%cI", "--end-of-options", "HEAD").split()
        status = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", PROJECTS_PREFIX)
    except git.GitCommandError:
        return None  # no commit yet (unborn HEAD), or a repository git cannot read
    finally:
        repo.close()
    last_day = _commit_day(last.strip())
    first_days = [day for day in map(_commit_day, roots) if day is not None]
    if last_day is None or not first_days:
        return None  # no commit touches projects/, or only at a date Python cannot hold
    return ProjectDates(first=min(first_days), last=last_day, uncommitted=bool(status))
