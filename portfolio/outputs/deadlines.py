"""What falls due across the portfolio: open milestones, funding periods ending, proofs of use, project ends.

A deadline is a day, what kind of thing is due that day and in which project. Which of them still
count on a given day (``today``):

- a milestone that is done is left out; an open one stays, overdue once its day has passed;
- the end of a funding period and the end of a project are left out once past: they are not tasks
  but the moment a period runs out, and nothing can be done about them afterwards;
- a proof of use (``proof_due``) and an interim proof (``interim_due``) stay when past and are
  marked overdue: the project files record no submission, so a proof past its day may be missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from portfolio.i18n import N_, _

if TYPE_CHECKING:
    from portfolio.domain.records import StoredProject

# the kinds, in the order they are listed on the same day of the same project, with their labels
KIND_LABELS: dict[str, str] = {
    "milestone": N_("milestone"),
    "funding-period-end": N_("funding period ends"),
    "proof-of-use": N_("proof of use"),
    "interim-proof": N_("interim proof of use"),
    "project-end": N_("project ends"),
}
_KIND_ORDER = {kind: position for position, kind in enumerate(KIND_LABELS)}
_KEPT_WHEN_PAST = frozenset({"milestone", "proof-of-use", "interim-proof"})


@dataclass(frozen=True)
class Deadline:
    """One thing due on ``day`` in project ``project_id``; ``what`` names it (a milestone, a funding source)."""

    day: date
    kind: str
    project_id: str
    title: str  # the project's title
    what: str  # the milestone's title or the funding source; empty for the project's end
    overdue: bool

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS[self.kind])

    def days_overdue(self, today: date) -> int:
        return max((today - self.day).days, 0)

    def sort_key(self) -> tuple:
        return (self.day, self.project_id, _KIND_ORDER[self.kind], self.what)


def _candidates(stored: StoredProject) -> Iterable[tuple[date, str, str]]:
    """Every (day, kind, what) of one project, before the rules of the day are applied."""
    project = stored.project
    for milestone in project.milestones:
        if milestone.due is not None and not milestone.done:
            yield milestone.due, "milestone", milestone.title
    for funding in project.funding:
        if funding.period_end is not None:
            yield funding.period_end, "funding-period-end", funding.source
        if funding.proof_due is not None:
            yield funding.proof_due, "proof-of-use", funding.source
        for day in funding.interim_due:
            yield day, "interim-proof", funding.source
    if project.end is not None:
        yield project.end, "project-end", ""


def deadlines(projects: Iterable[StoredProject], today: date, within_days: int | None = None) -> list[Deadline]:
    """The deadlines of ``projects`` as of ``today``, soonest first (overdue ones at the top).

    With ``within_days``, only those up to ``today + within_days``; overdue ones are always kept.
    """
    last_day = today + timedelta(days=within_days) if within_days is not None else None
    found = []
    for stored in projects:
        for day, kind, what in _candidates(stored):
            overdue = day < today
            if overdue and kind not in _KEPT_WHEN_PAST:
                continue
            if last_day is not None and day > last_day and not overdue:
                continue
            found.append(Deadline(day, kind, stored.id, stored.project.title, what, overdue))
    return sorted(found, key=Deadline.sort_key)


def deadline_record(deadline: Deadline) -> dict[str, object]:
    """One deadline for JSON: the day as ISO text, the kind as its slug."""
    return {
        "day": deadline.day.isoformat(),
        "kind": deadline.kind,
        "project": deadline.project_id,
        "title": deadline.title,
        "what": deadline.what,
        "overdue": deadline.overdue,
    }
