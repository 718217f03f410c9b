"""The first load of the portfolio, computed in a child process while the UI starts.

Reading and validating every file is Python and holds the interpreter lock (a first look at the
files 50 us a file, validating 175 us): done in threads of the UI, the first look shared the lock
with Textual's start-up, and the validation after it took as long again as the whole first paint
and stretched the frames drawn meanwhile over 50 ms; folding the search texts held the lock for
1 s at 5,000 projects. A child (``python -m tui.load_process``, started before the UI imports
Textual, see ``tui.launch``, at a lower priority) does all of it on the other core while Textual
starts up, and sends back, each as soon as it is made: the first look, the validated portfolio,
every project's folded search text (pickled); the UI's worker thread only reads and unpickles them.
A child started afresh, not forked: the UI's process has threads by then (a fork copies only the
calling one, and locks the others held stay locked in the child), and a fork would make it copy
every page it writes to during its start-up.

Anything unexpected (no child, one that fails or sends nothing) gives ``None``: the caller then
reads and loads in its own thread as before, which also reports what is wrong (one bad file never
hides the others; a problem of the whole portfolio is the load's error). Only the first load goes
through a child: a reload reads the files as they are then.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from portfolio.domain.ids import PROJECTS_DIR, SUFFIX

if TYPE_CHECKING:
    from portfolio.domain.records import Portfolio
    from portfolio.files.first_look import FirstLook

_LENGTH = struct.Struct("!Q")
# The child yields to the UI when both want the same core (a busy machine): the first paint must
# not wait for the validation meant to run beside it. On an idle core it runs at full speed.
CHILD_NICENESS = 10
# Project files from which a child pays: below, starting an interpreter costs more than validating
# the files in the UI's own thread (see benchmarks/RESULTS-tui.md).
CHILD_FROM_FILES = 300


def _worth_a_child(root: Path) -> bool:
    try:
        with os.scandir(root / PROJECTS_DIR) as entries:
            tomls = (entry for entry in entries if entry.name.endswith(SUFFIX))
            return sum(1 for _ in itertools.islice(tomls, CHILD_FROM_FILES)) >= CHILD_FROM_FILES
    except OSError:
        return False  # the load in the UI's thread says what is wrong


class LoadProcess:
    """A child loading a portfolio: ``first_look()``, ``portfolio()`` and ``search_texts()``, in this
    order, read what it sent (each None when it sent nothing usable; the child is then ended)."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        self._child: subprocess.Popen[bytes] | None = child
        self._lock = threading.Lock()
        self._received = 0  # how many of the three messages were read

    @classmethod
    def start(cls, root: Path) -> LoadProcess | None:
        """Start the child now; None when it is not worth it (a small portfolio) or cannot be started:
        the caller then loads in its own thread."""
        if not _worth_a_child(root):
            return None
        from portfolio.i18n import chosen_language  # the problems are worded in the UI's language

        # The child imports this very code, from where the UI imported it, and never from the
        # working directory (-P): a folder ``tui`` or ``portfolio`` in a cloned repository must
        # not run in its place.
        code_home = str(Path(__file__).resolve().parent.parent)
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, (code_home, os.environ.get("PYTHONPATH"))))
        try:
            child = subprocess.Popen(
                [sys.executable, "-P", "-m", "tui.load_process", str(root), chosen_language() or ""],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=environment,
                bufsize=0,  # unbuffered: whether a message waits is then what the pipe says (``portfolio_waits``)
            )
        except OSError:
            return None
        return cls(child)

    def first_look(self) -> FirstLook | None:
        """The first look at the files (``portfolio.files.first_look``)."""
        from portfolio.files.first_look import FirstLook

        return self._next(0, FirstLook)

    def portfolio_waits(self) -> bool:
        """Whether the child has sent the portfolio already (or ended): ``portfolio()`` then answers at once."""
        child = self._child
        if child is None or child.stdout is None:
            return True
        try:
            readable, _writable, _errors = select.select([child.stdout], [], [], 0)
        except (OSError, ValueError):  # no select for pipes here (Windows): the first look is shown first
            return False
        return bool(readable)

    def portfolio(self) -> Portfolio | None:
        """The validated portfolio."""
        from portfolio.domain.records import Portfolio

        return self._next(1, Portfolio)

    def search_texts(self) -> dict[str, str] | None:
        """Every project's folded search text (``SearchIndex.text``) of the portfolio ``portfolio()``
        gave; then the child is done."""
        texts = self._next(2, dict)
        self.close()
        return texts

    def _next(self, number: int, kind: type) -> Any:
        """Message ``number``, when it is the next one and of ``kind``; anything else ends the child."""
        with self._lock:
            child = self._child
            sent = None
            if child is not None and child.stdout is not None and self._received == number:
                self._received += 1
                try:
                    head = _read_exactly(child.stdout, _LENGTH.size)
                    payload = _read_exactly(child.stdout, _LENGTH.unpack(head)[0]) if head else b""
                    sent = pickle.loads(payload) if payload else None
                except Exception:  # a child that died half-way, or a payload that does not unpickle
                    sent = None
        if isinstance(sent, kind):
            return sent
        self.close()
        return None

    def close(self) -> None:
        """End the child if it still runs, and reap it (a reader waiting for it then gets None)."""
        child, self._child = self._child, None
        if child is None:
            return
        with contextlib.suppress(OSError):
            if child.poll() is None:
                child.kill()
            child.wait()
        with self._lock, contextlib.suppress(OSError):
            if child.stdout is not None:
                child.stdout.close()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    """``size`` bytes (b"" at once at the end of the stream); raises EOFError when it ends before."""
    pieces: list[bytes] = []
    missing = size
    while missing:
        piece = stream.read(missing)  # unbuffered: a pipe gives what it holds
        if not piece:
            if missing == size:
                return b""
            raise EOFError("the loading child ended half-way")
        pieces.append(piece)
        missing -= len(piece)
    return b"".join(pieces)


def _send(stream: IO[bytes], value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def _load_and_send(root: Path, stream: IO[bytes]) -> None:
    """In the child: the first look, then the portfolio (what the table waits for), then the search texts."""
    from portfolio.files.first_look import first_look

    _send(stream, first_look(root))
    from portfolio.domain.search import SearchIndex
    from portfolio.files.loading import load_portfolio

    portfolio = load_portfolio(root)
    _send(stream, portfolio)
    index = SearchIndex(portfolio.vocabulary)
    _send(stream, {project_id: index.text(stored) for project_id, stored in portfolio.projects.items()})


def main() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.nice(CHILD_NICENESS)
    from portfolio.i18n import use_language

    root, language = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    if language:
        use_language(language)
    # Anything the load raises ends the child without a word: the UI then loads itself and reports it.
    with contextlib.suppress(Exception):
        _load_and_send(Path(root), sys.stdout.buffer)


if __name__ == "__main__":
    main()
