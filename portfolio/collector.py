"""Pausing Python's cyclic garbage collector while many objects that all live on are made.

A collection runs in the thread whose allocation triggers it, holds the interpreter lock throughout
and walks every object made so far: over the history's hundreds of thousands of dicts, or over
5,000 loaded projects, each one cost more than making them (and, in the UI, stalled the event loop
for 50 to 80 ms).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection inside; the collector as it was after (the process's, not only this thread's)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
