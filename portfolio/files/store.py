"""Writing ``projects/<id>.toml`` safely (loading: ``portfolio.files.loading``).

Saving is atomic (temp file in the same folder, fsync, rename), keeps the file mode, never
follows a symlink, and refuses to overwrite a file whose content changed since it was loaded.
"""

from __future__ import annotations

import os
import stat
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.domain.ids import SUFFIX, is_valid_id, project_relpath
from portfolio.domain.records import StoredProject
from portfolio.errors import (
    ConcurrentChange,
    FileSystemError,
    InvalidProject,
    file_system_error,
)
from portfolio.files.canonical import canonical_text, in_line_endings_of
from portfolio.files.folder_lock import folder_lock
from portfolio.files.listing import is_our_temp_file, projects_dir, read_file_bytes
from portfolio.files.loading import fingerprint
from portfolio.files.temp_files import fsync_folder, sync_temp_files, write_temp
from portfolio.files.temp_files import writers_lock as folder_writers_lock
from portfolio.i18n import _

if TYPE_CHECKING:
    from portfolio.domain.project_record import ProjectRecord


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


def sync_folder(root: Path) -> None:
    """Make the renames in ``projects/`` durable (after a batch of ``install`` calls)."""
    fsync_folder(projects_dir(root))


@dataclass(frozen=True)
class PreparedSave:
    """A project's new bytes in a temp file beside its file, ready to take its place (``install``)."""

    project_id: str
    project: ProjectRecord
    text: str
    raw: bytes
    expected_fingerprint: str | None
    temp: Path

    def discard(self) -> None:
        """Remove the temp file (nothing when it was installed)."""
        self.temp.unlink(missing_ok=True)


def _refuse_if_changed(path: Path, project_id: str, expected_fingerprint: str | None) -> None:
    current = _current_fingerprint(path)
    if current != expected_fingerprint:
        raise _changed_since_loaded(project_relpath(project_id), expected_fingerprint, current)


def prepare_save(
    root: Path,
    project_id: str,
    project: ProjectRecord,
    *,
    expected_fingerprint: str | None,
    text: str | None = None,
    sync: bool = True,
) -> PreparedSave:
    """Check the file is as loaded and write its new bytes to a temp file (``sync``: fsync it; a batch
    of them is made durable at once with ``sync_prepared``). ``install`` puts it in place."""
    if not is_valid_id(project_id):
        raise InvalidProject(_("{id!r} is not a valid project id").format(id=project_id), [])
    folder = projects_dir(root)
    path = folder / f"{project_id}{SUFFIX}"
    _refuse_if_changed(path, project_id, expected_fingerprint)
    existing = read_file_bytes(path) if expected_fingerprint is not None else None
    text = in_line_endings_of(canonical_text(project) if text is None else text, existing)  # CRLF stays CRLF
    raw = text.encode("utf-8")
    mode = stat.S_IMODE(os.lstat(path).st_mode) if expected_fingerprint is not None else None
    temp = write_temp(folder, f"{project_id}{SUFFIX}", raw, mode, sync=sync)
    return PreparedSave(project_id, project, text, raw, expected_fingerprint, temp)


def sync_prepared(prepared: list[PreparedSave]) -> None:
    """Make the temp files of a batch durable before any of them replaces a file."""
    sync_temp_files([each.temp for each in prepared])


def install(root: Path, prepared: PreparedSave) -> StoredProject:
    """Put a prepared save in place, if the file is still as it was loaded (else ConcurrentChange).

    Under the folder's lock: no other save can come between the check and the replace. The
    caller syncs the folder (``sync_folder``) after its batch.
    """
    folder = projects_dir(root)
    path = folder / f"{prepared.project_id}{SUFFIX}"
    relpath = project_relpath(prepared.project_id)
    with folder_lock(folder):
        try:
            if prepared.expected_fingerprint is None:
                try:
                    os.link(prepared.temp, path)  # fails if the file appeared meanwhile: never overwrite
                except FileExistsError:
                    raise ConcurrentChange(_("{path} already exists; choose another id").format(path=relpath)) from None
            else:
                _refuse_if_changed(path, prepared.project_id, prepared.expected_fingerprint)
                os.replace(prepared.temp, path)
        finally:
            prepared.discard()
    return StoredProject(prepared.project_id, relpath, prepared.project, fingerprint(prepared.raw), prepared.text)


def save_project(
    root: Path,
    project_id: str,
    project: ProjectRecord,
    *,
    expected_fingerprint: str | None,
    text: str | None = None,
    prepared: PreparedSave | None = None,
) -> StoredProject:
    """Write ``project`` in canonical form (or as ``text``, the same project's file kept as it was), atomically.

    ``expected_fingerprint`` is the fingerprint the file had when it was loaded, or ``None`` for
    a new project (the file must not exist). If the file on disk differs, nothing is written and
    ConcurrentChange is raised. The check and the replace hold the writers' lock: of two processes
    saving the same file, one wins and the other is refused. ``prepared``: this save, prepared by a
    batch (``prepare_save``), to put in place (the batch syncs the folder).
    """
    try:
        if prepared is not None:
            return install(root, prepared)
        with writers_lock(root):
            prepared = prepare_save(root, project_id, project, expected_fingerprint=expected_fingerprint, text=text)
            try:
                stored = install(root, prepared)
            finally:
                prepared.discard()
        sync_folder(root)
    except FileNotFoundError:
        raise
    except OSError as error:  # a full disk, a read-only file system: say so, and which file
        raise disk_refused(root, error) from None
    return stored


def disk_refused(root: Path, error: OSError) -> FileSystemError:
    """The message for an OSError met while writing in the portfolio: the project file it was about
    (not our temp file), relative to the portfolio, and the reason."""
    path = Path(error.filename) if error.filename else None
    if path is not None and is_our_temp_file(path.name):
        path = path.parent / path.name[1:].split(SUFFIX)[0]
        path = path.with_name(path.name + SUFFIX)
    if path is not None and path.is_relative_to(root):
        path = path.relative_to(root).as_posix()
    return file_system_error(error, path)


def writers_lock(root: Path) -> AbstractContextManager[None]:
    """The lock of the portfolio's writers (``temp_files.writers_lock`` of its projects folder)."""
    return folder_writers_lock(projects_dir(root))


def remove_project(root: Path, project_id: str, *, expected_fingerprint: str) -> int:
    """Remove a project's file if it is still as it was loaded (else ConcurrentChange); returns its mode."""
    folder = projects_dir(root)
    path = folder / f"{project_id}{SUFFIX}"
    with folder_lock(folder):
        _refuse_if_changed(path, project_id, expected_fingerprint)
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        path.unlink()
    fsync_folder(folder)
    return mode


def put_back(
    root: Path,
    project_id: str,
    raw: bytes | None,
    *,
    written_fingerprint: str | None,
    mode: int | None = None,
    sync: bool = True,
) -> bool:
    """Undo a save or a removal: the file's bytes ``raw`` again (``None``: the file did not exist, remove it).

    Only when the file still holds what we wrote (``written_fingerprint``; ``None``: we removed it and
    it is still absent): a file someone changed meanwhile is left alone. ``mode``: the mode of a
    removed file. Returns whether the file was put back. ``sync``: false when the caller puts back a
    batch and syncs the folder once after it (``sync_folder``).
    """
    folder = projects_dir(root)
    path = folder / f"{project_id}{SUFFIX}"
    with folder_lock(folder):
        if _current_fingerprint(path) != written_fingerprint:
            return False
        if raw is None:
            path.unlink()
        else:
            if written_fingerprint is not None:
                mode = stat.S_IMODE(os.lstat(path).st_mode)
            temp = write_temp(folder, f"{project_id}{SUFFIX}", raw, mode)
            try:
                os.replace(temp, path)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
    if sync:
        fsync_folder(folder)
    return True
