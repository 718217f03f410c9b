"""One file of what the history keeps in the git directory, read as data from outside.

A file is a magic line (which kind of file), a header line (the format, the key it was made for,
the payload's length and blake2b hash, revisions: checked before the rest is read) and the
payload: plain dicts, lists, tuples, strings and numbers stored with ``marshal``, which loads
them faster than anything else the standard library has and cannot create objects of any other
kind (the Python version belongs in the key, as marshal's format may change with it).

A file is opened without blocking and without following a symlink, only a regular file below
``max_bytes`` is read, its declared length must be the file's and its payload must have the
header's hash; every kind of damage raises one of DAMAGED, which the caller counts as no file.
Writes are atomic (temp file, rename): an interruption leaves the old file or the new one, and a file
torn by a crash fails its checks.
"""

from __future__ import annotations

import marshal
import mmap
import os
import stat

from portfolio.code_version import code_version
from portfolio.digests import key_digest

# Neither typing, dataclasses nor pathlib is loaded here: together they were ~15 ms of a replayed
# answer (portfolio.cli.quick_answer), which reads these files. Paths are text or path objects.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from os import PathLike

    Place = str | PathLike[str]

_MAX_HEADER = 512  # bytes of the header line: format, key, length, hash, two revisions

DAMAGED = (
    OSError,
    MemoryError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    UnicodeDecodeError,
)


def made_for(kind: str, sources: Iterable[Place], *more: str) -> str:
    """The key of a kept file: its kind, the code that made it, the bytes of the (vocabulary) files
    what it holds depends on, and ``more``."""
    digest = key_digest(f"{kind}:{code_version()}".encode())
    for source in sources:
        digest.update(os.path.basename(source).encode() + b"\0")
        try:
            with open(source, "rb") as file:
                digest.update(file.read())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    for part in more:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _digest(payload: bytes | memoryview) -> str:
    return key_digest(payload).hexdigest()


class CacheFile:
    """The files of one kind: their magic line, their format, the largest one that can be ours."""

    __slots__ = ("magic", "format", "max_bytes")

    def __init__(self, magic: bytes, format: int, max_bytes: int) -> None:
        self.magic, self.format, self.max_bytes = magic, format, max_bytes

    def _header(self, key: str, payload: bytes, *revisions: str | None) -> bytes:
        fields = [str(self.format), key, str(len(payload)), _digest(payload)]
        return self.magic + " ".join([*fields, *(revision or "-" for revision in revisions)]).encode("ascii") + b"\n"

    def _open_regular(self, path: Place) -> int:
        """A descriptor of ``path`` if it is a regular file of a sane size (never blocks on a FIFO)."""
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or status.st_size > self.max_bytes:
                raise ValueError("not a cache file")
        except BaseException:
            os.close(descriptor)
            raise
        return descriptor

    def read(self, path: Place, key: str) -> tuple[list[str | None], object] | None:
        """(the revisions in the header, the data), or None when the file is of another format or key.

        Damage (a FIFO or device in its place, a length that does not match the file, a payload whose
        hash is not the header's) raises one of DAMAGED.
        """
        with open(self._open_regular(path), "rb") as handle:
            if handle.readline(len(self.magic)) != self.magic:
                return None
            header = handle.readline(_MAX_HEADER).decode("ascii").split()
            if len(header) < 4 or header[0] != str(self.format) or header[1] != key:
                return None
            length, digest = int(header[2]), header[3]
            start = handle.tell()
            if length != os.fstat(handle.fileno()).st_size - start or length == 0:
                raise ValueError("cache length does not match its file")
            revisions = [None if revision == "-" else revision for revision in header[4:]]
            # Unmarshalled straight from the page cache: reading a few MB into a new bytes object first
            # costs about a fifth of the load. Files are replaced by rename, never changed in place.
            with (
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
                memoryview(mapped) as view,
                view[start:] as data,
            ):
                if len(data) != length or _digest(data) != digest:
                    raise ValueError("cache payload does not match its hash")
                return revisions, marshal.loads(data)

    def write(self, path: Place, key: str, revisions: tuple[str | None, ...], data: object) -> bool:
        """Writes ``data`` atomically; False (and no error) when the folder is not writable."""
        import secrets

        temp = None
        folder, name = os.path.split(path)
        try:
            os.makedirs(folder, exist_ok=True)
            raw = marshal.dumps(data)
            if len(raw) > self.max_bytes:  # it would not be read back
                return False
            temp = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
            with open(temp, "xb") as handle:
                handle.write(self._header(key, raw, *revisions))
                handle.write(raw)
            # No fsync: a file that a crash left torn fails its length or hash check and counts as
            # no file; what it held is derived again (measured: the fsync of 6 MB took ~20 ms).
            os.replace(temp, path)
            temp = None
            return True
        except OSError:
            return False
        finally:
            if temp is not None:
                try:
                    os.unlink(temp)
                except OSError:  # gone already, or a folder we may not change: nothing was left there
                    pass
