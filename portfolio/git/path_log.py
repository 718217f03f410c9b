"""The history's pass over the commits (portfolio.git.log), limited to a few project files.

``portfolio history ID`` with no history computed yet needs one project, not the portfolio. The
pass is the same (every commit listed, with its real parents), but git compares each commit with
its first parent only at the paths asked for: about what ``git log --follow`` costs, against 4-5x
for every project file (measured at 1,000 projects / 10,000 commits). Renames are only detected
between the paths asked for, so the commits that touched them are read once more as the whole
pass lists them (``read_commits``): renames against all of ``projects/``.
"""

from __future__ import annotations

from collections.abc import Iterable

from portfolio.domain.ids import PROJECTS_PREFIX
from portfolio.git.log import GRAPH_FORMAT, LOG_OPTIONS, LoggedCommit, RunningLog, run_log
from portfolio.git.repository import Repo

PATH_LOG_OPTIONS = (
    *(option for option in LOG_OPTIONS if option != "-M" and not option.startswith("--format=")),
    f"--format={GRAPH_FORMAT}",  # read_commits tells the commits that touched the paths in full
    "--no-renames",  # ... and their renames, as the whole pass does
    "--stdin",  # the paths, after "--"
)
# Characters a pathspec reads as a pattern; git is given only paths without them.
_PATTERN_CHARACTERS = frozenset("*?[\\")


def is_plain_path(path: str) -> bool:
    """Whether git reads ``path`` as a pathspec that names only itself (no pattern, no newline)."""
    return "\n" not in path and not _PATTERN_CHARACTERS.intersection(path) and not path.startswith(":")


def _lines(items: Iterable[str]) -> bytes:
    return "".join(f"{item}\n" for item in items).encode("utf-8", "surrogateescape")


def start_path_log(repo: Repo, head: str, paths: Iterable[str]) -> RunningLog:
    """Every commit reachable from ``head`` as ``read_log`` lists them, but each with its changes to
    ``paths`` only (plain paths, see ``is_plain_path``), no renames, and of its header only the sha,
    the parents and the subject: git started (read the commits with ``.commits()``)."""
    stdin = b"--\n" + _lines(paths)
    return RunningLog(repo, [*PATH_LOG_OPTIONS, "--end-of-options", head], stdin=stdin, graph_only=True)


def read_commits(repo: Repo, shas: Iterable[str]) -> list[LoggedCommit]:
    """These commits as the whole-portfolio pass (portfolio.git.log.read_log) lists them: their real
    parents, their changes to ``projects/`` against their first parent, renames detected."""
    stdin = _lines(shas) + b"--\n" + _lines([PROJECTS_PREFIX])
    return run_log(repo, [*LOG_OPTIONS, "--no-walk=unsorted", "--stdin"], stdin=stdin)
