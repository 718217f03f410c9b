"""One pass over the history: ``git log --raw -z`` limited to ``projects/``, parsed as it streams.

Every commit reachable from the start revision is listed (``--full-history --sparse``: no commit
is simplified away, so the parents of each commit are its real parents), each with its changes
against its FIRST parent (``--diff-merges=first-parent``), renames detected (``-M``). That one
pass gives both the state of the branch along its first-parent line and, for commits that came
in through a merge, their own changes. Git lists them newest first by date; ``topological``
puts children before parents (``--topo-order`` would make git walk everything before it
writes the first line, so the Python side could not start working while git still runs).
"""

from __future__ import annotations

import heapq
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from queue import SimpleQueue
from typing import IO

import git

from portfolio.domain.ids import PROJECTS_PREFIX
from portfolio.errors import GitError
from portfolio.i18n import _

NULL_SHA = "0" * 40
# Fields are separated by NUL (never part of a name, e-mail address or subject); the header starts
# with \x01 so that it can be told from a raw diff entry, which starts with ':'.
_FORMAT = "%x01%H%x00%P%x00%aN%x00%aE%x00%aI%x00%cI%x00%s"
_HEADER_FIELDS = 7
# The graph and the subjects alone (for merges: what a merge that brought a commit in is called):
# a third of the bytes to write and read, for a pass whose commits mostly change nothing asked for.
GRAPH_FORMAT = "%x01%H%x00%P%x00%s"
_GRAPH_FIELDS = 3
# git writes any date a commit holds (year 10000, 318857); Python's datetime ends with year 9999.
# Such a date is kept as the last moment Python can hold, one git cannot parse as 1970 (git's own
# fallback): every view can then compute with it, and flags it (portfolio.history.dates).
LATEST_DATE = "9999-12-31T23:59:59+00:00"
EARLIEST_DATE = "1970-01-01T00:00:00+00:00"

LOG_OPTIONS = (
    "--no-color",
    "--no-show-signature",
    "--no-ext-diff",
    "--no-textconv",
    "--full-history",
    "--sparse",
    "--root",
    "--diff-merges=first-parent",
    "-M",
    "--raw",
    "-z",
    "--no-abbrev",
    f"--format={_FORMAT}",
)


@dataclass(slots=True)
class FileChange:
    """One entry of ``--raw`` output: what a commit did to one file, against its first parent."""

    status: str  # A (added), D (deleted), M (modified), T (type changed), R (renamed)
    old_mode: str
    new_mode: str
    old_blob: str | None
    new_blob: str | None
    old_path: str | None  # for renames: where the file was before
    path: str


@dataclass(slots=True)
class LoggedCommit:
    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    author_date: str  # ISO 8601 with offset
    commit_date: str
    subject: str
    changes: list[FileChange] = field(default_factory=list)


def commit_to_list(commit: LoggedCommit) -> list:
    """A commit as plain JSON data (for the cache's journal of recent commits)."""
    return [
        commit.sha,
        list(commit.parents),
        commit.author,
        commit.email,
        commit.author_date,
        commit.commit_date,
        commit.subject,
        [[c.status, c.old_mode, c.new_mode, c.old_blob, c.new_blob, c.old_path, c.path] for c in commit.changes],
    ]


def commit_from_list(data: list) -> LoggedCommit:
    sha, parents, author, email, author_date, commit_date, subject, changes = data
    return LoggedCommit(
        sha,
        tuple(parents),
        author,
        email,
        author_date,
        commit_date,
        subject,
        [FileChange(*change) for change in changes],
    )


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def representable_date(text: str) -> str:
    """``text`` (git's ``%aI``) if Python can hold that moment, in UTC too; else LATEST_DATE or EARLIEST_DATE."""
    try:
        datetime.fromisoformat(text).astimezone(UTC)
        return text
    except (ValueError, OverflowError):
        year = text.partition("-")[0]
        return LATEST_DATE if year.isdigit() and int(year) >= 9999 else EARLIEST_DATE


def _tokens(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The NUL-separated fields of a stream, however it was cut into chunks."""
    rest = b""
    for chunk in chunks:
        if not chunk:
            continue
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _commit_header(fields: list[bytes], text: Callable[[bytes], str], sha: Callable[[str], str]) -> LoggedCommit:
    """A commit from the fields of its header line (its changes follow)."""
    commit_sha, parents, author, email, author_date, commit_date, subject = fields
    authored = representable_date(author_date.decode("ascii", "replace"))
    committed = authored if commit_date == author_date else representable_date(commit_date.decode("ascii", "replace"))
    return LoggedCommit(
        sha(commit_sha.decode("ascii")),
        tuple(map(sha, parents.decode("ascii").split())),
        text(author),
        text(email),
        authored,
        committed,
        text(subject),
    )


def _graph_header(fields: list[bytes], text: Callable[[bytes], str], sha: Callable[[str], str]) -> LoggedCommit:
    """A commit from the fields of GRAPH_FORMAT: no author, no dates."""
    commit_sha, parents, subject = fields
    return LoggedCommit(
        sha(commit_sha.decode("ascii")), tuple(map(sha, parents.decode("ascii").split())), "", "", "", "", text(subject)
    )


def parse_log(chunks: Iterable[bytes], *, graph_only: bool = False) -> Iterator[LoggedCommit]:
    """Commits from the output of ``git log`` with LOG_OPTIONS (``graph_only``: with GRAPH_FORMAT
    instead of its format), in the order git wrote them."""
    header, header_fields = (_graph_header, _GRAPH_FIELDS) if graph_only else (_commit_header, _HEADER_FIELDS)
    tokens = _tokens(chunks)
    commit: LoggedCommit | None = None
    # Names, addresses, subjects, paths and shas recur from commit to commit: one string each
    # (a smaller history in memory, and a smaller cache, which stores a shared string once).
    recurring: dict[bytes, str] = {}
    shas: dict[str, str] = {}

    def recurring_text(raw: bytes) -> str:
        text = recurring.get(raw)
        if text is None:
            text = recurring[raw] = _text(raw)
        return text

    def same_sha(sha: str) -> str:
        return shas.setdefault(sha, sha)

    for token in tokens:
        token = token.lstrip(b"\n")
        if token.startswith(b"\x01"):
            if commit is not None:
                yield commit
            commit = header([token[1:], *(next(tokens) for _ in range(header_fields - 1))], recurring_text, same_sha)
        elif token.startswith(b":"):
            if commit is None:
                raise GitError(_("unexpected output from git log: a change before any commit"))
            old_mode, new_mode, old_blob, new_blob, status = token[1:].decode("ascii").split(" ")
            status = status[0]
            first = recurring_text(next(tokens))
            if status in ("R", "C"):
                second = recurring_text(next(tokens))
                if status == "C":  # copies are not asked for; if configured, a copy is an addition
                    status, old_path, path, old_blob, old_mode = "A", None, second, NULL_SHA, "000000"
                else:
                    old_path, path = first, second
            else:
                old_path, path = None, first
            commit.changes.append(
                FileChange(
                    status,
                    old_mode,
                    new_mode,
                    None if old_blob == NULL_SHA else same_sha(old_blob),
                    None if new_blob == NULL_SHA else same_sha(new_blob),
                    old_path,
                    path,
                )
            )
        elif token:
            raise GitError(_("unexpected output from git log: {token!r}").format(token=token[:80]))
    if commit is not None:
        yield commit


def topological(commits: list[LoggedCommit]) -> list[LoggedCommit]:
    """Children before parents, otherwise in git's order (newest first by date)."""
    position = {commit.sha: index for index, commit in enumerate(commits)}
    # Nearly always git's order already has every child before its parents (a commit is dated after
    # them): then the ordering below would give that order back, and it is not run.
    if all(
        position.get(parent, index + 1) > index for index, commit in enumerate(commits) for parent in commit.parents
    ):
        return commits
    children = dict.fromkeys(position, 0)
    for commit in commits:
        for parent in commit.parents:
            if parent in children:
                children[parent] += 1
    ready = [index for index, commit in enumerate(commits) if children[commit.sha] == 0]
    heapq.heapify(ready)
    ordered = []
    while ready:
        commit = commits[heapq.heappop(ready)]
        ordered.append(commit)
        for parent in commit.parents:
            if parent in children:
                children[parent] -= 1
                if children[parent] == 0:
                    heapq.heappush(ready, position[parent])
    return ordered


def _drain(stream: IO[bytes], into: list[bytes] | SimpleQueue) -> None:
    """Takes everything off ``stream`` into ``into`` (a queue gets None at the end)."""
    put = into.append if isinstance(into, list) else into.put
    try:
        for chunk in iter(lambda: stream.read(65536), b""):
            put(chunk)
    except (OSError, ValueError):  # the stream was closed under us: the caller stopped git
        pass
    if not isinstance(into, list):
        into.put(None)


def read_log(
    repo: git.Repo,
    revisions: list[str],
    *,
    on_commit: Callable[[LoggedCommit], None] | None = None,
    max_count: int | None = None,
) -> list[LoggedCommit]:
    """Run the one ``git log`` pass over ``revisions`` (e.g. ``["HEAD"]`` or ``["HEAD", "^old"]``);
    the commits come back children first.

    ``on_commit`` is called for each commit as soon as it is parsed (to start reading its blobs
    and to report progress). ``max_count``: list at most that many commits (the newest by date).
    Raises GitError when git fails.
    """
    limit = () if max_count is None else (f"--max-count={int(max_count)}",)
    arguments = [*LOG_OPTIONS, *limit, "--end-of-options", *revisions, "--", PROJECTS_PREFIX]
    return run_log(repo, arguments, on_commit=on_commit)


def run_log(
    repo: git.Repo,
    arguments: list[str],
    *,
    stdin: bytes | None = None,
    on_commit: Callable[[LoggedCommit], None] | None = None,
    graph_only: bool = False,
) -> list[LoggedCommit]:
    """``git log`` with ``arguments`` (see RunningLog); the commits children first."""
    with RunningLog(repo, arguments, stdin=stdin, graph_only=graph_only) as running:
        return running.commits(on_commit)


class RunningLog:
    """A ``git log`` started with ``arguments`` (which include the ``--format`` of LOG_OPTIONS, or
    GRAPH_FORMAT with ``graph_only``) and given ``stdin`` (for ``--stdin``: git reads all of it
    before it writes anything). Started at once, read by ``commits()``: the caller can prepare
    what it needs for the commits while git walks (a thread takes git's output off the pipe
    meanwhile, so that git never waits for us). Leaving the context stops git if still running.
    """

    def __init__(
        self,
        repo: git.Repo,
        arguments: list[str],
        *,
        stdin: bytes | None = None,
        graph_only: bool = False,
        command: str = "log",
    ):
        self._graph_only = graph_only
        self._command = command
        try:
            self._process = getattr(repo.git, command.replace("-", "_"))(
                *arguments, as_process=True, istream=None if stdin is None else subprocess.PIPE
            )
        except git.GitCommandError as error:
            raise GitError(_("git {command} failed: {detail}").format(command=command, detail=error)) from None
        self._errors: list[bytes] = []
        self._stderr_reader = threading.Thread(
            target=_drain, args=(self._process.proc.stderr, self._errors), daemon=True
        )
        self._stderr_reader.start()
        self._output: SimpleQueue = SimpleQueue()
        threading.Thread(target=_drain, args=(self._process.proc.stdout, self._output), daemon=True).start()
        if stdin is not None:
            try:
                self._process.proc.stdin.write(stdin)
                self._process.proc.stdin.close()
            except BrokenPipeError:  # git stopped at once: its message is read by commits()
                pass

    def __enter__(self) -> RunningLog:
        return self

    def __exit__(self, *exc_info) -> None:
        proc = self._process.proc
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def commits(self, on_commit: Callable[[LoggedCommit], None] | None = None) -> list[LoggedCommit]:
        """The commits, children first; ``on_commit`` is called for each as soon as it is parsed.
        Raises GitError when git fails."""
        commits: list[LoggedCommit] = []
        for commit in parse_log(iter(self._output.get, None), graph_only=self._graph_only):
            commits.append(commit)
            if on_commit is not None:
                on_commit(commit)
        self._finish()
        return topological(commits)

    def output(self) -> bytes:
        """All that git wrote (for a command whose output is not a log's). Raises GitError when git fails."""
        output = b"".join(iter(self._output.get, None))
        self._finish()
        return output

    def _finish(self) -> None:
        status = self._process.proc.wait()
        self._stderr_reader.join()
        if status != 0:
            detail = b"".join(self._errors).decode("utf-8", "replace").strip()
            raise GitError(_("git {command} failed: {detail}").format(command=self._command, detail=detail))
