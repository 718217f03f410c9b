"""Where keys, values and comments sit in a TOML text that tomllib already accepted.

tomllib returns plain data without positions; errors of the model (a wrong type, an unknown
municipality in the third line of a list) should still point at line and column. This scanner
walks the text once and maps key paths such as ``("milestones", 1, "due")`` to positions. It
assumes valid TOML and never raises: on anything unexpected it returns what it has found so far.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\n#]")
_ESCAPE_IN_KEY = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}

Path = tuple


@dataclass(frozen=True, order=True)
class Position:
    line: int
    column: int


@dataclass
class SourceMap:
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)
    comments: list[Position] = field(default_factory=list)

    def find(self, path: Path, *, key: bool = False) -> Position | None:
        """Position of ``path`` (its key or its value), else of the nearest enclosing path."""
        primary, secondary = (self.keys, self.values) if key else (self.values, self.keys)
        path = tuple(path)
        while path:
            found = primary.get(path) or secondary.get(path)
            if found:
                return found
            path = path[:-1]
        return None


class _Stop(Exception):
    pass


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.map = SourceMap()
        self.array_tables: dict[Path, int] = {}

    # -- helpers ---------------------------------------------------------------------------
    def position(self, index: int) -> Position:
        line = bisect.bisect_right(self.line_starts, index) - 1
        return Position(line + 1, index - self.line_starts[line] + 1)

    def peek(self, count: int = 1) -> str:
        return self.text[self.i : self.i + count]

    def skip_blank(self, *, newlines: bool) -> None:
        """Skip spaces (and newlines and comments when ``newlines``)."""
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.i += 1
            elif char == "#":
                self.map.comments.append(self.position(self.i))
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return

    # -- keys ------------------------------------------------------------------------------
    def key_part(self) -> str:
        char = self.peek()
        if char == '"':
            end = self.i + 1
            while self.text[end] != '"':
                end += 2 if self.text[end] == "\\" else 1
            raw = self.text[self.i + 1 : end]
            self.i = end + 1
            return _ESCAPE_IN_KEY.sub(_unescape, raw)
        if char == "'":
            end = self.text.index("'", self.i + 1)
            raw = self.text[self.i + 1 : end]
            self.i = end + 1
            return raw
        match = _BARE_KEY.match(self.text, self.i)
        if not match:
            raise _Stop
        self.i = match.end()
        return match.group()

    def dotted_key(self) -> tuple[str, ...]:
        parts = [self.key_part()]
        while True:
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.i += 1
            self.skip_blank(newlines=False)
            parts.append(self.key_part())

    def resolve(self, path: tuple[str, ...]) -> Path:
        """Insert the current index after every prefix that names an array of tables."""
        resolved: list = []
        for part in path:
            resolved.append(part)
            index = self.array_tables.get(tuple(resolved))
            if index is not None:
                resolved.append(index)
        return tuple(resolved)

    # -- values ----------------------------------------------------------------------------
    def value(self, path: Path) -> None:
        self.map.values.setdefault(path, self.position(self.i))
        text = self.text
        if text.startswith('"""', self.i):
            self.multiline_string('"""', escapes=True)
        elif text.startswith("'''", self.i):
            self.multiline_string("'''", escapes=False)
        elif self.peek() == '"':
            end = self.i + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            self.i = end + 1
        elif self.peek() == "'":
            self.i = text.index("'", self.i + 1) + 1
        elif self.peek() == "[":
            self.array(path)
        elif self.peek() == "{":
            self.inline_table(path)
        else:
            match = _SCALAR_END.search(text, self.i)
            self.i = match.start() if match else len(text)

    def multiline_string(self, quotes: str, *, escapes: bool) -> None:
        text, quote = self.text, quotes[0]
        index = self.i + 3
        while True:
            if escapes and text[index] == "\\":
                index += 2
                continue
            if text[index] == quote:
                # A run of 3 to 5 quotes closes the string; up to two of them are content.
                run = len(text[index:]) - len(text[index:].lstrip(quote))
                if run >= 3:
                    self.i = index + run
                    return
                index += run
                continue
            index += 1

    def array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.i += 1
                return
            self.value(path + (index,))
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1

    def inline_table(self, path: Path) -> None:
        self.i += 1
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.i += 1
                return
            start = self.i
            key = path + self.dotted_key()
            self.map.keys.setdefault(key, self.position(start))
            self.skip_blank(newlines=False)
            self.i += 1  # "="
            self.skip_blank(newlines=False)
            self.value(key)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.i += 1

    # -- document --------------------------------------------------------------------------
    def document(self) -> None:
        table: Path = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return
            start = self.i
            if self.text.startswith("[[", self.i):
                self.i += 2
                self.skip_blank(newlines=False)
                header = self.dotted_key()
                parent = self.resolve(header[:-1]) + header[-1:]
                index = self.array_tables.get(header, -1) + 1
                self.array_tables[header] = index
                table = parent + (index,)
                self.map.keys.setdefault(table, self.position(start))
                self.map.keys.setdefault(parent, self.position(start))
                self.i = self.text.index("]]", self.i) + 2
            elif self.peek() == "[":
                self.i += 1
                self.skip_blank(newlines=False)
                table = self.resolve(self.dotted_key())
                self.map.keys.setdefault(table, self.position(start))
                self.i = self.text.index("]", self.i) + 1
            else:
                key = table + self.dotted_key()
                self.map.keys.setdefault(key, self.position(start))
                self.skip_blank(newlines=False)
                self.i += 1  # "="
                self.skip_blank(newlines=False)
                self.value(key)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


def scan(text: str) -> SourceMap:
    """Positions of the keys, values and comments of a valid TOML text (best effort)."""
    scanner = _Scanner(text)
    try:
        scanner.document()
    except (_Stop, IndexError, ValueError):
        pass
    return scanner.map


def has_comment(text: str) -> bool:
    """Cheap test first: a text without '#' has no comment; otherwise scan for one."""
    return "#" in text and bool(scan(text).comments)
