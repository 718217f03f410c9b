"""One project's history, derived from the commits' changes to that project alone.

With no history computed yet (no cache), ``portfolio history ID`` would otherwise pay for the
whole portfolio's: every commit's changes to every project file. Here the same pass lists every
commit with its real parents, but with its changes to the project's paths only
(portfolio.git.path_log), and the same derivation (portfolio.history.derive) runs over it. What the
derivation does for one file depends on nothing but that file's versions, the names it had or
passed on, and the graph of commits, so the events are those of the whole history:

- the commits that touched the paths are told as the whole pass lists them (those that added or
  deleted one are read again, so that their renames are paired against all of ``projects/``);
- a rename to one of the paths from a project file not among them adds that file's path (also a
  rename from one of them in a merge, see ``_partners``), and the pass is made again (``None``
  after MAX_PASSES: the caller computes the whole history).

Once the whole history has been computed (its cache exists), bringing it up to date costs only the
new commits, far less than this pass: then this answers None too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.domain.ids import project_id_of, project_relpath
from portfolio.git.path_log import PathLog, is_plain_path
from portfolio.git.repository import Repo, git_dir, open_repo
from portfolio.history.cache_place import cache_path
from portfolio.history.head import history_head

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.git.catfile import BlobReader
    from portfolio.git.log import FileChange, LoggedCommit
    from portfolio.history.engine import Progress
    from portfolio.history.events import Event
    from portfolio.history.versions import PlainVersion

# What derives the events (the vocabulary, the blob reader, the version reader, the derivation, the
# views) is imported once git walks the commits: that takes ~60 ms, which git's pass then hides.

# Each rename found costs another pass over the history; for a project renamed more often than
# this, the whole history (one pass, however many renames) is the quicker way.
MAX_PASSES = 2


class _Unsure(Exception):
    """This project was renamed too often (or to a name git reads as a pattern) for this way to pay."""


def _touches(change: FileChange, paths: set[str]) -> bool:
    return change.path in paths or change.old_path in paths


def _partners(commits: Iterable[LoggedCommit], paths: set[str]) -> set[str]:
    """The project files not among ``paths`` whose history the derivation of ``paths`` reads: the
    earlier name of each rename to one of them, and, in a merge, the new name of a rename from one
    of them (what the merge's other parents had under it). A plain commit's rename away needs
    nothing of the new name's history."""
    found = set()
    for commit in commits:
        for change in commit.changes:
            if change.status != "R" or not _touches(change, paths):
                continue
            if change.path in paths:
                side = change.old_path
            elif len(commit.parents) > 1:
                side = change.path
            else:
                continue
            if side not in paths and project_id_of(side) is not None:
                if not is_plain_path(side):
                    raise _Unsure
                found.add(side)
    return found


def _version_requests(
    reader: BlobReader, versions: dict[str, PlainVersion], advance: Callable[[], None] = lambda: None
) -> Callable[[LoggedCommit], None]:
    """Asks ``reader`` for every version a commit's changes name (the blobs are parsed meanwhile),
    and calls ``advance`` (progress)."""
    from portfolio.history.derive import blob_key, register_special

    def request(commit: LoggedCommit) -> None:
        for change in commit.changes:
            for mode, sha in ((change.old_mode, change.old_blob), (change.new_mode, change.new_blob)):
                key = blob_key(mode, sha)
                if key is not None and not register_special(versions, key, mode, as_plain=True):
                    reader.request(key)
        advance()

    return request


def _commits_touching(
    repo: Repo,
    head: str,
    paths: set[str],
    first_pass: PathLog,
    vocabulary: Vocabulary,
    versions: dict[str, PlainVersion],
    progress: Progress | None,
) -> list[LoggedCommit]:
    """Every commit, each with its changes to ``paths`` (which grow by the renames found) as the whole
    pass tells them; the versions they name parsed into ``versions``. ``first_pass``: the pass over
    ``paths``, started."""
    from portfolio.git.catfile import BlobReader
    from portfolio.git.revisions import count_commits
    from portfolio.history.engine import _Reporter
    from portfolio.history.versions import SharedValues, plain_reader

    running = first_pass
    for number in range(1, MAX_PASSES + 1):
        with running, BlobReader(repo, vocabulary, versions, plain_reader(SharedValues())) as reader:
            reporter = _Reporter(progress, count_commits(repo, [head]) if progress else 0)
            request = _version_requests(reader, versions)
            commits, told = running.walk(_version_requests(reader, versions, reporter.advance), request)
            reporter.finish()
            more = _partners(told.values(), paths)
            if not more:
                for index, commit in enumerate(commits):
                    real = told.get(commit.sha)
                    if real is not None:
                        real.changes = [change for change in real.changes if _touches(change, paths)]
                        commits[index] = real
                        request(real)
                reader.finish()
                return commits
        if number == MAX_PASSES:
            break
        paths |= more
        running = PathLog(repo, head, sorted(paths))
    raise _Unsure


def project_events_alone(
    root: Path, project_id: str, progress: Progress | None = None, meanwhile: Callable[[], None] | None = None
) -> tuple[list[Event], str | None] | None:
    """The events of one project (as ``History.project_events`` gives them) and the HEAD they were
    read at, from the commits that touched it; None when only the whole history can tell.
    ``progress(done, total)``: as for the whole history, for each pass over the commits.
    ``meanwhile()``: called once git walks the commits (not at all if it does not)."""
    path = project_relpath(project_id)
    if not is_plain_path(path):
        return None
    with open_repo(root) as repo:
        if cache_path(git_dir(repo)).exists():
            return None
        head = history_head(repo)
        first_pass = None if head is None else PathLog(repo, head, [path])
        from portfolio.domain.vocabulary import load_vocabulary
        from portfolio.history.derive import Deriver, HistoryState
        from portfolio.history.engine import gc_paused
        from portfolio.history.versions import load_readers
        from portfolio.history.views import History

        state = HistoryState()
        if first_pass is None:
            return History(state).project_events(project_id), None
        load_readers()
        if meanwhile is not None:
            meanwhile()
        with first_pass, gc_paused():
            vocabulary = load_vocabulary(Path(root))
            try:
                commits = _commits_touching(repo, head, {path}, first_pass, vocabulary, state.versions, progress)
            except _Unsure:
                return None
            if not Deriver(state).extend(commits, head):
                return None
    return History(state).project_events(project_id), head
