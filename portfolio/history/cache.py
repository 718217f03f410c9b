"""The history cache, inside the git directory (never in the work tree).

One JSON file, ``<git-dir>/portfolio/history-v1.json``, holds the state derived up to one commit
(its ``tip``). It is only used when it was made by this format, for the same vocabulary (validity
depends on it); anything unreadable is treated as no cache. Writes are atomic (temp file, fsync,
rename), so an interruption leaves the previous cache or the new one, never a broken one.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path


from ..vocabulary import Vocabulary
from .derive import EventRecord, HistoryState
from .versions import Version

CACHE_FORMAT = 1
CACHE_DIR = "portfolio"
CACHE_NAME = f"history-v{CACHE_FORMAT}.json"


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
    digest = hashlib.sha256(f"portfolio-history:{CACHE_FORMAT}:{_package_version()}".encode())
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
        versions={sha: (Version(value) if isinstance(value, dict) else Version(None, str(value)))
                  for sha, value in data["versions"].items()},
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


def load_cache(path: Path, key: str) -> HistoryState | None:
    """The cached state, or None when there is none usable (missing, other format, damaged)."""
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read())
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("fingerprint") != key:
            return None
        return _from_json(data)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def save_cache(path: Path, state: HistoryState, key: str) -> bool:
    """Write the cache atomically; False (and no error) when the git directory is not writable."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(_to_json(state, key), ensure_ascii=False, separators=(",", ":"))
        temp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        with open(temp, "x", encoding="utf-8") as handle:
            handle.write(text)
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
