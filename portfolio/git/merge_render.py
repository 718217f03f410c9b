"""Writing a merged project: canonical text, or canonical text with conflict markers per field.

A conflicting field is written as git writes a conflicting hunk, but around that field only (or
around the one table of a list of tables that conflicts), so that every merged field stays merged
and ``portfolio check`` points at the markers with their line.
"""

from __future__ import annotations

from typing import Any

from portfolio.domain.fields import Kind, registry
from portfolio.files.canonical import field_text, table_item_text
from portfolio.git.merge import MergeResult, file_data, file_table


def _field_lines(name: str, value: Any) -> str:
    data = file_data({name: value})
    return field_text(name, data[name]) if name in data else ""


def _table_line(name: str, table: dict[str, Any] | None) -> str:
    return "" if table is None else table_item_text(file_table(name, table))


def _block(ours: str, theirs: str, marker_size: int, labels: tuple[str, str]) -> str:
    return f"{'<' * marker_size} {labels[0]}\n{ours}{'=' * marker_size}\n{theirs}{'>' * marker_size} {labels[1]}\n"


def conflict_text(
    result: MergeResult,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    *,
    marker_size: int = 7,
    labels: tuple[str, str] = ("ours", "theirs"),
) -> str:
    """The merged file with markers around each conflicting field (or table of a list)."""
    whole_field = {conflict.field for conflict in result.conflicts if conflict.item is None}
    parts = []
    for entry in registry():
        name = entry.name
        if name in whole_field:
            parts.append(_block(_field_lines(name, ours[name]), _field_lines(name, theirs[name]), marker_size, labels))
        elif entry.kind is Kind.TABLE_LIST and any(row.conflicts for row in result.rows[name]):
            lines = []
            for row in result.rows[name]:
                if row.conflicts:
                    lines.append(
                        _block(_table_line(name, row.ours), _table_line(name, row.theirs), marker_size, labels)
                    )
                else:
                    lines.append(_table_line(name, row.table))
            parts.append(f"{name} = [\n{''.join(lines)}]\n")
        else:
            parts.append(_field_lines(name, result.data[name]))
    return "".join(parts)
