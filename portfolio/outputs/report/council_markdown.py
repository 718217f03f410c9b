"""The council's sections of the Markdown report: deadlines, decisions, progress, transfers, goals."""

from __future__ import annotations

from collections.abc import Callable

from portfolio.domain.kpi_progress import sparkline
from portfolio.domain.progress import Progress, percent_text
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_number
from portfolio.history.markdown import md
from portfolio.i18n import _
from portfolio.outputs.progress_listing import milestones_text
from portfolio.outputs.report.council_data import due_text, horizon_note
from portfolio.outputs.report.data import ReportData

Table = Callable[..., list[str]]


def _project(project_id: str, title: str) -> str:
    return md(title) + " (`" + project_id + "`)"


def _deadlines(data: ReportData, table: Table) -> list[str]:
    out = ["## " + _("Deadlines"), "", md(horizon_note(data.as_of)), ""]
    if not data.council.deadlines:
        return out + [_("Nothing falls due."), ""]
    rows = []
    for deadline in data.council.deadlines:
        due = due_text(deadline, data.as_of)
        what = deadline.kind_label + (f": {deadline.what}" if deadline.what else "")
        rows.append(
            [
                format_date(deadline.day),
                f"**{due}**" if deadline.overdue else due,
                _project(deadline.project_id, deadline.title),
                md(what),
            ]
        )
    return out + table([_("Date"), _("Due"), _("Project"), _("What")], rows, numeric_from=4)


def _decisions(data: ReportData, vocabulary: Vocabulary, table: Table) -> list[str]:
    out = ["## " + _("Council decisions"), ""]
    if not data.council.decisions:
        return out + [_("No decisions recorded."), ""]
    rows = []
    for row in data.council.decisions:
        reference = md(row.reference)
        if row.url:
            reference = f"[{reference}](<{row.url}>)"
        rows.append(
            [
                format_date(row.day),
                md(row.body),
                reference,
                md(vocabulary.label("decision_result", row.result)),
                _project(row.project_id, row.title),
            ]
        )
    return out + table([_("Date"), _("Body"), _("Reference"), _("Result"), _("Project")], rows, numeric_from=5)


def _figures(progress: Progress) -> list[str]:
    return [
        format_number(progress.projects),
        milestones_text(progress),
        percent_text(progress.milestone_percent),
        percent_text(progress.kpi_percent),
    ]


def _progress(data: ReportData, vocabulary: Vocabulary, table: Table) -> list[str]:
    council = data.council
    header = [_("Projects"), _("Milestones done"), _("Share"), _("KPI progress")]
    total = ["**" + _("Total") + "**", *_figures(council.total)]
    out = ["## " + _("Progress"), ""]
    out += [
        _(
            "A project's KPI progress is the mean of its measured KPIs, each counted between 0 % and 100 %;"
            " milestones are added up. A project counts for each field of action and municipality it lists."
        ),
        "",
    ]
    out += ["### " + _("By field of action"), ""]
    rows = [[md(vocabulary.label("field", slug)), *_figures(p)] for slug, p in council.by_field.items()]
    out += table([_("Field of action"), *header], [*rows, total])
    out += ["### " + _("By municipality"), ""]
    rows = [
        [md(vocabulary.label("municipality", slug)), *_figures(p)]
        for slug, p in council.by_municipality.items()
        if p.projects
    ]
    out += table([_("Municipality"), *header], [*rows, total])
    if council.kpis:
        out += ["### " + _("Measured KPIs"), ""]
        rows = [
            [
                _project(row.project_id, row.title),
                md(row.name),
                format_number(row.latest) + (f" {md(row.unit)}" if row.unit else ""),
                percent_text(row.percent),
                sparkline(row.values),
            ]
            for row in council.kpis
        ]
        out += table([_("Project"), _("KPI"), _("Latest value"), _("Progress"), _("Trend")], rows, numeric_from=2)
    return out


def _transfers(data: ReportData, vocabulary: Vocabulary, table: Table) -> list[str]:
    out = ["## " + _("Transfers between municipalities"), ""]
    if not data.council.transfers:
        return out + [_("No transfers recorded."), ""]

    def places(slugs: tuple[str, ...]) -> str:
        return md(", ".join(vocabulary.label("municipality", slug) for slug in slugs))

    rows = [
        [
            _project(item.target_id, item.target_title),
            places(item.target_municipalities),
            _project(item.source_id, item.source_title),
            places(item.source_municipalities),
        ]
        for item in data.council.transfers
    ]
    return out + table([_("Project"), _("In"), _("Adopted from"), _("Proved in")], rows, numeric_from=4)


def _goals(data: ReportData, vocabulary: Vocabulary, table: Table) -> list[str]:
    out = ["## " + _("Sustainable Development Goals"), ""]
    out += [_("Projects per goal of the United Nations; a project can serve several."), ""]
    rows = [
        [f"{number}. " + md(vocabulary.label("sdg", number)), format_number(count)]
        for number, count in data.council.by_sdg.items()
    ]
    return out + table([_("Goal"), _("Projects")], rows)


def council_markdown(data: ReportData, vocabulary: Vocabulary, table: Table) -> tuple[list[str], list[str]]:
    """The lines after the counts (deadlines, decisions, progress) and after the municipalities
    (transfers, goals); ``table``: the report's table writer."""
    first = _deadlines(data, table) + _decisions(data, vocabulary, table) + _progress(data, vocabulary, table)
    return first, _transfers(data, vocabulary, table) + _goals(data, vocabulary, table)
