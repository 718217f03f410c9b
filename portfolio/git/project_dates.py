"""When the projects were first published and last changed: the days of the first and the last
commit on HEAD's history that touch ``projects/``, and whether the work tree has changes there.

The open-data catalogue dates itself by them (``dct:issued``, ``dct:modified``), so exporting it
again without a new commit gives the same file, and a harvester sees a change only when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import git

from portfolio.domain.ids import PROJECTS_PREFIX


@dataclass(frozen=True)
class ProjectDates:
    first: date  # the day of the oldest commit touching projects/
    last: date  # the day of the newest one
    uncommitted: bool  # the work tree or index differs from HEAD under projects/ (or has untracked files there)


def _commit_day(iso: str) -> date | None:
    """The day of a commit date (``%cI``) in the committer's own time zone, as the committer saw it."""
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        return None  # a year git writes and Python cannot hold (10000 and later)


def project_dates(root: Path) -> ProjectDates | None:
    """The dates of the projects' history in the repository at ``root``; None outside a repository,
    without a commit touching ``projects/``, or when git cannot tell."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        # newest first; one pass, the first line is the last change and the last line the first
        listed = repo.git.log("--no-color", "--format=%cI", "--end-of-options", "HEAD", "--", PROJECTS_PREFIX).split()
        status = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", PROJECTS_PREFIX)
    except git.GitCommandError:
        return None  # no commit yet (unborn HEAD), or a repository git cannot read
    finally:
        repo.close()
    days = [day for day in map(_commit_day, listed) if day is not None]
    if not days:
        return None
    return ProjectDates(first=days[-1], last=days[0], uncommitted=bool(status))
