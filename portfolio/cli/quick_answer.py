"""A history command asked again, answered from its kept output before click or the command is loaded.

``portfolio log`` asked again at the same HEAD writes the output it kept (portfolio.history.kept_output)
without computing anything, but going through click still cost ~70 ms (measured 2026-12-05 at
1,000 projects / 10,000 commits), most of it importing click and the command's modules. So when a
history command kept or wrote a kept answer, a request file records which output answers the
request as it was typed: the words after ``portfolio``, the folder it ran in, the environment that
can change an answer (``ENVIRONMENT``), the vocabulary files (their paths and bytes) and this code.
The same request at the same HEAD is then answered from there by ``replay``, with the same bytes
on standard output and standard error and the same exit code.

Anything else goes the long way, which gives the same answer: another word, a portfolio or HEAD a
glance cannot tell (portfolio.git.head_glance), a request file missing or damaged, no output kept
at this HEAD, an output stream that is not UTF-8.
"""

from __future__ import annotations

import codecs
import os
import sys

from portfolio.cli.typed_words import early_option, times_given

# Nothing here loads typing, pathlib or dataclasses (nor do the modules a replay reads): together
# they cost more than the rest of a replayed answer. Paths are text.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from portfolio.cli.context import Invocation
    from portfolio.history.kept_output import KeptOutput, OutputMemory

# The commands whose answers are kept (portfolio.cli.history).
REPLAYABLE = frozenset({"log", "history", "blame", "timeline"})
# What in the environment may change the portfolio, the language or the answer of a command.
ENVIRONMENT_PREFIXES = ("PORTFOLIO_", "GIT_", "LC_")
ENVIRONMENT = ("LANG", "LANGUAGE", "TZ", "HOME", "SOURCE_DATE_EPOCH")
# The largest piece written at once: a pipe whose reader went away reports the part that fitted.
LARGEST_WRITE = 1 << 20

_typed: list[str] | None = None  # the words of this process's command line, when it came through main()


def take_typed(words: list[str]) -> None:
    """Remembers the words this process was started with (the entry module's ``main``), so that the
    answer to them can be recorded; a command run in-process (a test's CliRunner) records nothing."""
    global _typed
    _typed = list(words)


def replay(words: list[str]) -> int | None:
    """Writes the kept answer to the request ``words`` and returns the exit code; None when there is
    none (then the command line runs as ever)."""
    if REPLAYABLE.isdisjoint(words) or not _streams_are_utf8():
        return None
    from portfolio.git.head_glance import glance_head
    from portfolio.history.kept_output import OUTPUTS_DIR, recall_output, recall_request
    from portfolio.resources import vocabulary_source_paths

    try:
        place = _place(words)
        if place is None:
            return None
        repo, root = place
        glanced = glance_head(root)
        if glanced is None:
            return None
        head, git_dir = glanced
        folder = os.path.join(git_dir, OUTPUTS_DIR)
        request = recall_request(folder, _request_key(words, repo, root, vocabulary_source_paths(root)))
        if request is None:
            return None
        kept = recall_output(os.path.join(folder, request.output_name), request.output_key, head)
    except OSError:  # the folder it runs in is gone, say: the long way tells what is wrong
        return None
    if kept is None:
        return None
    return _written(kept, request.language)


def remember(invocation: Invocation, memory: OutputMemory) -> None:
    """Records that the output of ``memory`` (kept at its HEAD) answers the words this process was
    started with, when a later ``replay`` of them would find the same portfolio and vocabulary."""
    words = _typed
    if words is None or memory.head is None or REPLAYABLE.isdisjoint(words):
        return
    from portfolio.git.head_glance import glance_head
    from portfolio.history.kept_output import OUTPUTS_DIR, KeptRequest, keep_request
    from portfolio.i18n import current_language
    from portfolio.resources import vocabulary_source_paths

    try:
        place = _place(words)
        if place is None or place[0] != invocation.repo or place[1] != str(invocation.root()):
            return  # a replay would not find the portfolio this command found (or not by the same words)
        repo, root = place
        glanced = glance_head(root)
        folder = str(memory.path.parent)
        if glanced is None or glanced[0] != memory.head or os.path.join(glanced[1], OUTPUTS_DIR) != folder:
            return
        vocabulary = invocation.vocabulary()
        sources = vocabulary_source_paths(root)
        if vocabulary.bundled_default_warning() or tuple(map(str, vocabulary.sources)) != sources:
            return  # the long way tells of the bundled files on every run: a replay would not
        key = _request_key(words, repo, root, sources)
    except OSError:  # the answer was written; not recording how it was asked loses nothing
        return
    keep_request(folder, key, KeptRequest(memory.path.name, memory.key, current_language()))


def write_bytes(binary: BinaryIO, data: bytes) -> None:
    """Writes ``data`` to standard output's binary stream in pieces, each as far as it went: one big
    write into a pipe whose reader went away reports the part that fitted, not BrokenPipeError."""
    if sys.stdout is not None:
        sys.stdout.flush()
    rest = memoryview(data)
    while rest:
        rest = rest[binary.write(rest[:LARGEST_WRITE]) :]
    binary.flush()


def _streams_are_utf8() -> bool:
    return all(
        stream is not None
        and getattr(stream, "buffer", None) is not None
        and codecs.lookup(stream.encoding or "ascii").name == "utf-8"
        for stream in (sys.stdout, sys.stderr)
    )


def _place(words: list[str]) -> tuple[str | None, str] | None:
    """The repository the words name (``--repo``, else ``PORTFOLIO_REPO``, as the command line reads
    them) and the portfolio's top level, when a glance tells it; else None."""
    if times_given(words, "--repo") > 1:
        return None  # which one counts is click's to say
    repo = early_option(words, "--repo") or os.environ.get("PORTFOLIO_REPO") or None
    if repo is not None:
        root = os.path.realpath(os.path.expanduser(repo))  # as Path.resolve() of the command line
        return (repo, root) if os.path.isdir(root) else None
    from portfolio.git.toplevel import glance_toplevel

    found = glance_toplevel(os.getcwd())
    return (None, found) if found is not None else None


def _request_key(words: list[str], repo: str | None, root: str, sources: tuple[str, ...]) -> str:
    from portfolio.history.cache_file import made_for
    from portfolio.history.kept_output import OUTPUTS_FORMAT

    environment = sorted(
        f"{name}={value}"
        for name, value in os.environ.items()
        if name in ENVIRONMENT or name.startswith(ENVIRONMENT_PREFIXES)
    )
    return made_for(
        f"portfolio-request:{OUTPUTS_FORMAT}",
        sources,
        *sources,
        os.getcwd(),
        repo or "",
        root,
        str(len(environment)),
        *environment,
        str(len(words)),
        *words,
    )


def _written(kept: KeptOutput, language: str) -> int:
    """Writes ``kept`` as the command writes it; the exit code, as the command's would be."""
    try:
        if kept.stderr:
            sys.stderr.write(kept.stderr)
            sys.stderr.flush()
        write_bytes(sys.stdout.buffer, kept.stdout)
        return 0
    except BrokenPipeError:  # the reader went away (``| head``): quietly, as the command does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        from portfolio.i18n import _, use_language

        use_language(language)
        return _told(_("interrupted"), 130)
    except OSError as error:  # the disk behind a redirection is full, say
        from portfolio.errors import os_error_text
        from portfolio.i18n import _, use_language
        from portfolio.textsafety import escape_control

        use_language(language)
        return _told(_("error: {message}").format(message=escape_control(os_error_text(error))), 2)


def _told(text: str, code: int) -> int:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except OSError:
        pass
    return code
