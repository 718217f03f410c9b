"""Writing a file the user named (-o FILE): atomically, so that a reader never sees half of it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from portfolio.errors import PortfolioError
from portfolio.i18n import _


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise PortfolioError(
            _("{path}: cannot write: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
