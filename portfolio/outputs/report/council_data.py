"""What a status report for the council ("Sachstandsbericht") adds to the counts: the deadlines, the
council decisions, the progress, the goals served and the transfers between municipalities.

Each is computed from the projects the report counts (its filter; for publishing only the public
ones), by the same core functions as ``portfolio due`` and ``list --progress``, so that the report
never tells other figures than the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from portfolio.domain.kpi_progress import kpi_progress, kpi_series
from portfolio.domain.progress import Progress, progress_by, project_progress, total_progress
from portfolio.domain.records import StoredProject
from portfolio.domain.transfers import Transfer, transfers
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_number
from portfolio.i18n import _, ngettext
from portfolio.outputs.deadlines import Deadline, deadlines

# how far ahead the report looks for deadlines; overdue ones are always in it
DEADLINE_HORIZON_DAYS = 90


def horizon_note(today: date) -> str:
    return _(
        "Overdue and due in the next {days} days, as of {date}. A proof of use stays listed after its day:"
        " the project files record no submission."
    ).format(days=format_number(DEADLINE_HORIZON_DAYS), date=format_date(today))


def due_text(deadline: Deadline, today: date) -> str:
    """When a deadline falls due, from ``today``: "overdue by 3 days", "today", "in 12 days"."""
    if deadline.overdue:
        days = deadline.days_overdue(today)
        return ngettext("overdue by {count} day", "overdue by {count} days", days).format(count=format_number(days))
    days = (deadline.day - today).days
    if days == 0:
        return _("today")
    return ngettext("in {count} day", "in {count} days", days).format(count=format_number(days))


@dataclass(frozen=True)
class DecisionRow:
    """One council decision of one project."""

    project_id: str
    title: str
    day: date
    body: str
    reference: str
    result: str  # a slug of schema/decision_results.toml
    url: str | None


@dataclass(frozen=True)
class KpiRow:
    """One measured KPI of one project: its values oldest first and its progress (unbounded)."""

    project_id: str
    title: str
    name: str
    unit: str | None
    values: tuple[float, ...]
    latest: float
    percent: float | None


@dataclass
class CouncilData:
    deadlines: list[Deadline] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    progress: list[tuple[StoredProject, Progress]] = field(default_factory=list)  # projects with any
    by_field: dict[str, Progress] = field(default_factory=dict)
    by_municipality: dict[str, Progress] = field(default_factory=dict)
    total: Progress = field(default_factory=Progress)
    kpis: list[KpiRow] = field(default_factory=list)
    by_sdg: dict[int, int] = field(default_factory=dict)  # every goal of the vocabulary, 0 included
    transfers: list[Transfer] = field(default_factory=list)  # between municipalities only


def _decisions(projects: list[StoredProject]) -> list[DecisionRow]:
    rows = [
        DecisionRow(
            stored.id, stored.project.title, item.date, item.body, item.reference, item.result, item.url or None
        )
        for stored in projects
        for item in stored.project.decisions
    ]
    return sorted(rows, key=lambda row: (row.day, row.project_id, row.body), reverse=True)


def _kpis(projects: list[StoredProject]) -> list[KpiRow]:
    rows = []
    for stored in projects:
        for kpi in stored.project.kpis:
            series = kpi_series(kpi, stored.project.measurements)
            if series:
                values = tuple(float(item.value) for item in series)
                percent = kpi_progress(kpi, series)
                rows.append(KpiRow(stored.id, stored.project.title, kpi.name, kpi.unit, values, values[-1], percent))
    return rows


def council_data(
    projects: list[StoredProject], everything: Mapping[str, StoredProject], vocabulary: Vocabulary, today: date
) -> CouncilData:
    """The council's sections for the ``projects`` counted; ``everything``: the projects a transfer may
    come from (for publishing, the public ones only)."""
    measured = [(stored, project_progress(stored.project)) for stored in projects]
    return CouncilData(
        deadlines=deadlines(projects, today, DEADLINE_HORIZON_DAYS),
        decisions=_decisions(projects),
        progress=[(stored, progress) for stored, progress in measured if not progress.is_empty],
        by_field=progress_by(projects, "fields_of_action", vocabulary.field_slugs),
        by_municipality=progress_by(projects, "municipalities", vocabulary.municipality_slugs),
        total=total_progress(projects),
        kpis=_kpis(projects),
        by_sdg={number: sum(1 for s in projects if number in s.project.sdgs) for number in vocabulary.sdg_numbers},
        transfers=[found for found in transfers(projects, everything) if found.between_municipalities],
    )
