"""The parsed rules of the UI's stylesheets, kept on disk from one start to the next.

Textual parses every stylesheet afresh at each start: the app's own file and the default CSS of each
widget class on the first screen took 12-16 ms before the first frame (at 1,000 projects, where the
UI adds ~80 ms to an empty Textual app's start). What parsing gives depends only on a source's
text, where it was read from, its flags and the theme's variables: the rules are kept in a file
under a digest of all of them, and the next start unpickles those it asks for (25 sources, ~1.7 ms).
Paired with the start before (24 runs): the first frame with rows came 7.0 ms sooner (quartiles
2.0 to 10.2), the process's CPU until then 6.5 ms less.

The file is in ``portfolio.user_cache.user_cache_dir()``, named by this
module's format and by the code whose objects it holds (Python's version; where Textual and Rich
are installed, and when). It carries a digest of its payload: a file cut short or changed is not
unpickled, and is written anew. Rules with errors are never kept (Textual reports them each time);
anything unexpected means parsing, as Textual does. A theme chosen later is parsed by Textual's
own ``reparse``, as before.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path

from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

from portfolio.digests import add_file_state, key_digest
from portfolio.user_cache import user_cache_dir

KEPT_FORMAT = 1
MOST_KEPT = 200  # sources; more (other screens, other themes) and the file keeps only the last start's
_DIGEST_BYTES = 32


def kept_rules_file() -> Path:
    return user_cache_dir() / f"parsed-styles-{_code_digest()[:16]}.pickle"


def _code_digest() -> str:
    """Python's version and where and when Textual and Rich were installed: the pickled rules are
    their objects, and an upgrade must not read the objects of the version before."""
    digest = key_digest(f"parsed-styles:{KEPT_FORMAT}:{sys.version}".encode())
    for name in ("textual", "textual.css.styles", "rich", "rich.style"):
        path = getattr(sys.modules.get(name), "__file__", None) or ""
        add_file_state(digest, f"{name}\0{path}", path)
    return digest.hexdigest()


def _read_kept(path: Path) -> dict[bytes, bytes]:
    """Each kept source's rules, pickled on their own: only those asked for are unpickled (the first
    frame's 25 in ~1.7 ms; all 38 together took ~2.5 ms)."""
    try:
        with open(path, "rb") as kept:
            content = kept.read()
    except OSError:
        return {}
    payload = memoryview(content)[_DIGEST_BYTES:]
    if len(content) <= _DIGEST_BYTES or key_digest(payload).digest() != content[:_DIGEST_BYTES]:
        return {}
    try:
        rules = pickle.loads(payload)
    except Exception:  # written by another format: parsed as before, then written anew
        return {}
    if not isinstance(rules, dict) or not all(
        type(key) is bytes and type(value) is bytes for key, value in rules.items()
    ):
        return {}
    return rules


def _write_kept(path: Path, rules: dict[bytes, bytes]) -> None:
    """Atomically (a reader sees the old file or the whole new one); silently not, where the cache
    cannot be written."""
    payload = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as written:
            written.write(key_digest(payload).digest())
            written.write(payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


class KeptStylesheet(Stylesheet):
    """A stylesheet that takes each source's rules from the file when they are kept there, and
    parses the others; ``keep()`` writes what this start parsed."""

    def __init__(self, *, variables: dict[str, str] | None = None, path: Path | None = None) -> None:
        super().__init__(variables=variables)
        self._kept_path = path or kept_rules_file()
        self._kept = _read_kept(self._kept_path)
        self._taken: dict[bytes, list[RuleSet]] = {}  # the sources' rules this start, kept or parsed
        self._parsed_new = False  # whether a source was parsed that the file does not hold
        self._variables_digest: bytes | None = None

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_digest = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = self._key(css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._taken.get(key)
        if rules is None:
            rules = self._unpickled(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if any(rule.errors for rule in rules):
                return rules  # reported by Textual, at every start
            self._parsed_new = True
        self._taken[key] = rules
        return rules

    def _unpickled(self, key: bytes) -> list[RuleSet] | None:
        pickled = self._kept.get(key)
        if pickled is None:
            return None
        try:
            rules = pickle.loads(pickled)
        except Exception:  # a class of another version: parsed instead
            return None
        if isinstance(rules, list) and all(isinstance(rule, RuleSet) and not rule.errors for rule in rules):
            return rules
        return None

    def _key(self, css: str, read_from: CSSLocation, is_default_rules: bool, tie_breaker: int, scope: str) -> bytes:
        if self._variables_digest is None:
            variables = "\0".join(f"{name}\0{value}" for name, value in sorted(self._variables.items()))
            self._variables_digest = key_digest(variables.encode("utf-8", "surrogatepass")).digest()
        digest = key_digest(self._variables_digest)
        digest.update(repr((read_from, is_default_rules, tie_breaker, scope)).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(css.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def keep(self) -> None:
        """Write the file when this start parsed a source that was not kept (after the first frame,
        in a thread: pickling the rules takes ~3 ms). Kept are this start's sources and, up to
        ``MOST_KEPT`` in all, those kept before (another theme's, a dialog's)."""
        if not self._parsed_new:
            return
        self._parsed_new = False
        pickled = {}
        for key, rules in list(self._taken.items()):
            with contextlib.suppress(Exception):  # rules that do not pickle are only not kept
                pickled[key] = self._kept.get(key) or pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        if len(self._kept) + len(pickled) <= MOST_KEPT:
            pickled = self._kept | pickled
        _write_kept(self._kept_path, pickled)
        self._kept = pickled
