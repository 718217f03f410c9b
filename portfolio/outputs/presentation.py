"""How projects are shown by the CLI: JSON objects, CSV rows, a plain-text table, a detail view.

Every user-derived text is passed through ``escape_control`` before it reaches a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from portfolio.domain.fields import Kind, Shown, field_caption, registry
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_euros, format_number
from portfolio.i18n import _
from portfolio.textsafety import escape_control, json_text

if TYPE_CHECKING:
    from portfolio.domain.model import Project


def jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value


def project_record(stored: StoredProject) -> dict[str, Any]:
    """``id``, ``path`` and every field by its TOML name (absent optional fields as null or [])."""
    data = stored.project.model_dump(mode="python")
    return {"id": stored.id, "path": stored.path, **{name: jsonable(data[name]) for name in registry().names}}


def projects_json(projects: Iterable[StoredProject]) -> str:
    return json_text([project_record(p) for p in projects], indent=2)


def projects_csv(projects: Iterable[StoredProject]) -> str:
    """``list --format csv``: one row a project, written by the export's CSV writer (and its formula guard)."""
    from portfolio.outputs.spreadsheet import csv_text

    fields = registry()
    rows: list[list[Any]] = [["id", "path", *fields.names]]
    for stored in projects:
        record = project_record(stored)
        row = [record["id"], record["path"]]
        for field in fields:
            value = record[field.name]
            if field.is_list:
                value = ", ".join(value)
            elif field.kind is Kind.TABLE_LIST:
                value = json.dumps(value, ensure_ascii=False) if value else ""
            row.append(value)
        rows.append([str(cell) if cell is not None else None for cell in row])
    return csv_text(rows, lineterminator="\n")


def _table(rows: list[list[str]], max_width: int | None) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    if max_width:
        fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
        widths[-1] = max(10, min(widths[-1], max_width - fixed))
    lines = []
    for row in rows:
        cells = [cell if len(cell) <= width else cell[: width - 1] + "…" for cell, width in zip(row, widths)]
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip())
    return "\n".join(lines)


def field_label(vocabulary: Vocabulary, slug: str) -> str:
    entry = vocabulary.field_of_action(slug)
    label = vocabulary.label("field", slug)
    return f"{label} *" if entry and entry.priority else label


DISTRICT_MARK = "+"


def title_text(project: Project) -> str:
    """The title as a list shows it: an internal project's marked at the start, where it is never cut."""
    return project.title if project.public else _("[internal]") + " " + project.title


def _municipalities_cell(stored: StoredProject, vocabulary: Vocabulary, marked: bool) -> str:
    """The slugs; in a project listed as district-wide, the district's slug carries the mark."""
    slugs = stored.project.municipalities
    if marked:
        slugs = [f"{slug}{DISTRICT_MARK}" if slug in vocabulary.district_slugs else slug for slug in slugs]
    return escape_control(", ".join(slugs))


def projects_table(
    projects: list[StoredProject],
    vocabulary: Vocabulary,
    max_width: int | None = None,
    district_marked: Collection[str] = (),
) -> str:
    """The text table of ``list``; ``district_marked``: ids of projects listed for being district-wide."""
    rows = [[_("ID"), _("STATUS"), _("MODULE"), _("MUNICIPALITIES"), _("FIELD OF ACTION"), _("TITLE")]]
    for stored in projects:
        project = stored.project
        rows.append(
            [
                stored.id,
                vocabulary.label("status", project.status),
                str(project.module),
                _municipalities_cell(stored, vocabulary, stored.id in district_marked),
                field_label(vocabulary, project.primary_field),
                escape_control(title_text(project)),
            ]
        )
    table = _table(rows, max_width)
    if any(vocabulary.field_of_action(s.project.primary_field).priority for s in projects):
        table += "\n" + _("* a priority field of action of the region")
    if district_marked:
        table += "\n" + _("+ district-wide, listed with every municipality (--no-district-wide leaves them out)")
    return table


def _funding_line(vocabulary: Vocabulary, item: dict[str, Any]) -> str:
    parts = [item["source"], item.get("programme")]
    if item.get("amount_eur") is not None:
        parts.append(format_euros(item["amount_eur"]))
    if item.get("status"):
        parts.append(vocabulary.label("funding_status", item["status"]))
    return " | ".join(part for part in parts if part)


def _kpi_line(item: dict[str, Any]) -> str:
    unit = f" {item['unit']}" if item.get("unit") else ""
    baseline, target = item.get("baseline"), item.get("target")
    if baseline is None and target is None:
        return item["name"]
    return _("{name}: {baseline} -> {target}{unit}").format(
        name=item["name"],
        baseline="?" if baseline is None else format_number(baseline),
        target="?" if target is None else format_number(target),
        unit=unit,
    )


def _milestone_line(item: dict[str, Any]) -> str:
    return (
        ("[x] " if item.get("done") else "[ ] ")
        + item["title"]
        + (_(" (due {date})").format(date=format_date(item["due"])) if item.get("due") else "")
    )


def _value_text(vocabulary: Vocabulary, name: str, value: Any) -> str:
    field = registry().get(name)
    shown = field.shown if field else Shown.VALUE
    if shown is Shown.LABEL_AND_SLUG:
        return f"{vocabulary.label(field.vocabulary, value)} ({value})"
    if shown is Shown.LABELS:
        return ", ".join(vocabulary.label(field.vocabulary, slug) for slug in value)
    if shown is Shown.LABELS_FIRST_PRIMARY:
        labels = [field_label(vocabulary, slug) for slug in value]
        labels[0] += _(" (primary)")
        return ", ".join(labels)
    if shown is Shown.FUNDING:
        return "\n".join(_funding_line(vocabulary, item) for item in value)
    if shown is Shown.MILESTONES:
        return "\n".join(_milestone_line(item) for item in value)
    if shown is Shown.KPIS:
        return "\n".join(_kpi_line(item) for item in value)
    if shown is Shown.EUROS:
        return format_euros(value)
    if shown is Shown.PUBLICATION:
        return _("yes") if value else _("no (internal: not published)")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def project_fields(stored: StoredProject, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """Every field that is set, as (caption, text); texts may have several lines, control characters escaped."""
    return [
        (field_caption(name), escape_control(_value_text(vocabulary, name, value), keep_newlines=True))
        for name, value in stored.project.to_data().items()
    ]


def project_text(stored: StoredProject, vocabulary: Vocabulary) -> str:
    """A readable view of every field that is set."""
    fields = project_fields(stored, vocabulary)
    width = max(len(caption) for caption, _text in fields) + 2
    lines = [f"{stored.id}  ({stored.path})"]
    for caption, text in fields:
        first, *rest = text.split("\n") if text else [""]
        lines.append(f"{(caption + ':').ljust(width)}{first}")
        lines.extend((" " * width + line).rstrip() for line in rest)
    return "\n".join(lines)
