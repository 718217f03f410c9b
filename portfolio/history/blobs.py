"""Reading blobs through one persistent ``git cat-file --batch``, each distinct blob once.

Requests are written as soon as they are known (while ``git log`` is still streaming) and a
reader thread takes the answers off the pipe and parses them, so git and Python work at the
same time. Each blob is parsed once into a Version (content-addressed: blob sha -> version).
"""

from __future__ import annotations

import subprocess
import threading
from typing import Callable

import git

from ..errors import GitError
from ..i18n import _
from ..vocabulary import Vocabulary
from .versions import Version, read_version


class BlobReader:
    """Parses every requested blob once into ``versions`` (blob sha -> Version).

    Use as a context manager; ``finish()`` waits for every answer. Blobs already in ``versions``
    are not read again.
    """

    def __init__(self, repo: git.Repo, vocabulary: Vocabulary, versions: dict[str, Version],
                 parse: Callable[[bytes, Vocabulary], Version] = read_version) -> None:
        self._repo = repo
        self._vocabulary = vocabulary
        self.versions = versions
        self._parse = parse
        self._requested: set[str] = set()
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
        self._requested.add(sha)
        self._process.proc.stdin.write(sha.encode("ascii") + b"\n")

    def _read_answers(self) -> None:
        stdout = self._process.proc.stdout
        versions, parse, vocabulary = self.versions, self._parse, self._vocabulary
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
                versions[sha.decode("ascii")] = parse(raw, vocabulary)
        except BaseException as error:  # reported by finish() in the calling thread
            self._failure = error

    def finish(self) -> None:
        """Wait until every requested blob is parsed."""
        if self._process is None:
            return
        self._process.proc.stdin.close()
        self._reader.join()
        self._process.proc.wait()
        self._process = None
        if self._failure is not None:
            raise self._failure

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


def read_blobs(repo: git.Repo, shas: list[str], vocabulary: Vocabulary, versions: dict[str, Version]) -> None:
    """Parse the given blobs (those not already in ``versions``) with one cat-file process."""
    with BlobReader(repo, vocabulary, versions) as reader:
        for sha in shas:
            reader.request(sha)
        reader.finish()
