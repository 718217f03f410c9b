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

from portfolio.domain.model import Project

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
    return "{ " + ", ".join(_inline_value(key, value) for key, value in table.items()) + " }"


def table_item_text(table: dict[str, Any]) -> str:
    """One table of an array of tables, as its line in the canonical form."""
    return f"{_INDENT}{inline_table(table)},\n"


def field_text(key: str, value: Any) -> str:
    """One top-level key with its (canonical, non-empty) value, as the canonical form writes it."""
    if _is_table_array(value):
        return f"{key} = [\n{''.join(table_item_text(table) for table in value)}]\n"
    return tomli_w.dumps({key: value}, multiline_strings=True)


def canonical_text(project: Project) -> str:
    data = project.to_data()
    if not any(_is_table_array(value) for value in data.values()):
        return tomli_w.dumps(data, multiline_strings=True)
    return "".join(field_text(key, value) for key, value in data.items())


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
