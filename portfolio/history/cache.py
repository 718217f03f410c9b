"""The history cache, inside the git directory (never in the work tree).

``<git-dir>/portfolio/history-v3.cache`` holds the state derived up to one commit (its ``tip``).
New commits go to a small journal beside it (``history-v3.journal``: the commits as the log
listed them, and their new versions), replayed on load, so that a new commit costs its own delta
and not a rewrite of the whole cache; past MAX_JOURNAL commits the full file is written again.
A journal made on another base is ignored. The cache is only used when it was made by this
format for the same vocabulary (validity depends on it); anything unreadable counts as no cache.
Writes are atomic (temp file, rename): an interruption leaves the old file or the new one (see cache_file).

A file is a magic line, a header line (format, fingerprint, the payload's length and blake2b
hash, tip: checked before the rest is read) and the data: plain dicts, lists, tuples, strings
and numbers stored with ``marshal``, which loads them faster than anything else the standard library has and cannot create objects
of any other kind; the Python version is part of the fingerprint (portfolio.code_version) because marshal's format may
change with it. The events are stored as columns (one tuple per Event field) and become Event
objects in one pass on load. marshal writes an object that is referenced twice only once, and
the history shares equal values (see versions.SharedValues), so each distinct value is stored
and loaded once; this is what makes a warm load cheap (measured at 1,000 projects / 10,000
commits: 6.1 MB and ~63 ms in format 1, see benchmarks/RESULTS-history.md for format 2; format
3 adds the length and the hash).

A cache file is data from outside like any other: it is opened without blocking and without
following a symlink, only a regular file below MAX_CACHE_BYTES is read, its declared length must be
the file's, its payload must have the header's hash, and every kind of damage (MemoryError too)
counts as no cache: the history is computed again and the file rewritten, never served wrong.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from pathlib import Path

from portfolio.domain.vocabulary import Vocabulary
from portfolio.git.log import LoggedCommit, commit_from_list, commit_to_list
from portfolio.history.cache_file import DAMAGED, CacheFile, made_for
from portfolio.history.cache_place import CACHE_FORMAT, JOURNAL_NAME
from portfolio.history.derive import Deriver, HistoryState, project_changes
from portfolio.history.events import Event, MergeInfo, make_event

_MAGIC = b"portfolio-history\n"
MAX_JOURNAL = 256  # commits; then the full file is written again
MAX_CACHE_BYTES = 512 << 20  # a bigger file is not ours (measured: 6.1 MB at 1,000 x 10,000)

_EVENT_FIELDS = tuple(item.name for item in fields(Event))
_MERGED_IN = _EVENT_FIELDS.index("merged_in")
_STATE_PARTS = ("mainline", "mainline_dates", "branch_links", "path_history", "invalid_before", "deleted", "aliases")


def fingerprint(vocabulary: Vocabulary) -> str:
    """Identifies what the cached versions depend on: the vocabulary files and this code."""
    return made_for(f"portfolio-history:{CACHE_FORMAT}", vocabulary.sources)


# -- events as columns -----------------------------------------------------------------------
def _event_columns(events: list[Event]) -> list[tuple]:
    if not events:
        return [() for _name in _EVENT_FIELDS]
    columns = list(zip(*map(attrgetter(*_EVENT_FIELDS), events)))
    merges: dict[int, list] = {}  # one [commit, subject] per merge: stored once, however many events name it
    columns[_MERGED_IN] = tuple(
        None if info is None else merges.setdefault(id(info), [info.commit, info.subject])
        for info in columns[_MERGED_IN]
    )
    return columns


def _events_from_columns(columns: list) -> list[Event]:
    if len(columns) != len(_EVENT_FIELDS) or len({len(column) for column in columns}) > 1:
        raise ValueError("inconsistent cache")
    merges: dict[int, MergeInfo] = {}
    merged_in = []
    for item in columns[_MERGED_IN]:
        if item is not None:
            info = merges.get(id(item))
            if info is None:
                commit, subject = item
                info = merges[id(item)] = MergeInfo(commit, subject)
            item = info
        merged_in.append(item)
    columns = list(columns)
    columns[_MERGED_IN] = merged_in
    return list(map(make_event, *columns))


# -- reading and writing ---------------------------------------------------------------------
_FILE = CacheFile(_MAGIC, CACHE_FORMAT, MAX_CACHE_BYTES)


def _state_data(state: HistoryState) -> dict:
    data = {part: getattr(state, part) for part in _STATE_PARTS}
    data["versions"] = state.versions
    data["events"] = _event_columns(state.events)
    return data


def _state_from(tip: str | None, data: dict) -> HistoryState:
    state = HistoryState(
        tip=tip,
        versions=data["versions"],
        events=_events_from_columns(data["events"]),
        **{part: data[part] for part in _STATE_PARTS},
    )
    if tip is None or len(state.mainline) != len(state.mainline_dates) or not isinstance(state.versions, dict):
        raise ValueError("inconsistent cache")
    state.index_mainline()
    return state


def _load_base(path: Path, key: str) -> HistoryState | None:
    read = _FILE.read(path, key)
    if read is None:
        return None
    revisions, data = read
    state = _state_from(revisions[0] if revisions else None, data)
    state.base_tip = state.tip
    return state


def load_cache(path: Path, key: str) -> HistoryState | None:
    """The cached state, or None when there is none usable (missing, other format, damaged)."""
    try:
        state = _load_base(path, key)
    except DAMAGED:
        return None
    if state is None:
        return None
    journal_path = path.with_name(JOURNAL_NAME)
    if not journal_path.exists():
        return state
    try:
        read = _FILE.read(journal_path, key)
        if read is not None and len(read[0]) == 2 and read[0][0] == state.tip:
            (_base, tip), journal = read
            commits = [commit_from_list(item) for item in journal["commits"]]
            for sha, version in journal["versions"].items():
                state.versions.setdefault(sha, version)
            # extend() checks that the journal continues the base before it changes anything
            if Deriver(state).extend(commits, tip):
                state.journal = journal["commits"]
    except DAMAGED:
        try:
            return _load_base(path, key)  # the journal may have half-applied: start again without it
        except DAMAGED:
            return None
    return state


def save_cache(path: Path, state: HistoryState, key: str, new_commits: list[LoggedCommit] | None = None) -> bool:
    """Write the cache atomically; False (and no error) when the git directory is not writable.

    ``new_commits``: the commits just added to a state loaded from this cache; they go to the
    journal (while it is short) instead of a rewrite of the whole file.
    """
    journal_path = path.with_name(JOURNAL_NAME)
    if new_commits is not None and state.base_tip is not None and len(state.journal) + len(new_commits) <= MAX_JOURNAL:
        journal = [commit_to_list(commit) for commit in new_commits] + state.journal
        keys = set()
        for item in new_commits:
            for _status, _old_path, _path, old_key, new_key in project_changes(item):
                keys.update((old_key, new_key))
        for item in state.journal:
            for _status, _old_path, _path, old_key, new_key in project_changes(commit_from_list(item)):
                keys.update((old_key, new_key))
        keys.discard(None)
        data = {"commits": journal, "versions": {k: state.versions[k] for k in sorted(keys) if k in state.versions}}
        if _FILE.write(journal_path, key, (state.base_tip, state.tip), data):
            state.journal = journal
            return True
        return False
    if not _FILE.write(path, key, (state.tip,), _state_data(state)):
        return False
    state.base_tip, state.journal = state.tip, []
    for stale in [journal_path] + [
        path.with_name(f"history-v{old}.{kind}") for old in range(1, CACHE_FORMAT) for kind in ("cache", "journal")
    ]:
        try:
            stale.unlink(missing_ok=True)
        except OSError:
            pass
    return True
