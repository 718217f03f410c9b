"""How a history command writes its answer: streamed as it is made, kept for the next time.

The output goes out in growing chunks while it is made (``portfolio log | head`` shows its first
lines at once), and when the same question is asked again at the same HEAD it is written as it was
kept (portfolio.history.kept_output) without computing anything.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

import click

from portfolio.cli import quick_answer
from portfolio.cli.quick_answer import LARGEST_WRITE, write_bytes
from portfolio.history.dates import flag_may_lapse, implausible_dates
from portfolio.i18n import ngettext

if TYPE_CHECKING:
    from portfolio.cli.context import Invocation


def warn_about_dates(dated: Iterable[tuple[str, str]], warn: Callable[[str], None]) -> None:
    """One warning (to ``warn``) for the commits (``(sha, date)``) dated before 1970 or in the future."""
    found = implausible_dates(dated)
    if not found:
        return
    commit, when = found[0]
    warn(
        ngettext(
            "warning: {count} commit is dated before 1970 or in the future ({commit} {date}); "
            "what happened when is not reliable there",
            "warning: {count} commits are dated before 1970 or in the future (first {commit} {date}); "
            "what happened when is not reliable there",
            len(found),
        ).format(count=len(found), commit=commit[:12], date=when)
    )


def joined(texts: Iterable[str], separator: str = "\n\n") -> Iterator[str]:
    """``separator.join(texts)`` in pieces, one per text, each made when it is written."""
    before = ""
    for text in texts:
        yield before + text
        before = separator


# The first write is small, so that `portfolio log | head` shows its lines before the rest is made;
# then each write is twice as big as the one before, up to a size where system calls cost nothing.
FIRST_WRITE = 4 << 10


def write_streamed(*parts: Iterable[str], into: list[str] | None = None) -> None:
    """Writes the pieces of ``parts`` to standard output as they are made, in growing chunks (and
    appends each chunk to ``into``).

    A reader that goes away (``| head``) ends the command quietly: BrokenPipeError is handled where
    every command's errors are (portfolio.cli.context).
    """
    chunk: list[str] = []
    size, limit = 0, FIRST_WRITE
    for piece in chain.from_iterable(parts):
        chunk.append(piece)
        size += len(piece)
        if size >= limit:
            _write_chunk("".join(chunk), into)
            chunk, size, limit = [], 0, min(limit * 2, LARGEST_WRITE)
    if chunk:
        _write_chunk("".join(chunk), into)


def _write_chunk(text: str, into: list[str] | None) -> None:
    click.echo(text, nl=False)
    if into is not None:
        into.append(text)


class Answer:
    """The output of one history command: written as it was kept when the same question was answered
    at this HEAD (portfolio.history.kept_output), else written as it is made and then kept."""

    def __init__(self, invocation: Invocation, *question: str | None) -> None:
        from portfolio.history.kept_output import OutputMemory
        from portfolio.resources import vocabulary_sources

        self._invocation = invocation
        # The vocabulary's files, not the vocabulary: a command that reads the history starts git
        # before it loads the vocabulary (ready the moment git is done), see ``vocabulary_first``.
        root = invocation.root()
        self._memory = OutputMemory(root, [repr(question)], vocabulary_sources(root))
        self._stdout: list[str] = []
        self._stderr: list[str] = []
        self._lasting = True

    def replayed(self) -> bool:
        """Whether the kept output was written (else the command makes it)."""
        kept = self._memory.recall()
        if kept is None:
            return False
        self.vocabulary_first()
        if kept.stderr:
            click.echo(kept.stderr, err=True, nl=False)
        binary = getattr(sys.stdout, "buffer", None)
        if binary is not None and codecs.lookup(sys.stdout.encoding or "ascii").name == "utf-8":
            write_bytes(binary, kept.stdout)  # the bytes as they are (no text made of them first)
        else:
            write_streamed([kept.stdout.decode("utf-8")])
        quick_answer.remember(self._invocation, self._memory)
        return True

    def vocabulary_first(self) -> None:
        """Loads the vocabulary (if not yet): what it has to say (a bundled default used, a broken
        file) comes before the output."""
        self._invocation.vocabulary()

    def warn(self, text: str) -> None:
        click.echo(text, err=True)
        self._stderr.append(text + "\n")

    def warn_about_dates(self, dated: list[tuple[str, str]], shown: Iterable[str] = ()) -> None:
        """The warning about the implausible ones of the ``(commit, date)`` pairs; an output that tells
        a date the clock will reach (of those, or of the other dates ``shown``) is not kept."""
        warn_about_dates(dated, self.warn)
        self._lasting = not any(flag_may_lapse(date) for date in chain((date for _commit, date in dated), shown))

    def write(self, *parts: Iterable[str]) -> None:
        write_streamed(*parts, into=self._stdout)

    def keep(self, made_at: str | None) -> None:
        """Keeps what was written, made from the history at commit ``made_at`` (see OutputMemory.keep)."""
        if self._lasting:
            from portfolio.history.kept_output import KeptOutput

            try:
                made = "".join(self._stdout).encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: it is written, but not kept
                return
            if self._memory.keep(KeptOutput(made, "".join(self._stderr)), made_at):
                quick_answer.remember(self._invocation, self._memory)
