"""Reading and writing ``projects/<id>.toml`` safely.

Loading returns the valid projects AND the problems: one bad file never hides the others.
Saving is atomic (temp file in the same folder, fsync, rename), keeps the file mode, never
follows a symlink, and refuses to overwrite a file whose content changed since it was loaded.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.domain.ids import SUFFIX, invalid_id_message, is_valid_id, project_relpath
from portfolio.domain.records import Portfolio, StoredProject
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import ConcurrentChange, InvalidProject, ProjectNotFound, UnsafeFile
from portfolio.files.canonical import canonical_text
from portfolio.files.listing import _NOFOLLOW, _relative, list_project_files, projects_dir, read_file_bytes
from portfolio.files.reading import parse_project_bytes
from portfolio.i18n import _
from portfolio.problems import Problem

if TYPE_CHECKING:
    from portfolio.domain.model import Project


def fingerprint(raw: bytes) -> str:
    """Identifies the exact content a project was loaded from (to detect concurrent changes)."""
    return hashlib.sha256(raw).hexdigest()


def _file_name_problems(files: list[tuple[str, Path]], root: Path) -> list[Problem]:
    problems = []
    by_folded: dict[str, list[str]] = {}
    for project_id, path in files:
        relpath = _relative(root, path)
        by_folded.setdefault(project_id.casefold(), []).append(relpath)
        if not is_valid_id(project_id):
            problems.append(
                Problem(
                    relpath,
                    None,
                    None,
                    "bad-filename",
                    invalid_id_message(project_id),
                )
            )
    for relpaths in by_folded.values():
        if len(relpaths) > 1:
            for relpath in relpaths:
                others = ", ".join(other for other in relpaths if other != relpath)
                problems.append(
                    Problem(
                        relpath,
                        None,
                        None,
                        "id-case-collision",
                        _("differs from {others} only in case; on Windows and macOS they are the same file").format(
                            others=others
                        ),
                    )
                )
    return problems


def load_portfolio(root: Path, vocabulary: Vocabulary | None = None, *, lint: bool = False) -> Portfolio:
    """Every valid project under ``root/projects`` and every problem found while reading."""
    vocabulary = vocabulary or load_vocabulary(root)
    files, problems = list_project_files(root)
    problems.extend(_file_name_problems(files, root))
    portfolio = Portfolio(root, vocabulary, problems=problems)
    for project_id, path in files:
        relpath = _relative(root, path)
        portfolio.files_checked += 1
        try:
            raw = read_file_bytes(path)
        except FileNotFoundError:
            continue  # removed while we were listing; not a problem of the portfolio
        except UnsafeFile as error:
            problems.append(Problem(relpath, None, None, "unreadable", error.message))
            continue
        parsed = parse_project_bytes(raw, relpath, vocabulary, lint=lint)
        problems.extend(parsed.problems)
        if parsed.project is not None and is_valid_id(project_id):
            portfolio.projects[project_id] = StoredProject(
                project_id, relpath, parsed.project, fingerprint(raw), parsed.text
            )
    return portfolio


def load_project(root: Path, project_id: str, vocabulary: Vocabulary | None = None) -> StoredProject:
    """One valid project; raises ProjectNotFound or InvalidProject (with its problems)."""
    vocabulary = vocabulary or load_vocabulary(root)
    if not is_valid_id(project_id):
        raise ProjectNotFound(_("{id!r} is not a valid project id").format(id=project_id))
    path = projects_dir(root) / f"{project_id}{SUFFIX}"
    relpath = project_relpath(project_id)
    try:
        raw = read_file_bytes(path)
    except FileNotFoundError:
        raise ProjectNotFound(
            _("no project {id!r} ({path} does not exist)").format(id=project_id, path=relpath)
        ) from None
    parsed = parse_project_bytes(raw, relpath, vocabulary)
    if parsed.project is None:
        raise InvalidProject(_("{path} is not a valid project").format(path=relpath), parsed.errors)
    return StoredProject(project_id, relpath, parsed.project, fingerprint(raw), parsed.text)


def _current_fingerprint(path: Path) -> str | None:
    try:
        return fingerprint(read_file_bytes(path))
    except FileNotFoundError:
        return None


def _changed_since_loaded(relpath: str, expected_fingerprint: str | None, current: str | None) -> ConcurrentChange:
    if expected_fingerprint is None:
        return ConcurrentChange(_("{path} already exists; choose another id").format(path=relpath))
    if current is None:
        return ConcurrentChange(_("{path} was deleted since it was loaded; reload before saving").format(path=relpath))
    return ConcurrentChange(
        _("{path} changed on disk since it was loaded; reload it and make your change again").format(path=relpath)
    )


def unchanged_bytes(root: Path, project_id: str, *, expected_fingerprint: str | None) -> bytes | None:
    """The bytes of a project's file now (``None``: there is none), if it is as it was loaded; else
    ConcurrentChange, as ``save_project`` would refuse it."""
    try:
        raw = read_file_bytes(projects_dir(root) / f"{project_id}{SUFFIX}")
    except FileNotFoundError:
        raw = None
    current = None if raw is None else fingerprint(raw)
    if current != expected_fingerprint:
        raise _changed_since_loaded(project_relpath(project_id), expected_fingerprint, current)
    return raw


def _write_temp(folder: Path, name: str, raw: bytes, mode: int | None) -> Path:
    temp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def save_project(
    root: Path, project_id: str, project: Project, *, expected_fingerprint: str | None, text: str | None = None
) -> StoredProject:
    """Write ``project`` in canonical form (or as ``text``, the same project's file kept as it was), atomically.

    ``expected_fingerprint`` is the fingerprint the file had when it was loaded, or ``None`` for
    a new project (the file must not exist). If the file on disk differs, nothing is written and
    ConcurrentChange is raised.
    """
    if not is_valid_id(project_id):
        raise InvalidProject(_("{id!r} is not a valid project id").format(id=project_id), [])
    folder = projects_dir(root)
    path = folder / f"{project_id}{SUFFIX}"
    relpath = project_relpath(project_id)
    text = canonical_text(project) if text is None else text
    raw = text.encode("utf-8")

    def refuse_if_changed() -> None:
        current = _current_fingerprint(path)
        if current != expected_fingerprint:
            raise _changed_since_loaded(relpath, expected_fingerprint, current)

    refuse_if_changed()
    mode = stat.S_IMODE(os.lstat(path).st_mode) if expected_fingerprint is not None else None
    temp = _write_temp(folder, f"{project_id}{SUFFIX}", raw, mode)
    try:
        if expected_fingerprint is None:
            try:
                os.link(temp, path)  # fails if the file appeared meanwhile: never overwrite
            except FileExistsError:
                raise ConcurrentChange(_("{path} already exists; choose another id").format(path=relpath)) from None
            temp.unlink()
        else:
            refuse_if_changed()
            os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return StoredProject(project_id, relpath, project, fingerprint(raw), text)


def remove_project(root: Path, project_id: str, *, expected_fingerprint: str) -> int:
    """Remove a project's file if it is still as it was loaded (else ConcurrentChange); returns its mode."""
    folder = projects_dir(root)
    path = folder / f"{project_id}{SUFFIX}"
    current = _current_fingerprint(path)
    if current != expected_fingerprint:
        raise _changed_since_loaded(project_relpath(project_id), expected_fingerprint, current)
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    path.unlink()
    _fsync_folder(folder)
    return mode


def put_back(
    root: Path, project_id: str, raw: bytes | None, *, written_fingerprint: str | None, mode: int | None = None
) -> bool:
    """Undo a save or a removal: the file's bytes ``raw`` again (``None``: the file did not exist, remove it).

    Only when the file still holds what we wrote (``written_fingerprint``; ``None``: we removed it and
    it is still absent): a file someone changed meanwhile is left alone. ``mode``: the mode of a
    removed file. Returns whether the file was put back.
    """
    folder = projects_dir(root)
    path = folder / f"{project_id}{SUFFIX}"
    if _current_fingerprint(path) != written_fingerprint:
        return False
    if raw is None:
        path.unlink()
    else:
        if written_fingerprint is not None:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        temp = _write_temp(folder, f"{project_id}{SUFFIX}", raw, mode)
        try:
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    _fsync_folder(folder)
    return True
