"""The environment a benchmark runs this tree's commands in: as an installed package runs.

pip compiles an installed package's byte code; this machine sets ``PYTHONDONTWRITEBYTECODE``, so
without dropping it our tree would be compiled from source at every start (~20 ms of the UI's
imports), while Textual, click and the other tools measured beside it read their ``.pyc`` files.
Each benchmark runs its commands once unmeasured first, which writes the byte code.
"""

from __future__ import annotations

import os

BYTE_CODE_OFF = "PYTHONDONTWRITEBYTECODE"


def environment(*dropped_prefixes: str, **added: str) -> dict[str, str]:
    """This process's environment without ``PYTHONDONTWRITEBYTECODE`` (nor variables starting with
    ``dropped_prefixes``), with ``added``."""
    dropped = (BYTE_CODE_OFF, *dropped_prefixes)
    return {key: value for key, value in os.environ.items() if not key.startswith(dropped)} | added
