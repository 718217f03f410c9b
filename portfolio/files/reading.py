"""From the bytes of a project file to a validated ``ProjectRecord`` and a list of problems.

No file system and no git here: the store reads files, the history engine reads blobs, and both
hand the bytes to ``parse_project_bytes``. Every problem carries line and column where the TOML
parser or the position of the key can tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from portfolio.domain.fields import registry
from portfolio.domain.parsing import try_parse_project
from portfolio.domain.project_record import ProjectRecord
from portfolio.files.fastread import read_canonical
from portfolio.files.listing import MAX_FILE_BYTES
from portfolio.files.where import field_words, loc_text
from portfolio.i18n import _
from portfolio.problems import Problem

if TYPE_CHECKING:
    from pydantic import ValidationError

    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.positions import SourceMap

MAX_NESTING = 64
_BOM = b"\xef\xbb\xbf"
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")
_LONG_DIGITS = re.compile(r"[0-9_]{1000,}")


@dataclass
class ParsedFile:
    """What one version of a project file holds: the project when valid, and every problem."""

    path: str
    project: ProjectRecord | None
    problems: list[Problem] = field(default_factory=list)
    data: dict | None = None
    text: str | None = None  # the decoded file, when it could be decoded

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def toml_type_name(value: Any) -> str:
    """How TOML calls the type of a parsed value, for messages."""
    if isinstance(value, bool):
        return _("a boolean ({value})").format(value=str(value).lower())
    if isinstance(value, int):
        return _("an integer ({value})").format(value=value)
    if isinstance(value, float):
        return _("a float ({value})").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _("a string ({value!r})").format(value=shown)
    if isinstance(value, datetime):
        return _("a date-time")
    if isinstance(value, date):
        return _("a date")
    if isinstance(value, time):
        return _("a time")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("a table")
    return type(value).__name__


def _expected_typed(error_type: str) -> str | None:
    """What a value typed in a form or on the command line must be: words without TOML's quoting."""
    return {
        "int_type": _("a whole number"),
        "string_type": _("a text"),
        "list_type": _("a list"),
        "date_type": _("a date such as 01.03.2027 or 2027-03-01"),
        "bool_type": _("yes or no"),
        "model_type": _("a table"),
        "dict_type": _("a table"),
        "model_attributes_type": _("a table"),
        "float_type": _("a number"),
    }.get(error_type)


def _expected(error_type: str) -> str | None:
    return {
        "int_type": _("an integer (without quotes)"),
        "string_type": _("a string (in quotes)"),
        "list_type": _("an array [...]"),
        "date_type": _("a date (YYYY-MM-DD, without quotes)"),
        "bool_type": _("true or false"),
        "model_type": _("a table"),
        "dict_type": _("a table"),
        "model_attributes_type": _("a table"),
        "float_type": _("a number"),
    }.get(error_type)


def _message_for(error: dict, loc: tuple, labelled: bool = False) -> tuple[str, str]:
    """(code, message) for one pydantic error, in the portfolio's words."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    where = field_words(loc) if labelled else loc_text(loc)
    if kind == "missing":
        if labelled:
            return "missing-key", _("{field} is required").format(field=where)
        return "missing-key", _("required key {key!r} is missing").format(key=where)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = registry().names if len(loc) == 1 else ()
        from difflib import get_close_matches

        close = get_close_matches(key, known, n=1)
        hint = _("; did you mean {suggestion!r}?").format(suggestion=close[0]) if close else ""
        return "unknown-key", _("unknown key {key!r}{hint}").format(key=where, hint=hint)
    expected = _expected_typed(kind) if labelled else _expected(kind)
    if expected:
        return "wrong-type", _("{key} must be {expected}, not {actual}").format(
            key=where, expected=expected, actual=toml_type_name(error.get("input"))
        )
    if kind == "too_short":
        if isinstance(error.get("input"), list):
            if ctx.get("actual_length") == 0:
                return "empty-list", _("{key} must list at least {count} item(s); it is empty").format(
                    key=where, count=ctx.get("min_length")
                )
            return "too-short", _("{key} must list at least {count} item(s)").format(
                key=where, count=ctx.get("min_length")
            )
        if isinstance(error.get("input"), str):
            return "too-short", _("{key} must have at least {count} characters").format(
                key=where, count=ctx.get("min_length")
            )
    if kind == "string_too_short":
        return "too-short", _("{key} must have at least {count} characters").format(
            key=where, count=ctx.get("min_length")
        )
    if kind == "string_too_long":
        return "too-long", _("{key} must have at most {count} characters (it has {actual})").format(
            key=where, count=ctx.get("max_length"), actual=len(error.get("input") or "")
        )
    if kind == "greater_than_equal":
        return "out-of-range", _("{key} must be at least {minimum}").format(key=where, minimum=ctx.get("ge"))
    # Our own checks carry their message in the user's words already.
    return kind.replace("_", "-"), f"{where}: {error['msg']}"


def validation_problems(
    error: ValidationError, path: str, source: SourceMap | None, *, labelled: bool = False
) -> list[Problem]:
    """Problems for every error of the model, each at the line and column of its key or value.

    ``labelled``: name each field by its label (for values typed in a form or on the command line;
    a file's problems name the key, which is what its editor shows)."""
    return [error_problem(item, path, source, labelled=labelled) for item in error.errors(include_url=False)]


def error_problem(item: dict, path: str, source: SourceMap | None, *, labelled: bool = False) -> Problem:
    """The problem of one of the model's errors (``type``, ``loc``, ``msg``, ``ctx``, ``input`` as
    pydantic gives them), at the line and column of its key or value."""
    ctx = item.get("ctx") or {}
    loc = tuple(item["loc"]) + tuple(ctx.get("at", ()))
    code, message = _message_for(item, loc, labelled)
    position = None
    if source is not None:
        position = source.find(loc, key=item["type"] in ("extra_forbidden", "date-order"))
    return Problem(path, position.line if position else None, position.column if position else None, code, message)


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _line_col_of_char(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _too_deep_at(text: str) -> int | None:
    """Offset where brackets nest deeper than MAX_NESTING, ignoring strings (cheap pre-check)."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    depth = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return index
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _may_hold_a_marker(text: str) -> bool:
    """Whether a conflict marker may be in ``text``: four substring searches, where the marker's
    pattern tries every line (a third of the decoding of a file)."""
    return "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text or "|||||||" in text


def untroubled_text(raw: bytes) -> str | None:
    """The text of ``raw`` when decoding it and the checks before parsing it find nothing to say (its
    size, a BOM, its UTF-8, conflict markers, nesting depth: ``decode_project_bytes``, ``read_toml``),
    else None."""
    if len(raw) > MAX_FILE_BYTES or raw.startswith(_BOM):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if (_may_hold_a_marker(text) and _CONFLICT_MARKER.search(text)) or _too_deep_at(text) is not None:
        return None
    return text


def decode_project_bytes(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The text of a project file, or the problems that keep it from being read as TOML text."""
    problems: list[Problem] = []
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                path,
                None,
                None,
                "too-large",
                _("file is {size} bytes; project files may have at most {limit} bytes").format(
                    size=len(raw), limit=MAX_FILE_BYTES
                ),
            )
        ]
    if raw.startswith(_BOM):
        problems.append(
            Problem(path, 1, 1, "bom", _("file starts with a byte order mark (BOM); save it as UTF-8 without BOM"))
        )
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_col_of_byte(raw, error.start)
        problems.append(
            Problem(
                path,
                line,
                column,
                "encoding",
                _("invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8").format(byte=raw[error.start]),
            )
        )
        return None, problems
    for match in _CONFLICT_MARKER.finditer(text) if _may_hold_a_marker(text) else ():
        line, column = _line_col_of_char(text, match.start())
        problems.append(
            Problem(
                path,
                line,
                column,
                "conflict-marker",
                _("unresolved merge conflict marker {marker!r}; resolve the conflict and remove the markers").format(
                    marker=match.group(1)
                ),
            )
        )
    if problems:
        return (text if not any(p.code == "conflict-marker" for p in problems) else None), problems
    return text, problems


def _decode_problem(text: str, path: str, error: ValueError) -> Problem:
    """tomllib's complaint as a problem at its line and column, a duplicate key pointed at the key."""
    message = str(error)
    line = column = None
    match = _TOML_POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif _TOML_AT_END.search(message):
        message = _TOML_AT_END.sub("", message)
        body = text.removesuffix("\n")  # the end is right after the last line's last character
        line, column = body.count("\n") + 1, len(body) - (body.rfind("\n") + 1) + 1
    code = (
        "duplicate-key"
        if message.startswith(("Cannot overwrite", "Cannot declare", "Cannot mutate"))
        else "toml-syntax"
    )
    if code == "duplicate-key":
        key = _key_on_line(text, line)
        if key and line:
            statement = text.splitlines()[line - 1]
            column = len(statement) - len(statement.lstrip()) + 1  # point at the key, not past the value
        message = (
            _("key {key!r} is defined twice; each key may appear once").format(key=key)
            if key
            else _("a key or table is defined twice ({detail})").format(detail=message)
        )
    else:
        message = _("invalid TOML: {detail}").format(detail=message)
    return Problem(path, line, column, code, message)


def parse_toml(text: str, path: str) -> tuple[dict | None, list[Problem]]:
    """tomllib's data, or one problem with the position tomllib reports."""
    data, problems, _fast = read_toml(text, path)
    return data, problems


def read_toml(text: str, path: str) -> tuple[dict | None, list[Problem], bool]:
    """``parse_toml``, and whether the fast reader read the text (it is then in canonical line shapes)."""
    deep = _too_deep_at(text)
    if deep is not None:
        line, column = _line_col_of_char(text, deep)
        return (
            None,
            [
                Problem(
                    path,
                    line,
                    column,
                    "too-deep",
                    _("arrays or tables nest more than {limit} levels deep").format(limit=MAX_NESTING),
                )
            ],
            False,
        )
    data = read_canonical(text)  # a few microseconds for files in canonical form
    if data is not None:
        return data, [], True
    import tomllib  # a file not in canonical form: the fast reader reads the others

    try:
        return tomllib.loads(text), [], False
    except tomllib.TOMLDecodeError as error:
        return None, [_decode_problem(text, path, error)], False
    except RecursionError:
        return None, [Problem(path, None, None, "too-deep", _("arrays or tables nest too deeply to read"))], False
    except ValueError as error:
        match = _LONG_DIGITS.search(text)
        line, column = _line_col_of_char(text, match.start()) if match else (None, None)
        return (
            None,
            [
                Problem(
                    path,
                    line,
                    column,
                    "huge-integer",
                    _("a number is too long to read ({detail})").format(detail=str(error).split(":")[0]),
                )
            ],
            False,
        )


def _key_on_line(text: str, line: int | None) -> str | None:
    if not line:
        return None
    lines = text.splitlines()
    if line > len(lines):
        return None
    statement = lines[line - 1]
    key = statement.split("=", 1)[0].strip() if "=" in statement else statement.strip().strip("[]").strip()
    return key or None


def parse_project_text(text: str, path: str, vocabulary: Vocabulary, *, lint: bool = False) -> ParsedFile:
    data, problems, fast_read = read_toml(text, path)
    if data is None:
        return ParsedFile(path, None, problems, text=text)
    project, error = try_parse_project(data, vocabulary)
    if error is not None:
        from portfolio.positions import scan  # only for a file with errors, to point at them

        return ParsedFile(path, None, validation_problems(error, path, scan(text)), data, text)
    if lint:
        from portfolio.files.lint import lint_problems

        problems.extend(lint_problems(text, project, path, canonical_data=data if fast_read else None))
    return ParsedFile(path, project, problems, data, text)


def parse_project_bytes(raw: bytes, path: str, vocabulary: Vocabulary, *, lint: bool = False) -> ParsedFile:
    """Decode, parse and validate one version of a project file; never raises for bad input."""
    text, problems = decode_project_bytes(raw, path)
    if text is None:
        return ParsedFile(path, None, problems)
    parsed = parse_project_text(text, path, vocabulary, lint=lint)
    if problems:  # e.g. a BOM: report it, but still report what else is wrong, and do not load.
        parsed.problems[:0] = problems
        parsed.project = None
    return parsed
