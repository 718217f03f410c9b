"""The council's sections of the HTML report: deadlines, decisions, progress, transfers, goals.

Tables as the rest of the report writes them (``cells.table``: a row header per row, a named scroll
box). A KPI's trend is a small SVG line that screen readers read as its values (role ``img`` with
a label), since the shape alone says nothing to them.
"""

from __future__ import annotations

from html import escape

from portfolio.domain.progress import Progress, percent_text
from portfolio.formats import format_date, format_number
from portfolio.i18n import _
from portfolio.outputs.progress_listing import milestones_text
from portfolio.outputs.report.cells import BAR_COLOUR, Cells, table
from portfolio.outputs.report.cells import text as _text
from portfolio.outputs.report.council_data import due_text, horizon_note
from portfolio.outputs.report.data import ReportData

Section = tuple[str, str, str]


def _note(text: str) -> str:
    return f'<p class="note">{_text(text)}</p>'


def _deadlines(data: ReportData, cells: Cells) -> Section:
    council = data.council
    note = _note(horizon_note(data.as_of))
    if not council.deadlines:
        return ("deadlines", _("Deadlines"), note + _note(_("Nothing falls due.")))
    rows = []
    for deadline in council.deadlines:
        due = _text(due_text(deadline, data.as_of))
        if deadline.overdue:
            due = f'<strong class="overdue">{due}</strong>'
        what = deadline.kind_label + (f": {deadline.what}" if deadline.what else "")
        rows.append(
            [_text(format_date(deadline.day)), due, cells.project(deadline.project_id, deadline.title), _text(what)]
        )
    header = [_text(_("Date")), _text(_("Due")), _text(_("Project")), _text(_("What"))]
    return ("deadlines", _("Deadlines"), note + table(header, rows, name=_("Deadlines"), numeric_from=4))


def _reference(row) -> str:
    if row.url:
        return f'<a href="{escape(row.url, quote=True)}">{_text(row.reference)}</a>'
    return _text(row.reference)


def _decisions(data: ReportData, cells: Cells) -> Section:
    decisions = data.council.decisions
    if not decisions:
        return ("decisions", _("Council decisions"), _note(_("No decisions recorded.")))
    vocabulary = cells.vocabulary
    rows = [
        [
            _text(format_date(row.day)),
            _text(row.body),
            _reference(row),
            _text(vocabulary.label("decision_result", row.result)),
            cells.project(row.project_id, row.title),
        ]
        for row in decisions
    ]
    header = [_text(_("Date")), _text(_("Body")), _text(_("Reference")), _text(_("Result")), _text(_("Project"))]
    return ("decisions", _("Council decisions"), table(header, rows, name=_("Council decisions"), numeric_from=5))


def _progress_cells(progress: Progress) -> list[str]:
    return [
        _text(milestones_text(progress)),
        _text(percent_text(progress.milestone_percent)),
        _text(percent_text(progress.kpi_percent)),
    ]


def _progress_header(first: str) -> list[str]:
    return [
        _text(first),
        _text(_("Projects")),
        _text(_("Milestones done")),
        _text(_("Share")),
        _text(_("KPI progress")),
    ]


def trend(values: tuple[float, ...], unit: str | None) -> str:
    """A KPI's values as a small line, labelled with the values for screen readers."""
    shown = ", ".join(format_number(value) for value in values) + (f" {unit}" if unit else "")
    label = _text(_("Measured values: {values}").format(values=shown))
    if len(values) < 2:
        return f'<span class="visually-hidden">{label}</span>'
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = 100 / (len(values) - 1)
    points = " ".join(f"{index * step:.1f},{18 - (value - low) / span * 16:.1f}" for index, value in enumerate(values))
    return (
        f'<svg class="trend" viewBox="0 0 100 20" role="img" aria-label="{label}"><title>{label}</title>'
        f'<polyline points="{points}" fill="none" stroke="{BAR_COLOUR}" stroke-width="2.5"'
        ' vector-effect="non-scaling-stroke"/></svg>'
    )


def _progress(data: ReportData, cells: Cells) -> Section:
    council, vocabulary, n = data.council, cells.vocabulary, format_number
    parts = [
        _note(
            _(
                "A project's KPI progress is the mean of its measured KPIs, each counted between 0 % and 100 %;"
                " milestones are added up. A project counts for each field of action and municipality it lists."
            )
        )
    ]
    total = [_text(_("Total")), n(council.total.projects), *_progress_cells(council.total)]
    rows = [
        [cells.field(slug), n(progress.projects), *_progress_cells(progress)]
        for slug, progress in council.by_field.items()
    ]
    parts.append(f"<h3>{_text(_('By field of action'))}</h3>")
    parts.append(
        table(_progress_header(_("Field of action")), rows, name=_("Progress by field of action"), total=total)
    )
    rows = [
        [_text(vocabulary.label("municipality", slug)), n(progress.projects), *_progress_cells(progress)]
        for slug, progress in council.by_municipality.items()
        if progress.projects
    ]
    parts.append(f"<h3>{_text(_('By municipality'))}</h3>")
    parts.append(table(_progress_header(_("Municipality")), rows, name=_("Progress by municipality"), total=total))
    if council.kpis:
        rows = [
            [
                cells.project(row.project_id, row.title),
                _text(row.name),
                _text(n(row.latest) + (f" {row.unit}" if row.unit else "")),
                _text(percent_text(row.percent)),
                trend(row.values, row.unit),
            ]
            for row in council.kpis
        ]
        header = [
            _text(_("Project")),
            _text(_("KPI")),
            _text(_("Latest value")),
            _text(_("Progress")),
            _text(_("Trend")),
        ]
        parts.append(f"<h3>{_text(_('Measured KPIs'))}</h3>")
        parts.append(table(header, rows, name=_("Measured KPIs"), numeric_from=2))
    return ("progress", _("Progress"), "".join(parts))


def _transfers(data: ReportData, cells: Cells) -> Section:
    found = data.council.transfers
    if not found:
        return ("transfers", _("Transfers between municipalities"), _note(_("No transfers recorded.")))
    vocabulary = cells.vocabulary

    def places(slugs: tuple[str, ...]) -> str:
        return _text(", ".join(vocabulary.label("municipality", slug) for slug in slugs))

    rows = [
        [
            cells.project(item.target_id, item.target_title),
            places(item.target_municipalities),
            cells.project(item.source_id, item.source_title),
            places(item.source_municipalities),
        ]
        for item in found
    ]
    header = [_text(_("Project")), _text(_("In")), _text(_("Adopted from")), _text(_("Proved in"))]
    return (
        "transfers",
        _("Transfers between municipalities"),
        table(header, rows, name=_("Transfers between municipalities"), numeric_from=4),
    )


def _goals(data: ReportData, cells: Cells) -> Section:
    vocabulary = cells.vocabulary
    rows = [
        [_text(f"{number}. {vocabulary.label('sdg', number)}"), format_number(count)]
        for number, count in data.council.by_sdg.items()
    ]
    return (
        "sdgs",
        _("Sustainable Development Goals"),
        _note(_("Projects per goal of the United Nations; a project can serve several."))
        + table([_text(_("Goal")), _text(_("Projects"))], rows, name=_("Projects per Sustainable Development Goal")),
    )


def council_sections(data: ReportData, cells: Cells) -> tuple[list[Section], list[Section]]:
    """The sections that follow the counts (deadlines, decisions, progress), and those that follow
    the municipalities (transfers, goals)."""
    return (
        [_deadlines(data, cells), _decisions(data, cells), _progress(data, cells)],
        [_transfers(data, cells), _goals(data, cells)],
    )
