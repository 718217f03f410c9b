"""The folder where this tool keeps, per user, what saves work from one run to the next (vocabulary
verdicts, the UI's parsed stylesheets): ``~/.cache/smart-region-portfolio`` (``$XDG_CACHE_HOME``
when set). Whatever is there may be deleted at any time."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "smart-region-portfolio"
