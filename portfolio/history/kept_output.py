"""The output of a history command, kept for the next call that asks the same at the same HEAD.

Turning a cached history into what ``portfolio log`` writes costs far more than reading the cache
(measured at 1,000 projects / 10,000 commits: ~0.3 s for 6 MB of JSON, against ~5 ms to read those
bytes back), and a person, a script or a pager asks the same question again and again. So the
command's output (standard output and its warnings) is kept in ``<git-dir>/portfolio/outputs/``,
one file per question, and written again from there while nothing it depends on has changed:

- the commit (HEAD; a new commit, a checkout, a rebase make a new output);
- the question: the command and its options, as the command states them;
- the language, the vocabulary files' bytes, and this code (portfolio.code_version);
- the clock, through one thing only: a commit dated ahead of now is flagged until that moment
  comes; an output that flags such a date is not kept (it would be wrong once the day arrives).

A kept file is read as data from outside like the history cache (portfolio.history.cache_file);
anything unreadable counts as not kept. At most MAX_KEPT files of at most MAX_KEPT_BYTES together are
kept, the most recently used.

Next to them, a request file tells which kept output answers a request as it was typed (the words
of a command line, where and how it was run: the caller's key), so that a command can be answered
from there before the code that understands its words is even loaded (portfolio.cli.quick_answer).
It holds the output's file name, its key and the language of the answer; the MAX_REQUESTS most
recently used are kept.
"""

from __future__ import annotations

import os

from portfolio.git.head_glance import glance_head
from portfolio.history.cache_file import DAMAGED, CacheFile, made_for

TYPE_CHECKING = False  # typing, dataclasses, pathlib: not loaded for a replayed answer (see cache_file)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from portfolio.history.cache_file import Place

OUTPUTS_FORMAT = 1
OUTPUTS_DIR = os.path.join("portfolio", "outputs")  # in the git directory
MAX_KEPT = 8
MAX_KEPT_BYTES = 128 << 20  # all kept answers together (measured: `log --format json` at 50,000 commits ~32 MB)
MAX_REQUESTS = 64
_FILE = CacheFile(b"portfolio-output\n", OUTPUTS_FORMAT, MAX_KEPT_BYTES)
_REQUEST_FILE = CacheFile(b"portfolio-request\n", OUTPUTS_FORMAT, 4096)


class KeptOutput:
    """Standard output as UTF-8 (written as it is where that is the output's encoding) and the warnings."""

    __slots__ = ("stdout", "stderr")

    def __init__(self, stdout: bytes, stderr: str) -> None:
        self.stdout, self.stderr = stdout, stderr


class KeptRequest:
    """Which kept output answers a request: its file (in the same folder), its key, its language."""

    __slots__ = ("output_name", "output_key", "language")

    def __init__(self, output_name: str, output_key: str, language: str) -> None:
        self.output_name, self.output_key, self.language = output_name, output_key, language


def recall_output(path: Place, key: str, head: str) -> KeptOutput | None:
    """The output kept in ``path`` for ``key`` at commit ``head``, or None."""
    try:
        read = _FILE.read(path, key)
        if read is None or read[0] != [head]:
            return None
        stdout, stderr = read[1]
        if type(stdout) is not bytes or type(stderr) is not str:
            return None
    except DAMAGED:
        return None
    _used(path)
    return KeptOutput(stdout, stderr)


def recall_request(folder: Place, request_key: str) -> KeptRequest | None:
    """What was kept in ``folder`` for the request of ``request_key``, or None."""
    path = os.path.join(folder, f"{request_key[:40]}.request")
    try:
        read = _REQUEST_FILE.read(path, request_key)
        if read is None:
            return None
        name, key, language = read[1]
        if not all(type(part) is str for part in (name, key, language)) or not _is_output_name(name):
            return None
    except DAMAGED:
        return None
    _used(path)
    return KeptRequest(name, key, language)


def keep_request(folder: Place, request_key: str, request: KeptRequest) -> bool:
    """Keeps, in ``folder``, which output answers the request of ``request_key``."""
    path = os.path.join(folder, f"{request_key[:40]}.request")
    kept = _REQUEST_FILE.write(path, request_key, (), (request.output_name, request.output_key, request.language))
    if kept:
        _forget_least_used(folder, ".request", MAX_REQUESTS, _REQUEST_FILE.max_bytes * MAX_REQUESTS)
    return kept


def _is_output_name(name: str) -> bool:
    return name.endswith(".output") and "/" not in name and "\\" not in name and not name.startswith(".")


def _used(path: Place) -> None:
    try:
        os.utime(path)  # recently used: kept longest
    except OSError:  # a git directory we may read but not change: the answer is good all the same
        pass


class OutputMemory:
    """Where the output of one question at the current HEAD is kept (see the module's text).

    ``question``: the command and its options, each a string. ``sources``: the vocabulary files.
    """

    def __init__(self, root: Path, question: Sequence[str], sources: Sequence[Path]) -> None:
        from pathlib import Path

        from portfolio.i18n import current_language

        glanced = glance_head(root)
        if glanced is None:
            from portfolio.git.repository import git_dir, open_repo
            from portfolio.history.head import history_head

            with open_repo(root) as repo:
                self.head = history_head(repo)
                folder = git_dir(repo) / OUTPUTS_DIR
        else:
            self.head, folder = glanced[0], Path(glanced[1], OUTPUTS_DIR)
        self.key = made_for(f"portfolio-output:{OUTPUTS_FORMAT}", sources, current_language(), *question)
        self.path = folder / f"{self.key[:40]}.output"

    def recall(self) -> KeptOutput | None:
        """The output kept for this question at this HEAD, or None."""
        return None if self.head is None else recall_output(self.path, self.key, self.head)

    def keep(self, output: KeptOutput, made_at: str | None) -> bool:
        """Keeps ``output``, made from the history at commit ``made_at``, for this question at this HEAD;
        False (and no error) when it cannot, or when HEAD moved while it was made."""
        if self.head is None or made_at != self.head:
            return False
        if not _FILE.write(self.path, self.key, (self.head,), (output.stdout, output.stderr)):
            return False
        _forget_least_used(self.path.parent, ".output", MAX_KEPT, MAX_KEPT_BYTES)
        return True


def _forget_least_used(folder: Place, suffix: str, most: int, most_bytes: int) -> None:
    try:
        kept = [entry for entry in os.scandir(folder) if entry.name.endswith(suffix) and entry.is_file()]
        kept.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        total = 0
        for number, entry in enumerate(kept):
            total += entry.stat().st_size
            if number >= most or total > most_bytes:
                os.unlink(entry.path)
    except OSError:  # another process forgot it first, or the folder is not ours to change
        pass
