"""One writer at a time in a portfolio's ``projects/`` folder, across processes and threads.

A save checks that the file is still as it was loaded and then replaces it: two processes doing
that at once could both pass the check and one of the updates would be lost. Every save, removal
and put-back therefore holds an advisory lock (``flock``) on the folder itself: it needs no lock
file, belongs to exactly the files it guards (each work tree has its own), and the kernel drops it
when a process dies, so a killed save never blocks the next one. The lock is re-entrant within a
process (a change holds it across its saves, each of which takes it again). Waiting is bounded.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portfolio.errors import PortfolioError
from portfolio.i18n import _

try:
    import fcntl
except ImportError:  # Windows: no flock; one writer per portfolio is then the user's to keep
    fcntl = None

LOCKS_ACROSS_PROCESSES = fcntl is not None

WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.005


class PortfolioBusy(PortfolioError):
    exit_code = 2


class _Held:
    def __init__(self) -> None:
        self.thread_lock = threading.RLock()
        self.depth = 0
        self.descriptor: int | None = None


_guard = threading.Lock()
_by_folder: dict[str, _Held] = {}


def _busy(folder: Path, seconds: float) -> PortfolioBusy:
    return PortfolioBusy(
        _(
            "another program is saving projects in {folder}; waited {seconds:g} s for it. "
            "Try again when it has finished"
        ).format(folder=folder, seconds=seconds)
    )


def _flock(folder: Path, deadline: float, seconds: float) -> int | None:
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return descriptor
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(folder, seconds) from None
                time.sleep(_POLL_SECONDS)
    except BaseException:
        os.close(descriptor)
        raise


@contextmanager
def folder_lock(folder: Path, *, seconds: float | None = None) -> Iterator[bool]:
    """Hold the writers' lock of ``folder``; PortfolioBusy after ``seconds`` (default WAIT_SECONDS) of waiting.

    Yields whether this took the lock (``False``: this thread held it already)."""
    seconds = WAIT_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + seconds
    with _guard:
        held = _by_folder.setdefault(os.path.realpath(folder), _Held())
    if not held.thread_lock.acquire(timeout=max(seconds, 0.0)):
        raise _busy(folder, seconds)
    try:
        if held.depth == 0:
            held.descriptor = _flock(folder, deadline, seconds)
        held.depth += 1
        try:
            yield held.depth == 1
        finally:
            held.depth -= 1
            if held.depth == 0 and held.descriptor is not None:
                os.close(held.descriptor)  # closing the only descriptor releases the flock
                held.descriptor = None
    finally:
        held.thread_lock.release()
