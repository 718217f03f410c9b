"""The git operations of the core: find the repository, check the identity, commit one file.

GitPython is the git layer; one ``Repo`` per operation. Paths from users or data always follow
``--``. A commit is refused (with an instruction) when git has no identity, during a merge,
rebase, cherry-pick or revert, on a detached HEAD, or while another git holds ``index.lock``.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import git

from portfolio.errors import GitError, NotAPortfolio, os_reason
from portfolio.i18n import _

# The handle of one open repository, as the layers above pass it back to the git layer's functions
# (they never call it themselves).
Repo = git.Repo

_OPERATIONS_IN_PROGRESS = (
    ("MERGE_HEAD", "merge"),
    ("rebase-merge", "rebase"),
    ("rebase-apply", "rebase"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
    ("BISECT_LOG", "bisect"),
)


@contextmanager
def open_repo(root: Path) -> Iterator[git.Repo]:
    """A ``Repo`` for one operation, closed afterwards (it may hold cat-file processes)."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotAPortfolio(_("{root} is not a git repository").format(root=root)) from None
    try:
        yield repo
    finally:
        repo.close()


def git_dir(repo: Repo) -> Path:
    """The repository's git directory (``.git``, or where a worktree's lives): git's own files, and our cache."""
    return Path(repo.git_dir)


def find_toplevel(start: Path) -> Path:
    """The top level of the git work tree containing ``start``."""
    try:
        repo = git.Repo(start, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotAPortfolio(
            _("{path} is not inside a git repository; run the command in a portfolio or pass --repo PATH").format(
                path=start
            )
        ) from None
    try:
        if repo.working_tree_dir is None:
            raise NotAPortfolio(_("{path} is a bare git repository; a portfolio needs a work tree").format(path=start))
        return Path(repo.working_tree_dir)
    finally:
        repo.close()


@dataclass(frozen=True)
class Identity:
    name: str
    email: str


def _config_value(command: git.Git, key: str) -> str:
    try:
        return command.config("--get", key).strip()
    except git.GitCommandError:
        return ""


_IDENTITY_KEYS = r"^(user|author|committer)\.(name|email)$"


def _identity_config(command: git.Git) -> dict[str, str]:
    """user/author/committer name and e-mail from git's config, in one call (last value wins, as in git)."""
    try:
        output = command.config("--null", "--get-regexp", _IDENTITY_KEYS)
    except git.GitCommandError:  # exit 1: none of the keys is set
        return {}
    values = {}
    for entry in output.split("\0"):
        key, _newline, value = entry.partition("\n")
        if key:
            values[key.lower()] = value
    return values


def author_identity(command: git.Git) -> Identity:
    """Who a commit would be made by, as git itself would decide, without falling back to user@host.

    ``command`` is ``repo.git`` (or a ``git.Git`` in a folder outside any repository). Raises
    GitError with instructions when a name or an e-mail address is not set.
    """
    config = _identity_config(command)

    def lookup(variable: str, role: str, item: str) -> str:
        value = (
            os.environ.get(variable)
            or config.get(f"{role}.{item}")
            or config.get(f"user.{item}")
            or (os.environ.get("EMAIL", "") if item == "email" else "")
        )
        return value.strip()

    name, email = lookup("GIT_AUTHOR_NAME", "author", "name"), lookup("GIT_AUTHOR_EMAIL", "author", "email")
    committer = lookup("GIT_COMMITTER_NAME", "committer", "name"), lookup("GIT_COMMITTER_EMAIL", "committer", "email")
    if not (name and email and all(committer)):
        raise GitError(
            _(
                "git does not know who you are, so nothing was changed. Tell it once with:\n"
                '  git config --global user.name "Your Name"\n'
                '  git config --global user.email "you@example.org"'
            )
        )
    return Identity(name, email)


def operation_in_progress(repo: git.Repo) -> str | None:
    git_dir = Path(repo.git_dir)
    for marker, operation in _OPERATIONS_IN_PROGRESS:
        if (git_dir / marker).exists():
            return operation
    return None


def ensure_can_commit(repo: git.Repo) -> Identity:
    """Refuse, with a clear reason, every state in which our commit would be wrong or fail."""
    identity = author_identity(repo.git)
    operation = operation_in_progress(repo)
    if operation:
        raise GitError(
            _(
                "a {operation} is in progress in this repository; finish or abort it first (git status shows how)"
            ).format(operation=operation)
        )
    if repo.head.is_detached:
        raise GitError(_("HEAD is detached (no branch is checked out); check out a branch first, e.g. git switch main"))
    if (Path(repo.git_dir) / "index.lock").exists():
        raise GitError(
            _(
                "another git process is running in this repository ({lock} exists); wait for it to finish, "
                "or remove the file if no git process is running"
            ).format(lock=Path(repo.git_dir) / "index.lock")
        )
    return identity


def check_can_commit(root: Path) -> Identity:
    with open_repo(root) as repo:
        return ensure_can_commit(repo)


# What a disk can cause (a full disk also makes git fail to create index.lock: not another git's lock).
_DISK_ERRNOS = tuple(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EIO") if hasattr(errno, name)
)


def _git_failure(error: git.GitCommandError) -> GitError:
    detail = (error.stderr or error.stdout or "").strip().removeprefix("stderr:").strip().strip("'").strip()
    for number in _DISK_ERRNOS:
        if os.strerror(number) in detail:  # git's own message ends in the C library's reason
            return GitError(
                _("git could not write to the repository: {reason} ({detail})").format(
                    reason=os_reason(OSError(number, os.strerror(number))), detail=detail
                )
            )
    if "index.lock" in detail:
        return GitError(
            _("another git process holds the index lock; wait for it to finish, then try again ({detail})").format(
                detail=detail
            )
        )
    return GitError(_("git failed: {detail}").format(detail=detail or str(error)))


def _stdin(text: str) -> IO[bytes]:
    """A file to give git on standard input (lists and messages that can grow never go as arguments)."""
    handle = tempfile.TemporaryFile()
    handle.write(text.encode("utf-8"))
    handle.seek(0)
    return handle


def _index_entries(repo: git.Repo, paths: list[str]) -> dict[str, str]:
    """path -> ``mode sha stage`` of the index entries at or under ``paths``."""
    wanted = set(paths)
    entries = {}
    for entry in repo.git.ls_files("--stage", "-z").split("\0"):
        info, _tab, path = entry.partition("\t")
        if path and (path in wanted or any(path.startswith(folder + "/") for folder in wanted)):
            entries[path] = info
    return entries


def _restore_index(repo: git.Repo, paths: list[str], before: dict[str, str]) -> None:
    """Put the index entries of ``paths`` back to ``before`` (entries added since are removed)."""
    null = "0" * (64 if repo.git.rev_parse("--show-object-format").strip() == "sha256" else 40)
    now = _index_entries(repo, paths)
    records = [f"{info}\t{path}" for path, info in before.items()]
    records += [f"0 {null}\t{path}" for path in now if path not in before]
    with _stdin("".join(record + "\0" for record in records)) as stdin:
        repo.git.update_index("-z", "--index-info", istream=stdin)


def commit_paths(root: Path, paths: list[str], message: str) -> str:
    """Commit exactly ``paths`` (relative to ``root``) with ``message``; returns the new commit sha.

    Other staged or unstaged changes in the repository stay as they are. When git refuses the
    commit (a hook, a lock taken meanwhile), the index entries of ``paths`` are put back as they were.
    """
    with open_repo(root) as repo:
        ensure_can_commit(repo)
        before = _index_entries(repo, paths)
        try:
            with tempfile.NamedTemporaryFile("wb", suffix=".pathspec") as pathspec:
                pathspec.write("".join(path + "\0" for path in paths).encode("utf-8"))
                pathspec.flush()
                from_file = (f"--pathspec-from-file={pathspec.name}", "--pathspec-file-nul")
                repo.git.add(*from_file)
                with _stdin(message) as stdin:
                    repo.git.commit("--only", "--no-edit", "--quiet", "-F", "-", *from_file, istream=stdin)
            return repo.git.rev_parse("--verify", "HEAD^{commit}").strip()
        except git.GitCommandError as error:
            try:
                _restore_index(repo, paths, before)
            except git.GitCommandError:
                pass  # the index is locked by another git: the failure below says so
            raise _git_failure(error) from None


def uncommitted_paths(root: Path, paths: list[str]) -> list[str]:
    """Those of ``paths`` that differ from HEAD in the index or the work tree, or are untracked."""
    with open_repo(root) as repo:
        try:
            output = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
        except git.GitCommandError as error:
            raise _git_failure(error) from None
    changed = {path for _code, path in status_entries(output)}
    return [path for path in paths if path in changed]


def committed_files(root: Path, paths: list[str]) -> dict[str, bytes | None]:
    """path -> the file as HEAD has it (``None``: HEAD has no such file), in one ``git cat-file --batch``."""
    if not paths:
        return {}
    with open_repo(root) as repo:
        try:
            with _stdin("".join(f"HEAD:{path}\n" for path in paths)) as stdin:
                output = repo.git.cat_file(
                    "--batch", istream=stdin, stdout_as_string=False, strip_newline_in_stdout=False
                )
        except git.GitCommandError as error:
            raise _git_failure(error) from None
    found: dict[str, bytes | None] = {}
    at = 0
    for path in paths:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[path] = output[at : at + size]
            at += size + 1
        else:  # "HEAD:path missing", or not a file
            found[path] = None
    return found


def config_value_in(folder: Path, key: str) -> str:
    """A git config value as seen from ``folder`` (which need not be a repository)."""
    return _config_value(git.Git(str(folder)), key)


def status_entries(output: str) -> list[tuple[str, str]]:
    """``(two-letter code, path)`` for each entry of ``git status --porcelain=v1 -z`` output.

    A rename or copy entry is followed by its original path, which is skipped.
    """
    entries = output.split("\0")
    result = []
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":
            index += 1
        result.append((code, path))
    return result
