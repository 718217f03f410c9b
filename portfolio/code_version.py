"""Which code is running: what a cache made by this code must be made by again.

A cache of derived data (the history, a command's output) is only good for the code that made it:
a changed rule or text would otherwise be served from an old answer. The package's version does
not tell (a source checkout keeps it while its code changes) and ``importlib.metadata`` takes
longer to import than a warm command runs. Like Python's own byte-code cache, this tells a changed
source by its path, size and modification time, for every module and message catalog of the
package (measured: about 1 ms for the whole package), together with the Python version.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from portfolio.digests import add_file_state, key_digest

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_SOURCES = (".py", ".mo")


@cache
def code_version() -> str:
    """A digest of this package's sources (path, size, modification time) and the Python version."""
    digest = key_digest(sys.version.encode() + b"\0")
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = sorted(name for name in subfolders if name not in ("__pycache__", "_bundled"))
        # the path below the package as os.path.relpath tells it, without its ~30 us a file
        inside = folder[len(_PACKAGE) + 1 :] + os.sep if folder != _PACKAGE else ""
        for name in sorted(names):
            if not name.endswith(_SOURCES):
                continue
            add_file_state(digest, inside + name, os.path.join(folder, name))
    return digest.hexdigest()
