"""The history's pass over the commits (portfolio.git.log), limited to a few project files.

``portfolio history ID`` with no history computed yet needs one project, not the portfolio. The
pass is the same (every commit listed, with its real parents), but git compares each commit with
its first parent only at the paths asked for: about what ``git log --follow`` costs, against 4-5x
for every project file (measured at 1,000 projects / 10,000 commits). Renames are only detected
between the paths asked for, so the commits that touched them are read once more as the whole
pass lists them (``read_commits``): renames against all of ``projects/``.

Where git's commit-graph has changed-path Bloom filters (portfolio.git.commit_graph), the same is
asked of three quicker gits instead: the commits that touched the paths in full (a walk that asks
the filters), every commit with its parents (from the graph, without reading a commit), and the
merges with their subjects (what the derivation names a merge by). At 1,000 x 10,000: 0.20 s of git
for a project against 0.43 s. Of the commits that touched the paths, only those that added or
deleted one of them are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from portfolio.domain.ids import PROJECTS_PREFIX
from portfolio.git.commit_graph import has_changed_paths
from portfolio.git.log import GRAPH_FORMAT, LOG_OPTIONS, LoggedCommit, RunningLog, run_log, topological
from portfolio.git.repository import Repo

PATH_LOG_OPTIONS = (
    *(option for option in LOG_OPTIONS if option != "-M" and not option.startswith("--format=")),
    f"--format={GRAPH_FORMAT}",  # read_commits tells the commits that touched the paths in full
    "--no-renames",  # ... and their renames, as the whole pass does
    "--stdin",  # the paths, after "--"
)
# The commits that touched the paths, told as PATH_LOG_OPTIONS tells them but in full: those
# different at the paths from any parent (a superset of those that changed them against the first,
# which is all the walk can ask of git; their first-parent changes tell).
_TOUCHING_OPTIONS = (
    *(option for option in PATH_LOG_OPTIONS if option not in ("--sparse", f"--format={GRAPH_FORMAT}")),
    next(option for option in LOG_OPTIONS if option.startswith("--format=")),
)
_MERGES_OPTIONS = ("--no-color", "--merges", f"--format={GRAPH_FORMAT}", "-z")
# Characters a pathspec reads as a pattern; git is given only paths without them.
_PATTERN_CHARACTERS = frozenset("*?[\\")


def is_plain_path(path: str) -> bool:
    """Whether git reads ``path`` as a pathspec that names only itself (no pattern, no newline)."""
    return "\n" not in path and not _PATTERN_CHARACTERS.intersection(path) and not path.startswith(":")


def _lines(items: Iterable[str]) -> bytes:
    return "".join(f"{item}\n" for item in items).encode("utf-8", "surrogateescape")


class PathLog:
    """Every commit reachable from ``head`` with its changes to ``paths`` only (plain paths, see
    ``is_plain_path``): the gits start at once, ``walk()`` reads them. Leaving the context stops
    the gits still running."""

    def __init__(self, repo: Repo, head: str, paths: Iterable[str]):
        stdin = b"--\n" + _lines(paths)
        self._repo = repo
        self._logs: list[RunningLog] = []
        if has_changed_paths(repo):
            self._touching = self._start(repo, [*_TOUCHING_OPTIONS, "--end-of-options", head], stdin, graph_only=False)
            self._merges = self._start(repo, [*_MERGES_OPTIONS, "--end-of-options", head])
            self._graph = self._start(repo, ["--parents", "--end-of-options", head], command="rev-list")
        else:
            self._touching = None
            self._pass = self._start(repo, [*PATH_LOG_OPTIONS, "--end-of-options", head], stdin)

    def _start(
        self,
        repo: Repo,
        arguments: list[str],
        stdin: bytes | None = None,
        *,
        graph_only: bool = True,
        command: str = "log",
    ) -> RunningLog:
        """A git started, and stopped when this pass's context is left."""
        running = RunningLog(repo, arguments, stdin=stdin, graph_only=graph_only, command=command)
        self._logs.append(running)
        return running

    def __enter__(self) -> PathLog:
        return self

    def __exit__(self, *exc_info) -> None:
        for running in self._logs:
            running.__exit__(*exc_info)

    def walk(
        self, on_commit: Callable[[LoggedCommit], None], on_touching: Callable[[LoggedCommit], None]
    ) -> tuple[list[LoggedCommit], dict[str, LoggedCommit]]:
        """Every commit reachable from ``head``, children first, with of its header only the sha, the
        parents and (of a merge at least) the subject, and its changes to the paths alone or none;
        ``on_commit`` is called for each. And the commits that changed the paths against their first
        parent, by sha, as the whole pass (``read_log``) tells them; ``on_touching`` is called for
        each as soon as its changes to the paths are known (with on_commit, or before it is read again)."""
        if self._touching is None:
            commits = self._pass.commits(on_commit)
            return commits, _as_told(self._repo, [commit for commit in commits if commit.changes])
        merges = {commit.sha: commit for commit in self._merges.commits()}
        commits = []
        for line in self._graph.output().decode("ascii").splitlines():
            sha, *parents = line.split()
            commit = merges.get(sha) or LoggedCommit(sha, tuple(parents), "", "", "", "", "")
            commits.append(commit)
            on_commit(commit)
        touching = [commit for commit in self._touching.commits() if commit.changes]
        for commit in touching:
            on_touching(commit)
        return topological(commits), _as_told(self._repo, touching, full=True)


def _as_told(repo: Repo, commits: list[LoggedCommit], *, full: bool = False) -> dict[str, LoggedCommit]:
    """``commits`` (with their changes to the paths, no renames) as the whole pass tells them. Only
    an addition or a deletion can be part of a rename, which the whole pass pairs against all of
    ``projects/``: commits with one are read again (``full``: the others are already told in full;
    else all are read)."""
    told = {}
    again = []
    for commit in commits:
        if full and all(change.status not in "AD" for change in commit.changes):
            told[commit.sha] = commit
        else:
            again.append(commit.sha)
    if again:
        told.update((commit.sha, commit) for commit in read_commits(repo, again))
    return told


def read_commits(repo: Repo, shas: Iterable[str]) -> list[LoggedCommit]:
    """These commits as the whole-portfolio pass (portfolio.git.log.read_log) lists them: their real
    parents, their changes to ``projects/`` against their first parent, renames detected."""
    stdin = _lines(shas) + b"--\n" + _lines([PROJECTS_PREFIX])
    return run_log(repo, [*LOG_OPTIONS, "--no-walk=unsorted", "--stdin"], stdin=stdin)
