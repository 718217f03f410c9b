"""The temp files of saves: written beside the file they replace, made durable, and cleared when a
killed save left them behind."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portfolio.files.folder_lock import LOCKS_ACROSS_PROCESSES, folder_lock
from portfolio.files.listing import _NOFOLLOW, TEMP_SUFFIX, is_our_temp_file


def write_temp(folder: Path, name: str, raw: bytes, mode: int | None, *, sync: bool = True) -> Path:
    temp = folder / f".{name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def fsync_folder(folder: Path) -> None:
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


_SYNC_ALL_FROM = 32  # files in one change; a rename (2) or a small import fsyncs each


def sync_temp_files(temps: list[Path]) -> None:
    """Make written temp files durable before any of them replaces a file: one ``sync`` for a big batch
    (an fsync each cost ~3 ms: 4 s for an import of 1,200 projects), an fsync each for a few. ``sync``
    flushes every file system of the machine, which can take long beside a busy writer: only where
    that is cheaper than the fsyncs it saves."""
    if len(temps) > _SYNC_ALL_FROM and hasattr(os, "sync"):
        os.sync()
        return
    for temp in temps:
        descriptor = os.open(temp, os.O_RDONLY | _NOFOLLOW)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


_STALE_SECONDS = 60.0  # without flock (Windows), a temp file this old is no running save's


def remove_stale_temp_files(folder: Path) -> None:
    """Remove the temp files killed saves left in ``folder``; called holding its lock, when no save runs."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if not is_our_temp_file(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            try:
                if LOCKS_ACROSS_PROCESSES or time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS:
                    os.unlink(entry.path)
            except FileNotFoundError:
                pass


@contextmanager
def writers_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of the writers of the projects ``folder`` (``folder_lock``): one save, removal or
    change at a time; what a killed save left behind is cleared first."""
    with folder_lock(folder) as first:
        if first:  # never the temp files of a save this thread is in the middle of
            remove_stale_temp_files(folder)
        yield
