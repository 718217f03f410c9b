"""Which vocabularies have passed the files' rules already, so that a command reads them without
loading the rules (pydantic and its models take longer than the rest of ``portfolio show``).

A verdict is the digest of the exact bytes of every vocabulary file together with the code that
judged them (this package's version and the sources of the modules holding the rules); a file in
``~/.cache/smart-region-portfolio/vocabulary-verdicts/`` (``$XDG_CACHE_HOME`` when set) named by it
says "these bytes passed". Any other bytes, any other code, a cache that cannot be read or written:
the rules run again. Only passing is remembered; a refused file is refused anew each time, with its
message.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

VERDICT_FORMAT = 1
_RULE_SOURCES = ("vocabulary.py", "vocabulary_files.py", "publication.py")
_HERE = Path(__file__).resolve().parent


def verdicts_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "smart-region-portfolio" / "vocabulary-verdicts"


def _code_digest() -> bytes:
    digest = hashlib.sha256(f"vocabulary-verdict:{VERDICT_FORMAT}:{sys.version}".encode())
    for name in _RULE_SOURCES:
        try:
            digest.update((_HERE / name).read_bytes())
        except OSError:
            digest.update(b"\0missing\0" + name.encode())
    return digest.digest()


def verdict_key(contents: Sequence[bytes]) -> str:
    """The digest of the files' bytes, in order, and of the code that judges them."""
    digest = hashlib.sha256(_code_digest())
    for content in contents:
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def known_verdict(key: str) -> bool:
    try:
        return (verdicts_dir() / key).is_file()
    except OSError:
        return False


def remember_verdict(key: str) -> None:
    """Note that the bytes of ``key`` passed; silently not, where the cache cannot be written."""
    try:
        folder = verdicts_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / key).touch()
    except OSError:
        pass
