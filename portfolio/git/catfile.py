"""Reading blobs through one persistent ``git cat-file --batch``, each distinct blob once.

Requests are written as soon as they are known (while ``git log`` is still streaming) and a
reader thread takes the answers off the pipe and parses them, so git and Python work at the
same time. Each blob is parsed once (content-addressed: blob sha -> version), by the parse
function the caller passes in: the git layer reads bytes, the history knows what they mean.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from typing import Any

from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import GitError
from portfolio.git.repository import Repo
from portfolio.i18n import _

Parse = Callable[[bytes, Vocabulary], Any]


class BlobReader:
    """Parses every requested blob once into ``versions`` (blob sha -> what ``parse`` makes of its
    content and ``vocabulary``).

    Use as a context manager; ``finish()`` waits for every answer. Blobs already in ``versions``
    are not read again.
    """

    def __init__(self, repo: Repo, vocabulary: Vocabulary, versions: dict[str, Any], parse: Parse) -> None:
        self._repo = repo
        self._vocabulary = vocabulary
        self.versions = versions
        self._parse = parse
        self._requested: dict[str, str] = {}  # sha -> the same string as the caller's (kept, not a copy)
        self._process = None
        self._reader: threading.Thread | None = None
        self._failure: BaseException | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _start(self) -> None:
        self._process = self._repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
        self._reader = threading.Thread(target=self._read_answers, name="cat-file reader", daemon=True)
        self._reader.start()

    def request(self, sha: str) -> None:
        if sha in self.versions or sha in self._requested:
            return
        if self._process is None:
            self._start()
        self._requested[sha] = sha
        try:
            self._process.proc.stdin.write(sha.encode("ascii") + b"\n")
        except (BrokenPipeError, ValueError):
            self._raise_failure()
            raise

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _read_answers(self) -> None:
        process = self._process
        stdout = process.proc.stdout
        versions, parse, vocabulary, requested = self.versions, self._parse, self._vocabulary, self._requested
        try:
            while True:
                header = stdout.readline()
                if not header:
                    return
                parts = header.split()
                if len(parts) != 3:  # "<sha> missing": a broken repository
                    raise GitError(_("git cannot read object {sha}").format(sha=parts[0].decode("ascii", "replace")))
                sha, _kind, size = parts
                raw = stdout.read(int(size))
                stdout.read(1)  # the newline after the content
                key = sha.decode("ascii")
                versions[requested.get(key, key)] = parse(raw, vocabulary)
        except BaseException as error:  # reported in the calling thread (request, finish)
            self._failure = error
            # Nobody takes git's answers off the pipe any more: stop git, or it would block on a
            # full pipe, and so would the next request written to it (a hang, not an error).
            process.proc.kill()

    def finish(self) -> None:
        """Wait until every requested blob is parsed."""
        if self._process is None:
            return
        try:
            self._process.proc.stdin.close()
        except BrokenPipeError:  # git was stopped after a failure, reported below
            pass
        self._reader.join()
        self._process.proc.wait()
        self._process = None
        self._raise_failure()

    def close(self) -> None:
        """Stop the git process (also after an interruption); the versions read so far stay valid."""
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.proc.stdin,):
            try:
                stream.close()
            except OSError:
                pass
        if process.proc.poll() is None:
            process.proc.kill()
        process.proc.wait()


def read_blobs(repo: Repo, shas: list[str], vocabulary: Vocabulary, versions: dict[str, Any], parse: Parse) -> None:
    """Parse the given blobs (those not already in ``versions``) with one cat-file process."""
    with BlobReader(repo, vocabulary, versions, parse) as reader:
        for sha in shas:
            reader.request(sha)
        reader.finish()
