"""Where the history's cache lives in a git directory (a module of its own: asking whether there is
one must not load what reads it)."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_FORMAT = 3
CACHE_DIR = "portfolio"
CACHE_NAME = f"history-v{CACHE_FORMAT}.cache"
JOURNAL_NAME = f"history-v{CACHE_FORMAT}.journal"


def cache_path(git_dir: str | os.PathLike) -> Path:
    return Path(git_dir) / CACHE_DIR / CACHE_NAME
