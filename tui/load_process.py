"""The first load of the portfolio, computed in a child process while the UI starts.

Reading and validating every file is Python and holds the interpreter lock (a first look at the
files 50 us a file, validating 175 us): done in threads of the UI, the first look shared the lock
with Textual's start-up, and the validation after it took as long again as the whole first paint
and stretched the frames drawn meanwhile over 50 ms; folding the search texts held the lock for
1 s at 5,000 projects. A child (``python -m tui.load_process``, started before the UI imports
Textual, see ``tui.launch``, at a lower priority) does all of it on the other core while Textual
starts up, and sends back, each as soon as it is made: the first look, the validated portfolio,
how wide its texts are in the table, every project's folded search text (pickled); the UI's
worker thread only reads and unpickles them.
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
import fcntl
import itertools
import os
import pickle
import queue
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
    from portfolio.files.glanced import FirstLook
    from tui.widgets.project_texts import TextWidths

_LENGTH = struct.Struct("!Q")
# The child yields to the UI when both want the same core (a busy machine): the first paint must
# not wait for the validation meant to run beside it. On an idle core it runs at full speed.
CHILD_NICENESS = 10
# Project files from which a child pays: below, starting an interpreter costs more than validating
# the files in the UI's own thread (see benchmarks/RESULTS-tui.md).
CHILD_FROM_FILES = 300
PIPE_BYTES = 1 << 20  # Linux's most for a process without privileges (/proc/sys/fs/pipe-max-size)


def _worth_a_child(root: Path) -> bool:
    try:
        with os.scandir(root / PROJECTS_DIR) as entries:
            tomls = (entry for entry in entries if entry.name.endswith(SUFFIX))
            return sum(1 for _ in itertools.islice(tomls, CHILD_FROM_FILES)) >= CHILD_FROM_FILES
    except OSError:
        return False  # the load in the UI's thread says what is wrong


class LoadProcess:
    """A child loading a portfolio: ``first_look()``, ``portfolio()``, ``row_widths()`` and
    ``search_texts()``, in this order, read what it sent (each None when it sent nothing usable; the child is then ended)."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        self._child: subprocess.Popen[bytes] | None = child
        self._lock = threading.Lock()
        self._received = 0  # how many of the four messages were read
        self._first_look: tuple[FirstLook, TextWidths] | None = None  # kept for a second asking

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

    def first_look(self) -> tuple[FirstLook, TextWidths] | None:
        """The first look at the files (``portfolio.files.first_look``) and how wide its texts are
        (``tui.widgets.project_texts.text_widths``, measured in the child: 16 ms at 5,000 projects);
        asked again, the same answer."""
        from portfolio.files.glanced import FirstLook

        if self._received:
            return self._first_look
        sent = self._next(0, tuple)
        if sent is not None and len(sent) == 2 and isinstance(sent[0], FirstLook):
            self._first_look = sent
            return sent
        self.close()
        return None

    def first_look_waits(self) -> bool:
        """Whether the child has sent the first look already (or ended): ``first_look()`` then answers at once."""
        return self._received == 0 and self._next_waits()

    def portfolio_waits(self) -> bool:
        """Whether the child has sent the portfolio already (or ended): ``portfolio()`` then answers at once."""
        return self._received == 1 and self._next_waits()

    def _next_waits(self) -> bool:
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

        self._first_look = None  # shown by now, or never to be
        return self._next(1, Portfolio)

    def row_widths(self) -> dict[str, tuple[int, int, int]] | None:
        """How wide each project's texts are in the table, unmarked (``project_texts.row_widths``), of
        the portfolio ``portfolio()`` gave: sent right after it, so that the validated table is
        filled without measuring 1,000 rows on the event loop (20 ms of its first frame's stall)."""
        return self._next(2, dict)

    def search_texts(self) -> dict[str, str] | None:
        """Every project's folded search text (``SearchIndex.text``); then the child is done."""
        texts = self._next(3, dict)
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


class _Sender:
    """Writes each message from a thread of its own: a pipe holds 64 KiB, and the UI reads only when
    it is ready for a message (the first look once its widgets are mounted, the portfolio once the
    first look is painted); written from the loading thread, the child waited for the UI that long
    (150 ms at 1,000 projects) instead of validating meanwhile. A blocked write releases the lock."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        _widen_pipe(stream)
        self._payloads: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write_all, name="portfolio-load-sender", daemon=True)
        self._thread.start()

    def send(self, value: object) -> None:
        self._payloads.put(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        """After the last message is written (or the UI went away)."""
        self._payloads.put(None)
        self._thread.join()

    def _write_all(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # the UI closed the pipe: nobody reads any more
            while (payload := self._payloads.get()) is not None:
                self._stream.write(_LENGTH.pack(len(payload)))
                self._stream.write(payload)
                self._stream.flush()


def _widen_pipe(stream: IO[bytes]) -> None:
    """A pipe of 1 MiB rather than 64 KiB (Linux): the UI reads the portfolio (2.4 MB at 1,000
    projects) in a thread while its event loop paints, and each read gives the interpreter lock
    away and waits up to 5 ms to get it back: 37 reads of 64 KiB took 110 ms, 3 of 1 MiB 25 ms."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # another system: the default pipe
        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _load_and_send(root: Path, sender: _Sender) -> None:
    """In the child: the first look, then the portfolio and the widths of its texts in the table
    (what the validated table waits for), then the search texts."""
    from portfolio.files.first_look import first_look
    from tui.widgets.project_texts import text_widths

    look = first_look(root)
    sender.send((look, text_widths(look.projects, look.labels)))
    from portfolio.domain.search import SearchIndex
    from portfolio.files.loading import load_portfolio

    portfolio = load_portfolio(root)
    sender.send(portfolio)
    from tui.widgets.project_texts import row_widths

    vocabulary = portfolio.vocabulary
    sender.send({project_id: row_widths(stored, vocabulary) for project_id, stored in portfolio.projects.items()})
    index = SearchIndex(portfolio.vocabulary)
    sender.send({project_id: index.text(stored) for project_id, stored in portfolio.projects.items()})


def main() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.nice(CHILD_NICENESS)
    from portfolio.i18n import use_language

    root, language = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    if language:
        use_language(language)
    # Anything the load raises ends the child without a word: the UI then loads itself and reports it.
    sender = _Sender(sys.stdout.buffer)
    with contextlib.suppress(Exception):
        _load_and_send(Path(root), sender)
    sender.close()


if __name__ == "__main__":
    main()
