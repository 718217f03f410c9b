"""How projects are shown by the CLI: JSON objects, CSV rows, a plain-text table, a detail view.

Every user-derived text is passed through ``escape_control`` before it reaches a terminal.
"""

from __future__ import annotations

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
    from portfolio.domain.project_record import ProjectRecord


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


def projects_json(projects: Iterable[StoredProject], progress: bool = False) -> str:
    """The records; with ``progress`` each gains its milestones done and KPI progress (``progress``)."""
    if not progress:
        return json_text([project_record(p) for p in projects], indent=2)
    from portfolio.outputs.progress_listing import progress_record

    return json_text([{**project_record(p), "progress": progress_record(p.project)} for p in projects], indent=2)


def projects_csv(projects: Iterable[StoredProject], progress: bool = False) -> str:
    """``list --format csv``: one row a project, written by the export's CSV writer (and its formula guard);
    with ``progress`` the figures of ``list --progress`` follow the fields, as columns of their own."""
    import json

    from portfolio.outputs.progress_listing import PROGRESS_COLUMNS, progress_record
    from portfolio.outputs.spreadsheet import csv_text

    fields = registry()
    figures = list(PROGRESS_COLUMNS) if progress else []
    rows: list[list[Any]] = [["id", "path", *fields.names, *figures]]
    for stored in projects:
        record = project_record(stored)
        row = [record["id"], record["path"]]
        for field in fields:
            value = record[field.name]
            if field.is_list:
                value = ", ".join(str(item) for item in value)
            elif field.kind is Kind.TABLE_LIST:
                value = json.dumps(value, ensure_ascii=False) if value else ""
            row.append(value)
        if progress:
            row.extend(progress_record(stored.project).values())
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


def title_text(project: ProjectRecord) -> str:
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
    progress: bool = False,
) -> str:
    """The text table of ``list``; ``district_marked``: ids of projects listed for being district-wide;
    ``progress``: with each project's milestones done and KPI progress, and the roll-ups below."""
    if progress:
        from portfolio.outputs.progress_listing import progress_cells, progress_headers, rollup_text
    headers = [_("ID"), _("STATUS"), _("MODULE"), _("MUNICIPALITIES"), _("FIELD OF ACTION")]
    rows = [[*headers, *(progress_headers() if progress else []), _("TITLE")]]
    for stored in projects:
        project = stored.project
        rows.append(
            [
                stored.id,
                vocabulary.label("status", project.status),
                str(project.module),
                _municipalities_cell(stored, vocabulary, stored.id in district_marked),
                field_label(vocabulary, project.primary_field),
                *(progress_cells(project) if progress else []),
                escape_control(title_text(project)),
            ]
        )
    table = _table(rows, max_width)
    if any(vocabulary.field_of_action(s.project.primary_field).priority for s in projects):
        table += "\n" + _("* a priority field of action of the region")
    if district_marked:
        table += "\n" + _("+ district-wide, listed with every municipality (--no-district-wide leaves them out)")
    if progress:
        table += "\n\n" + rollup_text(projects, vocabulary, lambda rows: _table(rows, max_width))
    return table


def _funding_line(vocabulary: Vocabulary, item: dict[str, Any]) -> str:
    parts = [item["source"], item.get("programme")]
    if item.get("amount_eur") is not None:
        parts.append(format_euros(item["amount_eur"]))
    if item.get("status"):
        parts.append(vocabulary.label("funding_status", item["status"]))
    line = " | ".join(part for part in parts if part)
    terms = _funding_terms(item)
    return line + ("\n  " + "; ".join(terms) if terms else "")


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


def _kpi_lines(project: ProjectRecord) -> str:
    """Each KPI; a measured one with its latest value, its progress and a sparkline of its values."""
    from portfolio.domain.kpi_progress import kpi_progress, kpi_series, sparkline

    lines = []
    for kpi in project.kpis:
        line = _kpi_line(kpi.model_dump(exclude_none=True))
        series = kpi_series(kpi, project.measurements)
        if series:
            progress = kpi_progress(kpi, series)
            latest = _("now {value} ({date})").format(
                value=format_number(series[-1].value), date=format_date(series[-1].date)
            )
            if progress is not None:
                latest += " " + _("{percent} %").format(percent=format_number(round(progress)))
            line += f"  {sparkline([m.value for m in series])} {latest}"
        lines.append(line)
    return "\n".join(lines)


def _funding_terms(item: dict[str, Any]) -> list[str]:
    """The terms of a funding line, each a short phrase: rate, own share, decision, period, proofs due."""
    terms = []
    if item.get("rate_percent") is not None:
        terms.append(_("rate {percent} %").format(percent=format_number(item["rate_percent"])))
    if item.get("own_share_eur") is not None:
        terms.append(_("own share {amount}").format(amount=format_euros(item["own_share_eur"])))
    if item.get("decision_date"):
        terms.append(_("granted {date}").format(date=format_date(item["decision_date"])))
    start, end = item.get("period_start"), item.get("period_end")
    if start or end:
        terms.append(
            _("period {start} – {end}").format(
                start=format_date(start) if start else "?", end=format_date(end) if end else "?"
            )
        )
    if item.get("interim_due"):
        terms.append(
            _("interim proofs due {dates}").format(dates=", ".join(format_date(d) for d in item["interim_due"]))
        )
    if item.get("proof_due"):
        terms.append(_("proof of use due {date}").format(date=format_date(item["proof_due"])))
    return terms


def _decision_line(vocabulary: Vocabulary, item: dict[str, Any]) -> str:
    line = _("{date} {body}, {reference}: {result}").format(
        date=format_date(item["date"]),
        body=item["body"],
        reference=item["reference"],
        result=vocabulary.label("decision_result", item["result"]),
    )
    return line + (f" ({item['url']})" if item.get("url") else "")


def _measurement_line(project: ProjectRecord, item: dict[str, Any]) -> str:
    kpi = next((k for k in project.kpis if k.name == item["kpi"]), None)
    unit = f" {kpi.unit}" if kpi and kpi.unit else ""
    line = _("{date} {kpi}: {value}{unit}").format(
        date=format_date(item["date"]), kpi=item["kpi"], value=format_number(item["value"]), unit=unit
    )
    return line + (f" ({item['note']})" if item.get("note") else "")


def _goal_lines(vocabulary: Vocabulary, numbers: list[int]) -> str:
    return "\n".join(f"{number} {vocabulary.label('sdg', number)}" for number in numbers)


def _milestone_line(item: dict[str, Any]) -> str:
    return (
        ("[x] " if item.get("done") else "[ ] ")
        + item["title"]
        + (_(" (due {date})").format(date=format_date(item["due"])) if item.get("due") else "")
    )


def _value_text(vocabulary: Vocabulary, name: str, value: Any, project: ProjectRecord) -> str:
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
        return _kpi_lines(project)
    if shown is Shown.MEASUREMENTS:
        return "\n".join(_measurement_line(project, item) for item in value)
    if shown is Shown.DECISIONS:
        return "\n".join(_decision_line(vocabulary, item) for item in value)
    if shown is Shown.GOALS:
        return _goal_lines(vocabulary, value)
    if shown is Shown.EUROS:
        return format_euros(value)
    if shown is Shown.PUBLICATION:
        return _("yes") if value else _("no (internal: not published)")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def project_fields(
    stored: StoredProject, vocabulary: Vocabulary, adopted_by: Collection[str] = ()
) -> list[tuple[str, str]]:
    """Every field that is set, as (caption, text); texts may have several lines, control characters escaped.

    ``adopted_by``: the ids of the projects whose ``adopted_from`` names this one, shown after the fields."""
    fields = [
        (field_caption(name), escape_control(_value_text(vocabulary, name, value, stored.project), keep_newlines=True))
        for name, value in stored.project.to_data().items()
    ]
    if adopted_by:
        fields.append((_("Adopted by"), escape_control(", ".join(adopted_by))))
    return fields


def project_text(stored: StoredProject, vocabulary: Vocabulary, adopted_by: Collection[str] = ()) -> str:
    """A readable view of every field that is set (and the projects that adopted it)."""
    fields = project_fields(stored, vocabulary, adopted_by)
    width = max(len(caption) for caption, _text in fields) + 2
    lines = [f"{stored.id}  ({stored.path})"]
    for caption, text in fields:
        first, *rest = text.split("\n") if text else [""]
        lines.append(f"{(caption + ':').ljust(width)}{first}")
        lines.extend((" " * width + line).rstrip() for line in rest)
    return "\n".join(lines)
