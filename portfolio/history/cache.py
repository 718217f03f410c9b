"""The history cache, inside the git directory (never in the work tree).

``<git-dir>/portfolio/history-v1.cache`` holds the state derived up to one commit (its ``tip``).
New commits go to a small journal beside it (``history-v1.journal``: the commits as the log
listed them, and their new versions), replayed on load, so that a new commit costs its own delta
and not a rewrite of the whole cache; past MAX_JOURNAL commits the full file is written again.
A journal made on another base is ignored. The cache is only used when it was made by this
format for the same vocabulary (validity depends on it); anything unreadable counts as no cache.
Writes are atomic (temp file, fsync, rename): an interruption leaves the old file or the new one.

The data is plain (dicts, lists, strings, numbers: what JSON holds) stored with ``marshal``, which
loads it about a third faster than JSON and cannot create objects of any other kind; the Python
version is part of the fingerprint because marshal's format may change with it.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import os
import secrets
from pathlib import Path


from ..vocabulary import Vocabulary
from .derive import Deriver, EventRecord, HistoryState, project_changes
from .gitlog import LoggedCommit, commit_from_list, commit_to_list
from .versions import Version

CACHE_FORMAT = 1
CACHE_DIR = "portfolio"
CACHE_NAME = f"history-v{CACHE_FORMAT}.cache"
JOURNAL_NAME = f"history-v{CACHE_FORMAT}.journal"
_MAGIC = b"portfolio-history\n"
MAX_JOURNAL = 256  # commits; then the full file is written again


def cache_path(git_dir: str | os.PathLike) -> Path:
    return Path(git_dir) / CACHE_DIR / CACHE_NAME


def _package_version() -> str:
    try:
        from importlib.metadata import version

        return version("smart-region-portfolio")
    except Exception:  # not installed (e.g. run from a source tree)
        return "source"


def fingerprint(vocabulary: Vocabulary) -> str:
    """Identifies what the cached versions depend on: the vocabulary files and this code's version."""
    digest = hashlib.sha256(f"portfolio-history:{CACHE_FORMAT}:{_package_version()}:{sys.version}".encode())
    for source in vocabulary.sources:
        digest.update(source.name.encode() + b"\0")
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def _to_json(state: HistoryState, key: str) -> dict:
    return {
        "format": CACHE_FORMAT,
        "fingerprint": key,
        "tip": state.tip,
        "versions": {sha: (v.values if v.values is not None else v.invalid) for sha, v in state.versions.items()},
        "commits": state.commits,
        "events": [record.to_list() for record in state.events],
        "mainline": state.mainline,
        "mainline_dates": state.mainline_dates,
        "branch_links": state.branch_links,
        "path_history": state.path_history,
        "invalid_before": state.invalid_before,
        "deleted": state.deleted,
        "aliases": state.aliases,
    }


def _from_json(data: dict) -> HistoryState:
    state = HistoryState(
        tip=data["tip"],
        versions={sha: _version(value) for sha, value in data["versions"].items()},
        commits=data["commits"],
        events=[EventRecord(*record) for record in data["events"]],
        mainline=data["mainline"],
        mainline_dates=data["mainline_dates"],
        branch_links=data["branch_links"],
        path_history=data["path_history"],
        invalid_before=data["invalid_before"],
        deleted=data["deleted"],
        aliases=data["aliases"],
    )
    if len(state.mainline) != len(state.mainline_dates):
        raise ValueError("inconsistent cache")
    state.index_mainline()
    return state


def _version(value) -> Version:
    return Version(value) if isinstance(value, dict) else Version(None, str(value))


def _read(path: Path, key: str) -> dict | None:
    with open(path, "rb") as handle:
        raw = handle.read()
    if not raw.startswith(_MAGIC):
        return None
    data = marshal.loads(raw[len(_MAGIC):])
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("fingerprint") != key:
        return None
    return data


_DAMAGED = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, EOFError)


def load_cache(path: Path, key: str) -> HistoryState | None:
    """The cached state, or None when there is none usable (missing, other format, damaged)."""
    try:
        data = _read(path, key)
        if data is None:
            return None
        state = _from_json(data)
    except _DAMAGED:
        return None
    state.base_tip = state.tip
    journal_path = path.with_name(JOURNAL_NAME)
    if not journal_path.exists():
        return state
    try:
        journal = _read(journal_path, key)
        if journal is not None and journal["base"] == state.tip:
            versions = {sha: _version(value) for sha, value in journal["versions"].items()}
            commits = [commit_from_list(item) for item in journal["commits"]]
            for sha, version in versions.items():
                state.versions.setdefault(sha, version)
            # extend() checks that the journal continues the base before it changes anything
            if Deriver(state).extend(commits, journal["tip"]):
                state.journal = journal["commits"]
    except _DAMAGED:
        try:
            return _from_json(_read(path, key))  # the journal may have half-applied: start again without it
        except _DAMAGED:
            return None
    return state


def save_cache(path: Path, state: HistoryState, key: str, new_commits: list[LoggedCommit] | None = None) -> bool:
    """Write the cache atomically; False (and no error) when the git directory is not writable.

    ``new_commits``: the commits just added to a state loaded from this cache; they go to the
    journal (while it is short) instead of a rewrite of the whole file.
    """
    journal_path = path.with_name(JOURNAL_NAME)
    if (new_commits is not None and state.base_tip is not None
            and len(state.journal) + len(new_commits) <= MAX_JOURNAL):
        journal = [commit_to_list(commit) for commit in new_commits] + state.journal
        keys = set()
        for item in new_commits:
            for _status, _old_path, _path, old_key, new_key in project_changes(item):
                keys.update((old_key, new_key))
        for item in state.journal:
            for _status, _old_path, _path, old_key, new_key in project_changes(commit_from_list(item)):
                keys.update((old_key, new_key))
        keys.discard(None)
        data = {"format": CACHE_FORMAT, "fingerprint": key, "base": state.base_tip, "tip": state.tip,
                "commits": journal,
                "versions": {k: (state.versions[k].values if state.versions[k].values is not None
                                 else state.versions[k].invalid) for k in sorted(keys) if k in state.versions}}
        if _write(journal_path, data):
            state.journal = journal
            return True
        return False
    if not _write(path, _to_json(state, key)):
        return False
    state.base_tip, state.journal = state.tip, []
    try:
        journal_path.unlink(missing_ok=True)
    except OSError:
        pass
    return True


def _write(path: Path, data: dict) -> bool:
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = _MAGIC + marshal.dumps(data)
        temp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        with open(temp, "xb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        temp = None
        return True
    except OSError:
        return False
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
