"""Control characters: rejected in single-line fields, shown escaped everywhere else.

Terminal escape sequences (ESC, C1), NUL and bidirectional overrides in data can rewrite what a
terminal shows; a title must never be able to do that.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Code point ranges never allowed in text: C0 (but TAB and LF, which multi-line text may hold),
# DEL, C1, bidi embeddings/overrides/isolates/marks, line/paragraph separators, and the BOM
# (zero-width no-break space) inside text.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x202E),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
SINGLE_LINE_EXTRA: tuple[tuple[int, int], ...] = ((0x09, 0x0A),)


def character_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """The body of a regex character class (``\\uXXXX`` escapes, valid in Python, JS and Rust)."""
    return "".join(f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges)


_UNSAFE_MULTILINE = re.compile(f"[{character_class(UNSAFE_RANGES)}]")
_UNSAFE_SINGLE_LINE = re.compile(f"[{character_class(SINGLE_LINE_EXTRA + UNSAFE_RANGES)}]")


def find_unsafe(text: str, *, multiline: bool = False) -> int | None:
    """Index of the first character not allowed in such text, or None."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_SINGLE_LINE
    match = pattern.search(text)
    return match.start() if match else None


def describe_char(char: str) -> str:
    """A readable name for a character, e.g. ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    name = unicodedata.name(char, "")
    if not name:
        name = {"\x1b": "ESCAPE", "\x00": "NUL", "\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}.get(
            char, "CONTROL"
        )
    return f"U+{ord(char):04X} {name}"


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape_control(text: str, *, keep_newlines: bool = False) -> str:
    """Text with every unsafe character shown as an escape (``\\x1b``, ``\\u202e``)."""
    pattern = _UNSAFE_MULTILINE if keep_newlines else _UNSAFE_SINGLE_LINE
    return pattern.sub(_escape_char, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON for people's terminals and other programs: every JSON output writes through this.

    ``json.dumps(..., ensure_ascii=False)`` escapes only U+0000-U+001F; C1 controls, DEL, bidi
    overrides and the other unsafe characters are escaped as ``\\uXXXX`` too (they can only stand
    inside strings, so ``json.loads`` gives back the original text).
    """
    import json  # not for text output, which most commands write

    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))


def json_safe(text: str) -> str:
    """JSON text as ``json.dumps(..., ensure_ascii=False)`` writes it, with the characters ``json_text``
    escapes escaped (they can only stand inside its strings)."""
    return _UNSAFE_MULTILINE.sub(_json_escape, text)


# A spreadsheet runs a cell that starts with one of these as a formula (``=HYPERLINK(...)``, DDE).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _formula_like(text: str) -> bool:
    """A formula start, also behind apostrophes (``'=x``): those get one more, so the guard is reversible."""
    return text.lstrip("'").startswith(FORMULA_START)


def guard_formula(text: str) -> str:
    """A text for a CSV cell that no spreadsheet runs as a formula: ``'`` before a formula start.

    A text that already starts with apostrophes before a formula start gets one more, so that
    ``unguard_formula(guard_formula(text)) == text`` for every text.
    """
    return "'" + text if _formula_like(text) else text


def unguard_formula(cell: str) -> str:
    """The text ``guard_formula`` guarded (a cell read back from a CSV sheet): exactly one ``'`` less."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell) else cell
