"""Computing the history of a portfolio: cache first, then only what is new.

1. The cache (if any) is used as it is when it was made at the current HEAD.
2. If HEAD continues the cached first-parent line, only the new commits are read
   (``git log HEAD ^<cached tip>``) and added: a new commit costs its own delta.
3. Otherwise (first run, rebase, reset, another branch) everything is derived again in one
   ``git log`` pass; versions already parsed are reused (they are content-addressed).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from portfolio.collector import collector_paused
from portfolio.domain.ids import project_id_of
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import GitError
from portfolio.git.catfile import BlobReader
from portfolio.git.log import LoggedCommit, read_log
from portfolio.git.repository import Repo, git_dir, open_repo
from portfolio.git.revisions import count_commits, is_ancestor
from portfolio.history.cache import fingerprint, load_cache, save_cache
from portfolio.history.cache_place import cache_path
from portfolio.history.derive import Deriver, HistoryState, blob_key, register_special
from portfolio.history.head import history_head
from portfolio.history.versions import PlainVersion, SharedValues, plain_reader
from portfolio.i18n import _

Progress = Callable[[int, int], None]

# A short update (a few new commits) is read without first asking git whether HEAD continues the
# cached history: Deriver.extend() proves it, as HEAD's first-parent line through the listed
# commits must end at the cached tip. That saves a git process on every new commit. The limit
# bounds the work wasted when HEAD does not continue it (a rebase, another branch).
SHORT_UPDATE = 64


class _Reporter:
    """Calls ``progress(done, total)`` about 200 times over a pass, and once at the end (done == total)."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.step = max(1, total // 200)

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.step == 0 and self.done < self.total:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        """The end, told once (a progress line ends there)."""
        if self.progress is not None:
            self.progress(self.total, self.total)


def _read_commits(
    repo: Repo,
    revisions: list[str],
    vocabulary: Vocabulary,
    versions: dict[str, PlainVersion],
    progress: Progress | None,
    max_count: int | None = None,
) -> list[LoggedCommit]:
    """One log pass over ``revisions``; every version it mentions is parsed into ``versions``."""
    reporter = _Reporter(progress, count_commits(repo, revisions, max_count) if progress else 0)
    with BlobReader(repo, vocabulary, versions, plain_reader(SharedValues())) as reader:

        def on_commit(commit: LoggedCommit) -> None:
            for change in commit.changes:
                if project_id_of(change.path) is None and project_id_of(change.old_path) is None:
                    continue
                for mode, sha in ((change.old_mode, change.old_blob), (change.new_mode, change.new_blob)):
                    key = blob_key(mode, sha)
                    if key is not None and not register_special(versions, key, mode, as_plain=True):
                        reader.request(key)
            reporter.advance()

        commits = read_log(repo, revisions, on_commit=on_commit, max_count=max_count)
        reader.finish()
    reporter.finish()
    return commits


def _referenced(state: HistoryState) -> set[str]:
    """The versions that extending the state can look up (the events hold their values themselves)."""
    keys: set[str] = set()
    for entries in state.path_history.values():
        for entry in entries:
            keys.add(entry[1])
            keys.add(entry[2])
    for _first_parent, changed in state.branch_links.values():
        keys.update(changed.values())
    for known in state.invalid_before.values():
        keys.update(known)
        keys.update(known.values())
    keys.update(state.deleted.values())
    keys.discard(None)
    return keys


def _update(
    repo: Repo, cached: HistoryState, head: str, vocabulary: Vocabulary, progress: Progress | None
) -> list[LoggedCommit] | None:
    """Adds the commits from the cached tip to ``head`` to ``cached``; returns them, or None (and
    leaves ``cached`` as it was) when ``head`` does not continue the cached first-parent line."""
    revisions = [head, f"^{cached.tip}"]
    try:
        commits = _read_commits(repo, revisions, vocabulary, cached.versions, progress, SHORT_UPDATE)
    except GitError:  # e.g. the cached tip is gone (pruned after a rebase): the check below tells
        commits = None
    if commits is not None and len(commits) < SHORT_UPDATE:  # all of them
        return commits if Deriver(cached).extend(commits, head) else None
    if not is_ancestor(repo, cached.tip, head):
        return None
    commits = _read_commits(repo, revisions, vocabulary, cached.versions, progress)
    return commits if Deriver(cached).extend(commits, head) else None


def _rebuild(
    repo: Repo, head: str, vocabulary: Vocabulary, known: dict[str, PlainVersion], progress: Progress | None
) -> HistoryState:
    state = HistoryState(versions=dict(known))
    commits = _read_commits(repo, [head], vocabulary, state.versions, progress)
    if not Deriver(state).extend(commits, head):
        raise GitError(_("the history of HEAD could not be read completely (is this a shallow clone?)"))
    referenced = _referenced(state)
    state.versions = {key: version for key, version in state.versions.items() if key in referenced}
    return state


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector paused (``portfolio.collector``) while the history is built, then what was
    built moved straight to the oldest generation (freeze, then unfreeze), as the young generations
    would after walking all of it once more; nothing is leaked (measured: loading the cache 5x
    slower with the collector on)."""
    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()
            gc.unfreeze()


def _holds_dates_beyond_python(state: HistoryState) -> bool:
    """A date with a year of five digits or more (``10000-01-01T...``), which datetime cannot read."""
    if any(text[4:5] != "-" for text in state.mainline_dates):
        return True
    return any(event.date[4:5] != "-" or event.commit_date[4:5] != "-" for event in state.events)


def compute(root: Path, progress: Progress | None = None, *, use_cache: bool = True) -> HistoryState:
    """The history of the branch checked out at ``root`` (cached in its git directory)."""
    with gc_paused():
        return _compute(Path(root), progress, use_cache)


def _compute(root: Path, progress: Progress | None, use_cache: bool) -> HistoryState:
    vocabulary = load_vocabulary(root)
    key = fingerprint(vocabulary)
    with open_repo(root) as repo:
        head = history_head(repo)
        path = cache_path(git_dir(repo))
        cached = load_cache(path, key) if use_cache else None
        if cached is not None and _holds_dates_beyond_python(cached):
            # Written before portfolio.git.log clamped such dates: read the commits again (the parsed
            # versions stay good).
            cached = HistoryState(versions=cached.versions)
        if head is None:
            return HistoryState()
        if cached is not None and cached.tip == head:
            return cached
        state = new_commits = None
        if cached is not None and cached.tip is not None:
            new_commits = _update(repo, cached, head, vocabulary, progress)
            if new_commits is not None:
                state = cached
        if state is None:
            state = _rebuild(repo, head, vocabulary, cached.versions if cached else {}, progress)
        if use_cache:
            save_cache(path, state, key, new_commits)
        return state
