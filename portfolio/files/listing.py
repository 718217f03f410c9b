"""Listing and reading the files in ``projects/``, never through a symlink.

Kept apart from ``store`` (which validates with pydantic) so that a first look at the portfolio
(``first_look``) can list and read the files without importing the model.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from portfolio.domain.ids import PROJECTS_DIR, PROJECTS_PREFIX, SUFFIX, project_relpath
from portfolio.errors import NotAPortfolio, UnsafeFile
from portfolio.i18n import _
from portfolio.problems import Problem

MAX_FILE_BYTES = 1024 * 1024
IGNORED_NAMES = frozenset({".gitkeep"})
# A save writes ``.<id>.toml.<12 hex digits>.tmp`` beside the file and renames it into place; one a
# killed save left behind is the store's to remove, never a project nor a problem of the portfolio.
TEMP_SUFFIX = ".tmp"
_OUR_TEMP = re.compile(r"\.[a-z0-9][a-z0-9-]*\.toml\.[0-9a-f]{12}\.tmp")


def is_our_temp_file(name: str) -> bool:
    """Whether ``name`` is a temp file of a save (``store``)."""
    return _OUR_TEMP.fullmatch(name) is not None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def projects_dir(root: Path) -> Path:
    """The portfolio's ``projects/`` folder; refuses a missing folder or a symlink."""
    folder = root / PROJECTS_DIR
    if folder.is_symlink():
        raise UnsafeFile(_("{path} is a symbolic link; the projects folder must be a real folder").format(path=folder))
    if not folder.is_dir():
        raise NotAPortfolio(
            _("{root} is not a portfolio: it has no {folder} folder (create one with 'portfolio init')").format(
                root=root, folder=PROJECTS_PREFIX
            )
        )
    return folder


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file, never through a symlink, at most MAX_FILE_BYTES + 1 of them."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFile(
                _("{path} is a symbolic link; project files must be regular files").format(path=path)
            ) from None
        if error.errno == errno.ENOENT:
            raise FileNotFoundError(path) from None
        raise UnsafeFile(_("{path}: cannot read: {reason}").format(path=path, reason=error.strerror)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(_("{path} is not a regular file").format(path=path))
        # Read what the file holds (asking for the limit each time allocated 1 MiB per file: 25 us a
        # file), and on to the limit if it grew meanwhile.
        limit = MAX_FILE_BYTES + 1
        chunks = []
        size = 0
        wanted = min(info.st_size + 1, limit)
        while size < limit:
            chunk = os.read(descriptor, wanted)
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < wanted:  # the end of the file
                break
            wanted = min(limit - size, 64 * 1024)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def listed_relpath(path: Path) -> str:
    """The ``projects/<name>`` path of a file ``list_project_files`` listed (pathlib's relative_to
    cost 90 us a file, as much as validating it)."""
    return PROJECTS_PREFIX + path.name


def list_project_files(root: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """``(id, path)`` of every project file, and problems for everything else in ``projects/``."""
    folder = projects_dir(root)
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = Path(entry.path)
            relpath = PROJECTS_PREFIX + entry.name
            if entry.name in IGNORED_NAMES or is_our_temp_file(entry.name):
                continue
            if entry.is_symlink():
                problems.append(
                    Problem(
                        relpath,
                        None,
                        None,
                        "symlink",
                        _("is a symbolic link; project files must be regular files (not read)"),
                    )
                )
            elif entry.is_dir():
                problems.append(
                    Problem(
                        relpath,
                        None,
                        None,
                        "bad-filename",
                        _("folders are not allowed in {folder}; each project is one file {path}").format(
                            folder=PROJECTS_PREFIX, path=project_relpath("<id>")
                        ),
                    )
                )
            elif not entry.name.endswith(SUFFIX):
                problems.append(
                    Problem(
                        relpath,
                        None,
                        None,
                        "bad-filename",
                        _("not a project file: files in {folder} must be named <id>{suffix}").format(
                            folder=PROJECTS_PREFIX, suffix=SUFFIX
                        ),
                    )
                )
            else:
                files.append((entry.name[: -len(SUFFIX)], path))
    return files, problems
