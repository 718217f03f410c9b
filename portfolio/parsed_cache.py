"""A cache of parsed project files, so that opening a large portfolio does not parse every file again.

Content-addressed: the key is the SHA-256 of a file's bytes, the value is what ``tomllib`` made of
them. Validation is NOT cached: every hit is validated again against the current vocabulary, so a
changed vocabulary or model is always seen; only parsing, most of the cost of loading, is skipped.
Only files that parsed without any problem are cached; a broken file is read in full every time, so
its problems keep their lines and columns.

The cache lives in ``<git-dir>/portfolio/parsed-projects.marshal`` (``marshal``: no code runs on
load, and it loads fast), is written atomically, and is only ever an optimisation: a missing,
unreadable or damaged cache is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import secrets
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import parse_project
from .reading import ParsedFile, parse_project_bytes
from .vocabulary import Vocabulary

CACHE_NAME = "parsed-projects.marshal"
FORMAT = 1
# tomllib's output may differ between Python versions; a cache is only used by the version that wrote it.
_HEADER = {"format": FORMAT, "python": tuple(sys.version_info[:2])}


def git_dir(root: Path) -> Path | None:
    """``root/.git`` as a folder, or the folder a ``.git`` file of a worktree names; None if neither."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():
        try:
            text = dot_git.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if text.startswith("gitdir:"):
            target = Path(text.removeprefix("gitdir:").strip())
            target = target if target.is_absolute() else root / target
            return target if target.is_dir() else None
    return None


def _encode(value: Any) -> Any:
    # marshal has no dates; tomllib never makes tuples, so a tuple marks one.
    if isinstance(value, datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, date):
        return ("date", value.isoformat())
    if isinstance(value, time):
        return ("time", value.isoformat())
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


_DECODERS = {"datetime": datetime.fromisoformat, "date": date.fromisoformat, "time": time.fromisoformat}


def _decode(value: Any) -> Any:
    if isinstance(value, tuple):
        return _DECODERS[value[0]](value[1])
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    return value


class ParsedCache:
    """Parse project files through the cache; ``save()`` keeps the entries used since it was opened."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[bytes, Any] = self._read(path) if path else {}
        self._used: dict[bytes, Any] = {}
        self.hits = self.misses = 0

    @classmethod
    def for_portfolio(cls, root: Path) -> ParsedCache:
        folder = git_dir(root)
        return cls(folder / "portfolio" / CACHE_NAME if folder else None)

    @staticmethod
    def _read(path: Path) -> dict[bytes, Any]:
        try:
            stored = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if not isinstance(stored, dict) or stored.get("header") != _HEADER or not isinstance(stored.get("entries"), dict):
            return {}
        return stored["entries"]

    def parse(self, raw: bytes, path: str, vocabulary: Vocabulary, *, lint: bool = False) -> ParsedFile:
        """What ``parse_project_bytes`` returns, without parsing bytes that parsed cleanly before."""
        if lint:
            return parse_project_bytes(raw, path, vocabulary, lint=True)
        key = hashlib.sha256(raw).digest()
        cached = self._entries.get(key)
        if cached is not None:
            data = _decode(cached)
            try:
                project = parse_project(data, vocabulary)
            except (ValidationError, KeyError, TypeError, ValueError):
                pass  # not valid now (e.g. the vocabulary changed): parse in full for positions
            else:
                self.hits += 1
                self._used[key] = cached
                return ParsedFile(path, project, [], data)
        self.misses += 1
        parsed = parse_project_bytes(raw, path, vocabulary)
        if parsed.project is not None and parsed.data is not None and not parsed.problems:
            self._used[key] = _encode(parsed.data)
        return parsed

    def save(self) -> bool:
        """Write the entries used since opening (stale ones are dropped); False if it could not."""
        if self.path is None or (self._used.keys() == self._entries.keys() and not self.misses):
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(6)}.tmp")
            temp.write_bytes(marshal.dumps({"header": _HEADER, "entries": self._used}))
            os.replace(temp, self.path)
        except (OSError, ValueError):
            return False
        self._entries = dict(self._used)
        return True
