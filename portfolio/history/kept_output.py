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
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from portfolio.git.head_glance import glance_head
from portfolio.history.cache_file import DAMAGED, CacheFile, made_for
from portfolio.i18n import current_language

OUTPUTS_FORMAT = 1
OUTPUTS_DIR = Path("portfolio") / "outputs"
MAX_KEPT = 8
MAX_KEPT_BYTES = 128 << 20  # all kept answers together (measured: `log --format json` at 50,000 commits ~32 MB)
_FILE = CacheFile(b"portfolio-output\n", OUTPUTS_FORMAT, MAX_KEPT_BYTES)


@dataclass(frozen=True)
class KeptOutput:
    """Standard output as UTF-8 (written as it is where that is the output's encoding) and the warnings."""

    stdout: bytes
    stderr: str


class OutputMemory:
    """Where the output of one question at the current HEAD is kept (see the module's text).

    ``question``: the command and its options, each a string. ``sources``: the vocabulary files.
    """

    def __init__(self, root: Path, question: Sequence[str], sources: Sequence[Path]) -> None:
        glanced = glance_head(root)
        if glanced is None:
            from portfolio.git.repository import git_dir, open_repo
            from portfolio.history.head import history_head

            with open_repo(root) as repo:
                self.head = history_head(repo)
                folder = git_dir(repo) / OUTPUTS_DIR
        else:
            self.head, folder = glanced[0], glanced[1] / OUTPUTS_DIR
        self.key = made_for(f"portfolio-output:{OUTPUTS_FORMAT}", sources, current_language(), *question)
        self.path = folder / f"{self.key[:40]}.output"

    def recall(self) -> KeptOutput | None:
        """The output kept for this question at this HEAD, or None."""
        if self.head is None:
            return None
        try:
            read = _FILE.read(self.path, self.key)
            if read is None or read[0] != [self.head]:
                return None
            stdout, stderr = read[1]
            if type(stdout) is not bytes or type(stderr) is not str:
                return None
        except DAMAGED:
            return None
        try:
            os.utime(self.path)  # recently used: kept longest
        except OSError:  # a git directory we may read but not change: the answer is good all the same
            pass
        return KeptOutput(stdout, stderr)

    def keep(self, output: KeptOutput, made_at: str | None) -> bool:
        """Keeps ``output``, made from the history at commit ``made_at``, for this question at this HEAD;
        False (and no error) when it cannot, or when HEAD moved while it was made."""
        if self.head is None or made_at != self.head:
            return False
        if not _FILE.write(self.path, self.key, (self.head,), (output.stdout, output.stderr)):
            return False
        _forget_least_used(self.path.parent)
        return True


def _forget_least_used(folder: Path) -> None:
    try:
        kept = [entry for entry in os.scandir(folder) if entry.name.endswith(".output") and entry.is_file()]
        kept.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        total = 0
        for number, entry in enumerate(kept):
            total += entry.stat().st_size
            if number >= MAX_KEPT or total > MAX_KEPT_BYTES:
                os.unlink(entry.path)
    except OSError:  # another process forgot it first, or the folder is not ours to change
        pass
