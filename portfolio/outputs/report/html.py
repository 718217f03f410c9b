"""The council report as one self-contained HTML file: inline CSS and SVG, no script, nothing from the network.

A Content-Security-Policy forbids every outside resource and every script, so the page stays what
it is wherever it is published. It reads on a phone (the tables scroll sideways on their own, the
chart scales) and prints (no scrolling boxes, sections kept together).
"""

from __future__ import annotations

from html import escape

from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_number
from portfolio.i18n import _, current_language, ngettext
from portfolio.outputs.report.data import ReportData, not_counted_text
from portfolio.outputs.report.svg import flow_chart, status_colour
from portfolio.textsafety import escape_control

STYLE = """
:root { color-scheme: light; --ink: #1b2631; --muted: #5d6d7e; --line: #d5d8dc; --band: #f4f6f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
p.meta, p.note { color: var(--muted); margin: .25rem 0 .75rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; margin: .25rem 0 1rem; font-size: .95rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #aab7b8; }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em;
          vertical-align: -.05em; border: 1px solid rgba(0,0,0,.2); }
.bar { display: inline-block; height: .7em; background: #2e86c1; border-radius: 2px; vertical-align: middle; }
figure { margin: .5rem 0 1rem; }
svg.flow-chart { width: 100%; height: auto; max-height: 24rem; display: block; }
svg.flow-chart text { font: 12px system-ui, sans-serif; fill: var(--muted); }
svg.flow-chart .grid { stroke: var(--line); stroke-width: 1; }
svg.flow-chart .axis { stroke: var(--ink); stroke-width: 1; }
ul.legend { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
code { font-size: .85em; color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; margin: 2rem 0 1rem; }
@media (max-width: 40rem) { main { padding: .5rem; } th, td { padding: .25rem .4rem; } body { font-size: 15px; } }
@media print {
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  section, figure, table { break-inside: avoid-page; }
  h2, h3 { break-after: avoid-page; }
  a { color: inherit; text-decoration: none; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _text(value: object) -> str:
    return escape(escape_control(str(value)))


def _table(header: list[str], rows: list[list[str]], *, numeric_from: int = 1, total: list[str] | None = None) -> str:
    numeric = ' class="n"'
    head = "".join(
        f'<th{numeric if index >= numeric_from else ""} scope="col">{cell}</th>' for index, cell in enumerate(header)
    )
    body = []
    for row in rows + ([total] if total else []):
        cells = []
        for index, cell in enumerate(row):
            classes = []
            if index >= numeric_from:
                classes.append("n")
                if cell == "0":
                    classes.append("zero")
            tag = "th" if index == 0 else "td"
            scope = ' scope="row"' if index == 0 else ""
            attributes = scope + (' class="' + " ".join(classes) + '"' if classes else "")
            cells.append(f"<{tag}{attributes}>{cell}</{tag}>")
        row_class = ' class="total"' if total is not None and row is total else ""
        body.append(f"<tr{row_class}>" + "".join(cells) + "</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


class _Cells:
    """The cells the report's tables show: a status with its colour, a field of action, a project."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._status_index = {slug: index for index, slug in enumerate(vocabulary.status_slugs)}

    def status(self, slug: str) -> str:
        return (
            f'<span class="swatch" style="background:{status_colour(self._status_index.get(slug, 0))}"></span>'
            + _text(self.vocabulary.label("status", slug))
        )

    def field(self, slug: str) -> str:
        return _text(self.vocabulary.label("field", slug))

    @staticmethod
    def project(stored_id: str, title: str) -> str:
        return f"{_text(title)} <code>{_text(stored_id)}</code>"


Section = tuple[str, str, str]  # (id, heading, content)


def _note(text: str) -> str:
    return f'<p class="note">{_text(text)}</p>'


def _counts(data: ReportData, cells: _Cells) -> list[Section]:
    """Projects by status (with bars) and by field of action."""
    n = format_number
    widest = max(data.by_status.values(), default=0) or 1
    rows = [
        [cells.status(slug), n(count), f'<span class="bar" style="width:{6 * count / widest:.2f}rem"></span>']
        for slug, count in data.by_status.items()
    ]
    by_status = (
        "status",
        _("Projects by status"),
        _table(
            [_text(_("Status")), _text(_("Projects")), ""],
            rows,
            numeric_from=1,
            total=[_text(_("Total")), n(data.total), ""],
        ),
    )
    rows = [[cells.field(slug), n(count)] for slug, count in data.by_field.items()]
    by_field = (
        "fields",
        _("Projects by field of action"),
        _note(_("A project can serve several fields of action; it counts in each."))
        + _table([_text(_("Field of action")), _text(_("Projects"))], rows),
    )
    return [by_status, by_field]


def _flow(data: ReportData, cells: _Cells) -> Section:
    vocabulary = cells.vocabulary
    chart = flow_chart(
        data.timeline,
        vocabulary.status_slugs,
        lambda slug: vocabulary.label("status", slug),
        _("Projects per status over time"),
        format_number,
    )
    if chart:
        legend = "".join(f"<li>{cells.status(slug)}</li>" for slug in vocabulary.status_slugs)
        flow = (
            _note(_("Projects per status at the end of each month, from the history of the portfolio."))
            + f'<figure>{chart}<figcaption><ul class="legend">{legend}</ul></figcaption></figure>'
        )
    else:
        flow = _note(data.history_problem or _("No history yet."))
    return ("flow", _("Statuses over time"), flow)


def _municipalities(data: ReportData, cells: _Cells) -> list[Section]:
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
    matrix = ("matrix", _("Municipalities and fields of action"), _table(header, rows))
    parts = []
    for municipality in vocabulary.municipality_slugs:
        projects = data.by_municipality[municipality]
        parts.append(f"<h3>{_text(vocabulary.label('municipality', municipality))}</h3>")
        if projects:
            parts.append(
                _table(
                    [_text(_("Project")), _text(_("Status"))],
                    [
                        [cells.project(stored.id, stored.project.title), cells.status(stored.project.status)]
                        for stored in projects
                    ],
                    numeric_from=2,
                )
            )
        else:
            parts.append(_note(_("No projects.")))
    return [matrix, ("municipalities", _("Projects per municipality"), "".join(parts))]


def _moves(data: ReportData, cells: _Cells) -> Section:
    if data.history_problem:
        moves = _note(_("No history: {reason}").format(reason=data.history_problem))
    elif not data.moves:
        moves = _note(_("No status moves in this time."))
    else:
        moves = _table(
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
            numeric_from=4,
        )
    return ("moves", _("Status moves since {date}").format(date=format_date(data.since)), moves)


def report_html(data: ReportData, vocabulary: Vocabulary) -> str:
    cells = _Cells(vocabulary)
    sections = [*_counts(data, cells), _flow(data, cells), *_municipalities(data, cells), _moves(data, cells)]
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
