"""Which vocabularies have passed the files' rules already, so that a command reads them without
loading the rules (pydantic and its models take longer than the rest of ``portfolio show``).

A verdict is the digest of the exact bytes of every vocabulary file together with the code that
judged them (this package's version and the sources of the modules holding the rules); a file in
``~/.cache/smart-region-portfolio/vocabulary-verdicts/`` (``$XDG_CACHE_HOME`` when set) named by it
says "these bytes passed". Any other bytes, any other code, a cache that cannot be read or written:
the rules run again. Only passing is remembered; a refused file is refused anew each time, with its
message. With the verdict it keeps what was read of the files (their TOML, with ``marshal``), so a
remembered vocabulary is not parsed again either.

The same memory serves the check that ``schema/project.schema.json`` is what the model and the
vocabulary generate (``kind="schema"``): its rules are the model's modules and pydantic's version.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from portfolio.digests import key_digest
from portfolio.user_cache import user_cache_dir

VERDICT_FORMAT = 1
# the modules whose code judges, per kind of verdict (relative to the portfolio package)
_RULE_SOURCES = {
    "vocabulary": ("domain/vocabulary.py", "domain/vocabulary_files.py", "domain/publication.py"),
    "schema": (
        "domain/vocabulary.py",
        "domain/model.py",
        "domain/value_types.py",
        "domain/value_rules.py",
        "domain/fields.py",
        "domain/field_types.py",
        "domain/json_schema.py",
        "domain/ids.py",
        "textsafety.py",
    ),
}
_PACKAGE = Path(__file__).resolve().parents[1]


def verdicts_dir(kind: str = "vocabulary") -> Path:
    return user_cache_dir() / f"{kind}-verdicts"


def _library_version(name: str) -> bytes:
    """The version file of an installed library, read without importing it (pydantic takes 30 ms)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
        folder = Path(spec.origin).parent if spec and spec.origin else None
        return (folder / "version.py").read_bytes() if folder else b"\0none\0"
    except (OSError, ImportError, ValueError):
        return b"\0unknown\0"


def _code_digest(kind: str) -> bytes:
    digest = key_digest(f"{kind}-verdict:{VERDICT_FORMAT}:{sys.version}".encode())
    for name in _RULE_SOURCES[kind]:
        try:
            digest.update((_PACKAGE / name).read_bytes())
        except OSError:
            digest.update(b"\0missing\0" + name.encode())
    if kind == "schema":
        digest.update(_library_version("pydantic"))
    return digest.digest()


def verdict_key(contents: Sequence[bytes], kind: str = "vocabulary") -> str:
    """The digest of the files' bytes, in order, and of the code that judges them."""
    digest = key_digest(_code_digest(kind))
    for content in contents:
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def known_verdict(key: str, kind: str = "vocabulary") -> bool:
    return remembered_verdict(key, kind) is not None


def remembered_verdict(key: str, kind: str = "vocabulary") -> bytes | None:
    """What was kept with the verdict ``key`` (``b""``: nothing), or None when there is none."""
    try:
        return (verdicts_dir(kind) / key).read_bytes()
    except OSError:
        return None


def remember_verdict(key: str, kind: str = "vocabulary", kept: bytes = b"") -> None:
    """Note that the bytes of ``key`` passed, with ``kept`` (what was read of them); silently not,
    where the cache cannot be written. Written atomically: a reader sees all of it or none."""
    try:
        folder = verdicts_dir(kind)
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_bytes(kept)
        os.replace(temporary, folder / key)
    except OSError:
        pass
