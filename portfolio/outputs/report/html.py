"""The council report as one self-contained HTML file: inline CSS and SVG, no script, nothing from the network.

A Content-Security-Policy forbids every outside resource and every script, so the page stays what
it is wherever it is published. It is written for WCAG 2.1 AA (see ``style``, ``cells``,
``chart_table`` and ``statement``), reads on a phone (the tables scroll sideways in their own
boxes, the chart scales) and prints on A4 (the wide matrix on a landscape page).
"""

from __future__ import annotations

from html import escape

from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_number
from portfolio.i18n import _, current_language, ngettext
from portfolio.outputs.report.cells import Cells, bar, hidden, table
from portfolio.outputs.report.cells import text as _text
from portfolio.outputs.report.chart_table import chart_description, chart_tables
from portfolio.outputs.report.council_html import council_sections
from portfolio.outputs.report.data import ReportData, not_counted_text
from portfolio.outputs.report.statement import accessibility_statement
from portfolio.outputs.report.style import STYLE
from portfolio.outputs.report.svg import flow_chart

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


Section = tuple[str, str, str]  # (id, heading, content)


def _note(text: str) -> str:
    return f'<p class="note">{_text(text)}</p>'


def _counts(data: ReportData, cells: Cells) -> list[Section]:
    """Projects by status (with bars) and by field of action."""
    n = format_number
    widest = max(data.by_status.values(), default=0) or 1
    rows = [[cells.status(slug), n(count), bar(6 * count / widest)] for slug, count in data.by_status.items()]
    by_status = (
        "status",
        _("Projects by status"),
        table(
            [_text(_("Status")), _text(_("Projects")), hidden(_("Projects as a bar"))],
            rows,
            name=_("Projects by status"),
            numeric_from=1,
            total=[_text(_("Total")), n(data.total), ""],
        ),
    )
    rows = [[cells.field(slug), n(count)] for slug, count in data.by_field.items()]
    by_field = (
        "fields",
        _("Projects by field of action"),
        _note(_("A project can serve several fields of action; it counts in each."))
        + table([_text(_("Field of action")), _text(_("Projects"))], rows, name=_("Projects by field of action")),
    )
    return [by_status, by_field]


def _flow(data: ReportData, cells: Cells) -> Section:
    vocabulary = cells.vocabulary
    chart = flow_chart(
        data.timeline,
        vocabulary.status_slugs,
        lambda slug: vocabulary.label("status", slug),
        _("Projects per status over time"),
        format_number,
        chart_description(data.timeline, cells) if data.timeline else "",
    )
    if chart:
        legend = "".join(f"<li>{cells.status(slug)}</li>" for slug in vocabulary.status_slugs)
        flow = (
            _note(_("Projects per status at the end of each month, from the history of the portfolio."))
            + f'<figure>{chart}<figcaption><ul class="legend">{legend}</ul></figcaption></figure>'
            + chart_tables(data.timeline, cells)
        )
    else:
        flow = _note(data.history_problem or _("No history yet."))
    return ("flow", _("Statuses over time"), flow)


def _municipalities(data: ReportData, cells: Cells) -> list[Section]:
    """The municipalities by field of action, and each municipality's projects."""
    vocabulary, n = cells.vocabulary, format_number
    header = (
        [_text(_("Municipality"))] + [cells.field(slug) for slug in vocabulary.field_slugs] + [_text(_("Projects"))]
    )
    rows = [
        [_text(vocabulary.label("municipality", municipality))]
        + [n(data.matrix[municipality, slug]) for slug in vocabulary.field_slugs]
        + [n(len(data.by_municipality[municipality]))]
        for municipality in vocabulary.municipality_slugs
    ]
    matrix = (
        "matrix",
        _("Municipalities and fields of action"),
        table(header, rows, name=_("Municipalities and fields of action")),
    )
    parts = []
    for municipality in vocabulary.municipality_slugs:
        projects = data.by_municipality[municipality]
        parts.append(f"<h3>{_text(vocabulary.label('municipality', municipality))}</h3>")
        if projects:
            parts.append(
                table(
                    [_text(_("Project")), _text(_("Status"))],
                    [
                        [cells.project(stored.id, stored.project.title), cells.status(stored.project.status)]
                        for stored in projects
                    ],
                    name=vocabulary.label("municipality", municipality),
                    numeric_from=2,
                )
            )
        else:
            parts.append(_note(_("No projects.")))
    return [matrix, ("municipalities", _("Projects per municipality"), "".join(parts))]


def _moves(data: ReportData, cells: Cells) -> Section:
    if data.history_problem:
        moves = _note(_("No history: {reason}").format(reason=data.history_problem))
    elif not data.moves:
        moves = _note(_("No status moves in this time."))
    else:
        moves = table(
            [_text(_("Date")), _text(_("Project")), _text(_("From")), _text(_("To"))],
            [
                [
                    move.shown_day,
                    cells.project(move.project_id, move.title),
                    cells.status(move.old) if move.old else _text(_("new")),
                    cells.status(move.new),
                ]
                for move in data.moves
            ],
            name=_("Status moves since {date}").format(date=format_date(data.since)),
            numeric_from=4,
        )
    return ("moves", _("Status moves since {date}").format(date=format_date(data.since)), moves)


def report_html(data: ReportData, vocabulary: Vocabulary) -> str:
    cells = Cells(vocabulary)
    after_counts, after_municipalities = council_sections(data, cells)
    sections = [
        *_counts(data, cells),
        _flow(data, cells),
        *after_counts,
        *_municipalities(data, cells),
        *after_municipalities,
        _moves(data, cells),
        accessibility_statement(data, vocabulary),
    ]
    title = _("Project portfolio {region}").format(region=data.region)
    meta = _("As of {date}: {projects}.").format(
        date=format_date(data.as_of),
        projects=ngettext("{count} project", "{count} projects", data.total).format(count=format_number(data.total)),
    )
    broken = _note(data.chosen) if data.chosen else ""
    if data.broken and data.public:
        broken += _note(not_counted_text(data))
    elif data.broken:
        broken += _note(_("Not counted, because the file is not valid: {files}").format(files=", ".join(data.broken)))
    body = "".join(
        f'<section id="{key}"><h2>{_text(heading)}</h2>{content}</section>' for key, heading, content in sections
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(current_language())}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>{_text(title)}</h1><p class="meta">{_text(meta)}</p>{broken}</header>\n'
        f"{body}\n<footer>{_text(_('Made with portfolio report from the project files and their Git history.'))}</footer>\n"
        "</main>\n</body>\n</html>\n"
    )
