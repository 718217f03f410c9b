"""``list --progress``: each project's milestones done and KPI progress, and the roll-ups of the listed
projects per field of action and per municipality (portfolio.domain.progress computes them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from portfolio.domain.progress import Progress, percent_text, progress_by, project_progress, total_progress
from portfolio.i18n import _
from portfolio.textsafety import escape_control

if TYPE_CHECKING:
    from portfolio.domain.project_record import ProjectRecord
    from portfolio.domain.records import StoredProject
    from portfolio.domain.vocabulary import Vocabulary


# the figures of a project in JSON and CSV, in this order
PROGRESS_COLUMNS = ("milestones_done", "milestones_total", "milestone_percent", "kpi_percent")


def milestones_text(progress: Progress) -> str:
    """``3/5`` milestones done, "–" without milestones."""
    return f"{progress.milestones_done}/{progress.milestones_total}" if progress.milestones_total else "–"


def progress_cells(project: ProjectRecord) -> list[str]:
    """The two cells a project's row gains: milestones done of all, the mean KPI progress."""
    progress = project_progress(project)
    return [milestones_text(progress), percent_text(progress.kpi_percent)]


def progress_headers() -> list[str]:
    return [_("MILESTONES"), _("KPIS")]


def progress_record(project: ProjectRecord) -> dict[str, Any]:
    """The figures for JSON and CSV: counts, and percentages rounded to one decimal (None when unknown)."""
    progress = project_progress(project)

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    figures = (
        progress.milestones_done,
        progress.milestones_total,
        rounded(progress.milestone_percent),
        rounded(progress.kpi_percent),
    )
    return dict(zip(PROGRESS_COLUMNS, figures, strict=True))


def _rollup_rows(label: str, rolled: dict[str, Progress], names: dict[str, str], total: Progress) -> list[list[str]]:
    rows = [[label, _("PROJECTS"), _("MILESTONES"), _("DONE"), _("KPIS")]]
    for slug, progress in [*rolled.items(), ("", total)]:
        if not progress.projects and slug:
            continue
        rows.append(
            [
                names.get(slug, _("All listed projects")),
                str(progress.projects),
                milestones_text(progress),
                percent_text(progress.milestone_percent),
                percent_text(progress.kpi_percent),
            ]
        )
    return rows


def rollup_text(projects: Iterable[StoredProject], vocabulary: Vocabulary, table) -> str:
    """The roll-ups per field of action and per municipality, as ``table`` (the list's table writer)
    sets them; a municipality without listed projects is left out."""
    projects = list(projects)
    total = total_progress(projects)
    parts = []
    for label, attribute, kind, slugs in (
        (_("FIELD OF ACTION"), "fields_of_action", "field", vocabulary.field_slugs),
        (_("MUNICIPALITY"), "municipalities", "municipality", vocabulary.municipality_slugs),
    ):
        names = {slug: escape_control(vocabulary.label(kind, slug)) for slug in slugs}
        parts.append(table(_rollup_rows(label, progress_by(projects, attribute, slugs), names, total)))
    note = _("A KPI counts with its progress between 0 % and 100 %; a project counts for each of its entries.")
    return "\n\n".join(parts) + "\n" + note
