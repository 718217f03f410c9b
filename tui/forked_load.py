"""The first full load of the portfolio, computed in a forked child while the UI starts.

Validating every file is Python and holds the interpreter lock (175 us a file): done in a thread of
the UI, after the first look is painted, it took as long again as the whole first paint and shared
the lock with every frame the UI drew meanwhile, stretching them over 50 ms. A child forked when
the app is made validates on the other core instead, at the same time as Textual starts up, and
sends back the loaded portfolio (pickled) and then every project's folded search text; the UI's
worker thread only reads and unpickles them (a fifth of the work).

Anything unexpected (no ``fork``, other threads already running, a child that fails or sends
nothing) gives ``None``: the caller then loads in its own thread as before, which also reports
what is wrong (one bad file never hides the others; a problem of the whole portfolio is the load's
error). Only the first load goes through a child: a reload reads the files as they are then.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio.domain.records import Portfolio

_LENGTH = struct.Struct("!Q")
# The child yields to the UI when both want the same core (a busy machine): the first paint must
# not wait for the validation meant to run beside it. On an idle core it runs at full speed.
CHILD_NICENESS = 10


def can_fork() -> bool:
    # fork copies only the calling thread: a lock another thread holds would stay locked in the child.
    return hasattr(os, "fork") and threading.active_count() == 1


class ForkedLoad:
    """A child loading ``root``; ``portfolio()`` and then ``search_texts()`` read what it sent."""

    def __init__(self, pid: int, reading: int) -> None:
        self._pid: int | None = pid
        self._reading: int | None = reading
        self._lock = threading.Lock()
        self._sent_portfolio = False

    @classmethod
    def start(cls, root: Path) -> ForkedLoad | None:
        """Fork the child now (None where that cannot be done safely: the caller loads itself)."""
        if not can_fork():
            return None
        try:
            reading, writing = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: load, send, and leave without running anything of the parent's
            try:
                os.close(reading)
                with contextlib.suppress(OSError):
                    os.nice(CHILD_NICENESS)
                _load_and_send(root, writing)
            finally:
                os._exit(0)
        os.close(writing)
        return cls(pid, reading)

    def portfolio(self) -> Portfolio | None:
        """The validated portfolio, or None when the child did not send one."""
        from portfolio.domain.records import Portfolio

        sent = self._receive()
        if not isinstance(sent, Portfolio):
            self.close()
            return None
        self._sent_portfolio = True
        return sent

    def search_texts(self) -> dict[str, str] | None:
        """Every project's folded search text (``SearchIndex.text``) of the portfolio ``portfolio()``
        gave, or None; then the child is done."""
        sent = self._receive() if self._sent_portfolio else None
        self.close()
        return sent if isinstance(sent, dict) else None

    def _receive(self) -> Any:
        with self._lock:
            if self._reading is None:
                return None
            try:
                head = _read_exactly(self._reading, _LENGTH.size)
                payload = _read_exactly(self._reading, _LENGTH.unpack(head)[0]) if head else b""
                return pickle.loads(payload) if payload else None
            except Exception:  # a child that died half-way, or a payload that does not unpickle
                self._close_reading()
                return None

    def close(self) -> None:
        """End the child if it still runs, and reap it (a reader waiting for it then gets None)."""
        pid, self._pid = self._pid, None
        if pid is not None:
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
        with self._lock:
            self._close_reading()

    def _close_reading(self) -> None:
        if self._reading is not None:
            os.close(self._reading)
            self._reading = None


def _read_exactly(fd: int, size: int) -> bytes:
    """``size`` bytes (b"" at once at the end of the pipe); raises EOFError when it ends before."""
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            if left == size:
                return b""
            raise EOFError("the loading child ended half-way")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _send(fd: int, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _load_and_send(root: Path, fd: int) -> None:
    """In the child: the portfolio first (what the table waits for), then the search texts."""
    from portfolio.domain.search import SearchIndex
    from portfolio.files.loading import load_portfolio

    portfolio = load_portfolio(root)
    _send(fd, portfolio)
    index = SearchIndex(portfolio.vocabulary)
    _send(fd, {project_id: index.text(stored) for project_id, stored in portfolio.projects.items()})
