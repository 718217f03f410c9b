"""The digest of the keys of kept files (caches, kept outputs): BLAKE2b, 32 bytes.

Not through ``hashlib``: importing it loads OpenSSL's library (~5 ms), a quarter of what a warm
command takes besides the interpreter's start. ``hashlib.blake2b`` is this very function, from
CPython's own ``_blake2``; where that module is missing, hashlib's is the same.
"""

from __future__ import annotations

import os

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

__all__ = ["add_file_state", "key_digest"]


def key_digest(data: bytes | memoryview = b"") -> blake2b:
    """A new digest of ``data`` (more with ``.update``)."""
    return blake2b(data, digest_size=32)


def add_file_state(digest: blake2b, label: str, path: str) -> None:
    """Into ``digest``: ``label`` with the size and modification time of the file at ``path``, or
    that it is gone (a file rewritten by an upgrade changes the digest)."""
    try:
        status = os.stat(path)
        digest.update(f"{label}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    except OSError:
        digest.update(f"{label}\0gone\0".encode())
