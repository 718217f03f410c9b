"""How far projects have come: per project the share of milestones done and the progress of its KPIs,
per portfolio the same rolled up per field of action and per municipality.

A project's KPI progress is the mean of its measured KPIs' progress (``kpi_progress``). In a
roll-up and in that mean each KPI counts between 0 % and 100 %: one KPI far past its target must not
hide another that has not moved, and one gone the wrong way counts as not begun. The unbounded
figure of each KPI stays in the project's own detail.

Milestones roll up by count (12 of 20 done), not as a mean of shares, so that a project with one
milestone weighs less than one with ten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portfolio.domain.kpi_progress import kpi_progress, kpi_series
from portfolio.formats import format_number
from portfolio.i18n import _

if TYPE_CHECKING:
    from portfolio.domain.project_record import ProjectRecord
    from portfolio.domain.records import StoredProject


def bounded(percent: float) -> float:
    """A KPI's progress as it counts in a mean: between 0 and 100."""
    return min(max(percent, 0.0), 100.0)


@dataclass(frozen=True)
class Progress:
    """Milestones done of all, and the bounded progress of every measured KPI, of one or more projects."""

    milestones_done: int = 0
    milestones_total: int = 0
    kpi_percents: tuple[float, ...] = ()
    projects: int = 0

    @property
    def milestone_percent(self) -> float | None:
        """The share of milestones done in percent; None without milestones."""
        return self.milestones_done / self.milestones_total * 100 if self.milestones_total else None

    @property
    def kpi_percent(self) -> float | None:
        """The mean bounded progress of the measured KPIs; None when no KPI has a measurement."""
        return sum(self.kpi_percents) / len(self.kpi_percents) if self.kpi_percents else None

    @property
    def is_empty(self) -> bool:
        return not self.milestones_total and not self.kpi_percents

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.milestones_done + other.milestones_done,
            self.milestones_total + other.milestones_total,
            self.kpi_percents + other.kpi_percents,
            self.projects + other.projects,
        )


def project_progress(project: ProjectRecord) -> Progress:
    """One project's milestones done and the bounded progress of each KPI it has measured."""
    percents = []
    for kpi in project.kpis:
        percent = kpi_progress(kpi, kpi_series(kpi, project.measurements))
        if percent is not None:
            percents.append(bounded(percent))
    done = sum(1 for milestone in project.milestones if milestone.done)
    return Progress(done, len(project.milestones), tuple(percents), 1)


def total_progress(projects: Iterable[StoredProject]) -> Progress:
    """The progress of all ``projects`` together."""
    total = Progress()
    for stored in projects:
        total = total + project_progress(stored.project)
    return total


def progress_by(projects: Iterable[StoredProject], attribute: str, slugs: Iterable[str]) -> dict[str, Progress]:
    """The progress rolled up per value of a list field (``fields_of_action``, ``municipalities``): a
    project counts for each value it lists. Every slug of ``slugs`` is a key, in that order."""
    rolled = {slug: Progress() for slug in slugs}
    for stored in projects:
        own = project_progress(stored.project)
        for slug in getattr(stored.project, attribute):
            if slug in rolled:
                rolled[slug] = rolled[slug] + own
    return rolled


def percent_text(percent: float | None) -> str:
    """A percentage as tables show it: whole percent in the user's language, "–" for none."""
    if percent is None:
        return "–"
    return _("{percent} %").format(percent=format_number(round(percent)))
