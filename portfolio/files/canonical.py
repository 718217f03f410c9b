"""The canonical form of a project file: one way to write each project, so diffs stay small.

Every value is written as ``tomli_w`` writes it (multi-line strings where text has line breaks),
keys in the model's order, optional empty values left out, arrays one item per line. Arrays of
tables (funding, milestones, kpis) are always arrays of inline tables, one table per line:
``tomli_w`` on its own moves a table longer than 100 characters into a ``[[...]]`` section at the
end of the file, so that one long milestone title would rewrite the layout of the whole file and
break line-local merges.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from portfolio.domain.project_record import ProjectRecord, written_in_order
from portfolio.files.toml_literals import bare_key, literal
from portfolio.files.toml_literals import inline_table as literal_inline_table

_INDENT = "    "


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _inline_value(key: str, value: Any) -> str:
    """``key = value`` on one line; an array too (a funding's interim dates), which tomli_w would spread."""
    if isinstance(value, list):
        items = ", ".join(tomli_w.dumps({"v": item})[len("v = ") : -1] for item in value)
        return f"{key} = [{items}]"  # the keys of a table are the model's names: bare keys
    return tomli_w.dumps({key: value})[:-1]


def inline_table(table: dict[str, Any]) -> str:
    """One table as a TOML inline table on one line: ``{ title = "Start", due = 2026-01-31 }``."""
    # Table fields are single-line text by the model, and an inline table may not span lines.
    # An array in a table (a funding's interim dates) is written on the table's line too.
    if not any(type(value) is list for value in table.values()):
        fast = literal_inline_table(table) if table else None
        if fast is not None:
            return fast
    return "{ " + ", ".join(_inline_value(key, value) for key, value in table.items()) + " }"


def table_item_text(table: dict[str, Any]) -> str:
    """One table of an array of tables, as its line in the canonical form."""
    return f"{_INDENT}{inline_table(table)},\n"


def field_text(key: str, value: Any) -> str:
    """One top-level key with its (canonical, non-empty) value, as the canonical form writes it."""
    if _is_table_array(value):
        return f"{key} = [\n{''.join(table_item_text(table) for table in value)}]\n"
    fast = None if type(value) is dict or not bare_key(key) else literal(value, multiline=True)
    if fast is not None:
        return f"{key} = {fast}\n"
    return tomli_w.dumps({key: value}, multiline_strings=True)


def canonical_text(project: ProjectRecord) -> str:
    data = project.to_data()
    if not any(_is_table_array(value) for value in data.values()) and any(
        type(value) is dict for value in data.values()
    ):
        return tomli_w.dumps(data, multiline_strings=True)  # a table: tomli_w moves it into a [section]
    return "".join(field_text(key, value) for key, value in data.items())


def _canonical_line_count(data: dict[str, Any]) -> int:
    """How many lines the canonical form of ``data`` has (without writing it)."""
    count = 0
    for value in data.values():
        if type(value) is list:
            count += len(value) + 2 if value else 1
        elif type(value) is str and "\n" in value:
            count += value.count("\n") + 2
        else:
            count += 1
    return count


def spelled_canonically(text: str, data: dict[str, Any], project: ProjectRecord) -> bool:
    """Whether ``text``, read by the fast reader into ``data``, is the canonical form of ``project``,
    told without writing that form (which costs more than validating the file).

    The fast reader accepts only the canonical form's line shapes, numbers spelled as Python (and
    tomli_w) write them, and multi-line strings only for text with a line break and no quote. What
    remains to differ: escapes, ``[[table]]`` sections, blank lines between keys (then the text has
    more lines than the form), and the data itself (order, types, values the model changes or leaves
    out). Any of these, and the caller compares the text with the written form, as before.
    """
    return _in_canonical_lines(text, data) and project.written_as(data)


def read_canonically(text: str, data: dict[str, Any]) -> bool:
    """``spelled_canonically`` for data that validation accepted without the model, told without
    the record (``project_record.written_in_order``)."""
    return _in_canonical_lines(text, data) and written_in_order(data)


def _in_canonical_lines(text: str, data: dict[str, Any]) -> bool:
    if "\\" in text or text.startswith("[[") or "\n[[" in text:
        return False
    return text.count("\n") == _canonical_line_count(data)


def lf_text(text: str) -> str:
    """``text`` with LF line endings: git for Windows checks files out with CRLF (``core.autocrlf``),
    and a CRLF and an LF version of a file hold the same data."""
    return text.replace("\r\n", "\n")


def same_text(one: str, other: str) -> bool:
    """Whether two versions of a file are the same but for their line endings."""
    return lf_text(one) == lf_text(other)


def in_line_endings_of(text: str, existing: bytes | None) -> str:
    """``text`` with the line endings of the file it replaces (CRLF if that file has them; else LF)."""
    text = lf_text(text)
    return text.replace("\n", "\r\n") if existing is not None and b"\r\n" in existing else text
