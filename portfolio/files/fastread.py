"""A fast reader for project files in canonical form (what ``portfolio fmt`` writes).

Reading thousands of versions of project files is dominated by TOML parsing (~100 us a file with
tomllib). Files in canonical form use a handful of line shapes, which a line scan reads in a few
microseconds. The contract: ``read_canonical(text)`` returns exactly what ``tomllib.loads(text)``
returns, or ``None`` whenever the text deviates in any way from the shapes it knows; the caller
then reads the text with tomllib (and reports its errors with line and column).
"""

from __future__ import annotations

import re
from datetime import date
from json.decoder import scanstring
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
# A basic string: no control characters but TAB, escapes handled below.
_STRING = r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\.)*"'
_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_SCALAR = rf"{_STRING}|{_DATE}(?![0-9T:.]| [0-9])|true|false|{_NUMBER}"
# In a table, a value is a scalar or an array of scalars on the table's line (a funding's interim dates).
_INLINE_PAIR = re.compile(rf"({_KEY}) = ({_SCALAR}|\[(?:(?:{_SCALAR})(?:, (?:{_SCALAR}))*)?\])(, | \}})")
_TABLE_ARRAY = re.compile(rf"\[\[({_KEY})\]\]")
# A quote too: the canonical form escapes it, so a file with a bare one is not canonical (tomllib reads it).
_MULTILINE_BAD = re.compile(r'[\\\x00-\x08\x0b-\x1f\x7f"]')
_SURROGATE = re.compile("[\ud800-\udfff]")
# \uD800-\uDFFF: TOML refuses these escapes, JSON joins a pair of them into one character
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _Deviation(Exception):
    """The text is not in a shape this reader knows; tomllib decides."""


def _string(token: str) -> str:
    body = token[1:-1]
    if "\\" not in body:
        if '"' in body:
            raise _Deviation
        return body
    if "\\/" in body or _SURROGATE_ESCAPE.search(body):  # JSON knows \/ and surrogate escapes, TOML does not
        raise _Deviation
    try:  # JSON's escapes are TOML's, but \U (which JSON does not know: then tomllib decides)
        value, end = scanstring(token, 1, False)
    except ValueError:
        raise _Deviation from None
    if end != len(token) or _SURROGATE.search(value):
        raise _Deviation
    return value


def _scalar(token: str) -> Any:
    first = token[0]
    if first == '"':
        return _string(token)
    if token == "true":
        return True
    if token == "false":
        return False
    if len(token) == 10 and token[4] == "-" and token[7] == "-":
        try:
            return date.fromisoformat(token)
        except ValueError:
            raise _Deviation from None
    number = float(token) if "." in token or "e" in token or "E" in token else int(token)
    if str(number) != token:  # 1.50, 1e3, -0: not as the canonical form spells it; tomllib reads it
        raise _Deviation
    return number


def _inline_array(token: str) -> list:
    """``[a, b]``: the items as the regex matched them, one scalar after another, ``, `` between."""
    body = token[1:-1]
    items: list[Any] = []
    position = 0
    while position < len(body):
        match = _SCALAR_ONLY.match(body, position)
        if match is None:
            raise _Deviation
        items.append(_scalar(match.group(0)))
        position = match.end()
        if position < len(body):
            if not body.startswith(", ", position):
                raise _Deviation
            position += 2
    return items


def _inline_table(token: str) -> dict:
    if token == "{}":
        return {}
    if not token.startswith("{ "):
        raise _Deviation
    table: dict[str, Any] = {}
    position = 2
    end = len(token)
    while position < end:
        match = _INLINE_PAIR.match(token, position)
        if match is None:
            raise _Deviation
        key = match.group(1)
        if key in table:
            raise _Deviation
        value = match.group(2)
        table[key] = _inline_array(value) if value[0] == "[" else _scalar(value)
        position = match.end()
        if match.group(3) == " }":
            if position != end:
                raise _Deviation
            return table
    raise _Deviation


# Every byte but the control characters TOML refuses outside strings' escapes (TAB and LF are fine):
# translating the UTF-8 of a text with these deleted leaves exactly its control characters (the
# bytes of other characters are 0x80 and above). A regex scanning the text cost five times as much.
_NOT_CONTROL = bytes(byte for byte in range(256) if not (byte <= 0x08 or 0x0B <= byte <= 0x1F or byte == 0x7F))
_BARE_KEY = re.compile(_KEY)
# Keys that passed _BARE_KEY: a set lookup instead of a regex match per line; bounded, since a
# history may hold any number of odd keys.
_BARE_KEYS_SEEN: set[str] = set()
_BARE_KEYS_KEPT = 512


def read_canonical(text: str) -> dict | None:
    """tomllib's result for a file in canonical form, else None (never raises)."""
    if "\r" in text or not text.endswith("\n"):
        return None
    try:
        if text.encode("utf-8").translate(None, _NOT_CONTROL):  # a lone surrogate raises: tomllib decides
            return None
        return _read(text.split("\n"))
    except (_Deviation, ValueError, IndexError, RecursionError):  # UnicodeEncodeError is a ValueError
        return None


def canonical_shape(text: str, utf8: bytes) -> bool:
    """Whether ``read_canonical`` reads ``text`` (whose UTF-8 is ``utf8``) line by line: its lines end
    in LF, the last one too, and it holds no control character TOML refuses."""
    return "\r" not in text and text.endswith("\n") and not utf8.translate(None, _NOT_CONTROL)


def read_statement(lines: list[str]) -> dict | None:
    """What ``read_canonical`` reads of the lines of one statement (``key = value``, on one line or
    more), as ``{key: value}``; None where it would deviate. Lines as ``text.split("\n")`` gives them:
    the last is empty."""
    try:
        return _read(lines)
    except (_Deviation, ValueError, IndexError, RecursionError):
        return None


def _value(token: str) -> Any:
    if token[0] == '"':
        if token[-1] != '"' or len(token) < 2:
            raise _Deviation
        return _string(token)
    match = _SCALAR_ONLY.fullmatch(token)
    if match is None:
        raise _Deviation
    return _scalar(token)


_SCALAR_ONLY = re.compile(_SCALAR)


# long: the hot loop of reading every version of every project (measured: ~2.5 us a file against
# tomllib's ~105 us); split into per-line helper calls it costs a call and an index round trip per line.
def _read(lines: list[str]) -> dict:
    data: dict[str, Any] = {}
    table = data
    table_arrays: set[str] = set()  # keys made by [[key]] headers; an inline array cannot grow
    index = 0
    count = len(lines) - 1  # the text ends with a newline: the last element is empty
    while index < count:
        line = lines[index]
        index += 1
        if not line:
            continue
        key, separator, token = line.partition(" = ")
        if separator:
            if key not in _BARE_KEYS_SEEN:
                if not _BARE_KEY.fullmatch(key):
                    raise _Deviation
                if len(_BARE_KEYS_SEEN) < _BARE_KEYS_KEPT:
                    _BARE_KEYS_SEEN.add(key)
            if key in table:
                raise _Deviation
            if token == "[":
                items: list[Any] = []
                while True:
                    line = lines[index]
                    index += 1
                    if line == "]":
                        break
                    if not (line.startswith("    ") and line.endswith(",")):
                        raise _Deviation
                    item = line[4:-1]
                    first = item[0]
                    if first == '"' and item[-1] == '"' and len(item) > 1:
                        body = item[1:-1]
                        # a string without escapes or quotes, most items: its body (else _string decides)
                        items.append(body if "\\" not in body and '"' not in body else _string(item))
                    elif first == "{":
                        items.append(_inline_table(item))
                    else:
                        items.append(_value(item))
                if index > count:
                    raise _Deviation
                table[key] = items
            elif token == "[]":
                table[key] = []
            elif token == '"""':  # a multi-line string: the newline right after the quotes is not part of it
                parts: list[str] = []
                while True:
                    line = lines[index]
                    index += 1
                    if index > count:
                        raise _Deviation
                    if line.endswith('"""'):
                        last = line[:-3]
                        if _MULTILINE_BAD.search(last) or last.endswith('"'):
                            raise _Deviation
                        parts.append(last)
                        break
                    if _MULTILINE_BAD.search(line):
                        raise _Deviation
                    parts.append(line)
                if len(parts) == 1:  # a text of one line, which the canonical form writes as a basic string
                    raise _Deviation
                table[key] = "\n".join(parts)
            elif token[0] == '"' and token[-1] == '"' and len(token) > 1:
                body = token[1:-1]
                table[key] = body if "\\" not in body and '"' not in body else _string(token)
            elif token.isdigit() and token.isascii():  # a whole number (isdigit alone takes "²" and "٣")
                number = int(token)
                if str(number) != token:  # 007: not as the canonical form spells it
                    raise _Deviation
                table[key] = number
            else:
                table[key] = _value(token)
            continue
        match = _TABLE_ARRAY.fullmatch(line)
        if match:
            key = match.group(1)
            if key in data and key not in table_arrays:
                raise _Deviation
            table_arrays.add(key)
            table = {}
            data.setdefault(key, []).append(table)
            continue
        raise _Deviation
    return data
