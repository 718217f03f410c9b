"""The council report as Markdown: pipe tables that every Markdown viewer renders (GitHub, GitLab, editors)."""

from __future__ import annotations

from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_number
from portfolio.history.markdown import md
from portfolio.i18n import _, ngettext
from portfolio.outputs.report.data import ReportData, not_counted_text


def _table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> list[str]:
    align = ["---" if index < numeric_from else "---:" for index in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _labels(vocabulary: Vocabulary, kind: str):
    """A function giving the label of a slug of ``kind``, as Markdown."""
    return lambda slug: md(vocabulary.label(kind, slug))


def _overview(data: ReportData) -> list[str]:
    n = format_number
    out = ["# " + md(_("Project portfolio {region}").format(region=data.region)), ""]
    out += [
        _("As of {date}: {projects}.").format(
            date=format_date(data.as_of),
            projects=ngettext("{count} project", "{count} projects", data.total).format(count=n(data.total)),
        ),
        "",
    ]
    if data.chosen:
        out += [md(data.chosen), ""]
    if data.broken and data.public:
        out += [not_counted_text(data), ""]
    elif data.broken:
        out += [
            _("Not counted, because the file is not valid: {files}").format(
                files=", ".join(md(path) for path in data.broken)
            ),
            "",
        ]
    return out


def _counts(data: ReportData, vocabulary: Vocabulary) -> list[str]:
    """Projects by status, by field of action, and by municipality and field of action."""
    status, field, n = _labels(vocabulary, "status"), _labels(vocabulary, "field"), format_number
    out = ["## " + _("Projects by status"), ""]
    rows = [[status(slug), n(count)] for slug, count in data.by_status.items()]
    out += _table([_("Status"), _("Projects")], rows + [["**" + _("Total") + "**", "**" + n(data.total) + "**"]])

    out += ["## " + _("Projects by field of action"), ""]
    out += [_("A project can serve several fields of action; it counts in each."), ""]
    out += _table(
        [_("Field of action"), _("Projects")], [[field(slug), n(count)] for slug, count in data.by_field.items()]
    )

    out += ["## " + _("Municipalities and fields of action"), ""]
    header = [_("Municipality")] + [field(slug) for slug in vocabulary.field_slugs] + [_("Projects")]
    rows = []
    for municipality in vocabulary.municipality_slugs:
        cells = [n(data.matrix[municipality, slug]) for slug in vocabulary.field_slugs]
        rows.append(
            [md(vocabulary.label("municipality", municipality)), *cells, n(len(data.by_municipality[municipality]))]
        )
    return out + _table(header, rows)


def _per_municipality(data: ReportData, vocabulary: Vocabulary) -> list[str]:
    status = _labels(vocabulary, "status")
    out = ["## " + _("Projects per municipality"), ""]
    for municipality in vocabulary.municipality_slugs:
        projects = data.by_municipality[municipality]
        out += ["### " + md(vocabulary.label("municipality", municipality)), ""]
        if not projects:
            out += [_("No projects."), ""]
            continue
        out += _table(
            [_("Project"), _("Status")],
            [
                [md(stored.project.title) + " (`" + stored.id + "`)", status(stored.project.status)]
                for stored in projects
            ],
            numeric_from=2,
        )
    return out


def _history(data: ReportData, vocabulary: Vocabulary) -> list[str]:
    """The status moves since the report's start, and the statuses over time."""
    status, n = _labels(vocabulary, "status"), format_number
    out = ["## " + _("Status moves since {date}").format(date=format_date(data.since)), ""]
    if data.history_problem:
        out += [md(_("No history: {reason}").format(reason=data.history_problem)), ""]
    elif not data.moves:
        out += [_("No status moves in this time."), ""]
    else:
        out += _table(
            [_("Date"), _("Project"), _("From"), _("To")],
            [
                [
                    move.shown_day,
                    md(move.title) + " (`" + move.project_id + "`)",
                    status(move.old) if move.old else _("new"),
                    status(move.new),
                ]
                for move in data.moves
            ],
            numeric_from=4,
        )

    out += ["## " + _("Statuses over time"), ""]
    if data.timeline:
        out += [
            _("Projects per status at the end of each quarter (the chart of the HTML report shows each month)."),
            "",
        ]
        quarter_ends = [period for period in data.timeline if period.end.month in (3, 6, 9, 12)] or data.timeline
        if quarter_ends[-1] is not data.timeline[-1]:
            quarter_ends.append(data.timeline[-1])
        out += _table(
            [_("Until")] + [status(slug) for slug in vocabulary.status_slugs],
            [
                [format_date(period.end)] + [n(period.counts.get(slug, 0)) for slug in vocabulary.status_slugs]
                for period in quarter_ends
            ],
        )
    else:
        out += [_("No history yet."), ""]
    return out


def report_markdown(data: ReportData, vocabulary: Vocabulary) -> str:
    from portfolio.outputs.report.council_markdown import council_markdown

    after_counts, after_municipalities = council_markdown(data, vocabulary, _table)
    out = _overview(data) + _counts(data, vocabulary) + after_counts + _per_municipality(data, vocabulary)
    out += after_municipalities + _history(data, vocabulary)
    return "\n".join(out).rstrip() + "\n"
