"""System programs some tests drive (Debian's chromium, tmux): .ci/run installs them, visibly.

Without one, its tests skip locally, saying which package to install, and fail in CI (``CI`` set),
where a skip would hide that the suite did not run.
"""

from __future__ import annotations

import os
import shutil

import pytest


def required_program(names: tuple[str, ...], package: str) -> str:
    """The path of the first of ``names`` on PATH; otherwise skip (fail in CI), naming ``package``."""
    found = next((path for name in names if (path := shutil.which(name))), None)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{names[0]} is missing although .ci/run installs it (Debian's package {package})")
    pytest.skip(f"{names[0]} is not installed (Debian's package {package}; .ci/run installs it)")
