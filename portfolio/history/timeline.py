"""Counts per status at the end of each period: the cumulative flow of ``portfolio timeline`` and the report."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio.history.derive import HistoryState

PERIODS = ("week", "month", "quarter")


@dataclass(frozen=True, slots=True)
class TimelinePeriod:
    """How many projects had each status at the end of one period (on the current branch)."""

    label: str  # 2026-W05, 2026-03 or 2026-Q1
    start: date
    end: date
    counts: Mapping[str, int]  # status slug -> number of projects
    skipped_before: int = 0  # periods without any change left out just before this one

    def to_json(self) -> dict[str, Any]:
        data = {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "counts": dict(self.counts),
        }
        if self.skipped_before:
            data["skipped_before"] = self.skipped_before
        return data


# Empty periods in a row a timeline shows before it jumps to the next period with a change.
MAX_EMPTY_PERIODS = 12


def _periods_between(end: date, start: date, by: str) -> int:
    """How many periods lie after the one ending on ``end`` and before the one starting on ``start``."""
    if by == "week":
        return (start - end).days // 7
    months = (start.year - end.year) * 12 + start.month - end.month - 1
    return months // 3 if by == "quarter" else months


def _month_end(year: int, month: int) -> date:
    """The last day of a month (date.max for December 9999: Python's calendar ends there)."""
    if year == date.max.year and month == 12:
        return date.max
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _period_of(day: date, by: str) -> tuple[str, date, date]:
    if by == "week":
        start = day - timedelta(days=day.weekday())
        year, week, _weekday = day.isocalendar()
        end = start + timedelta(days=6) if date.max - start >= timedelta(days=6) else date.max
        return f"{year}-W{week:02d}", start, end
    if by == "month":
        return f"{day.year}-{day.month:02d}", day.replace(day=1), _month_end(day.year, day.month)
    if by == "quarter":
        quarter = (day.month - 1) // 3
        start = date(day.year, quarter * 3 + 1, 1)
        return f"{day.year}-Q{quarter + 1}", start, _month_end(day.year, quarter * 3 + 3)
    raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")


def status_timeline(
    state: HistoryState, by: str = "month", statuses: Iterable[str] = (), paths: Collection[str] | None = None
) -> list[TimelinePeriod]:
    """Counts per status at the end of each period, from the first commit to the newest one (of the
    files at ``paths`` only, when given); a stretch of more than MAX_EMPTY_PERIODS periods without a
    change is left out (``skipped_before`` of the next period says how many)."""
    from portfolio.history.derive import KEY, POS, VALID  # not for PERIODS, which `portfolio --help` needs

    dates = state.mainline_dates
    if not dates:
        return []
    days = [text[:10] for text in dates]
    first = date.fromisoformat(min(days))
    last = date.fromisoformat(max(days))
    # Sweep: positions in order of their day; a period's state is the newest position up to its end.
    order = sorted(range(len(days)), key=lambda pos: days[pos])
    changes_at: dict[int, list[tuple[str, str | None]]] = {}
    for path, entries in state.path_history.items():
        if paths is not None and path not in paths:
            continue
        for entry in entries:
            present = entry[KEY] is not None and entry[VALID] is not None
            changes_at.setdefault(entry[POS], []).append((path, entry[VALID] if present else None))
    counts: dict[str, int] = {slug: 0 for slug in statuses}
    status_of: dict[str, str] = {}
    applied = -1
    index = 0
    periods = []
    label, start, end = _period_of(first, by)
    empty = skipped = 0
    while start <= last:
        target = applied
        end_text = end.isoformat()
        while index < len(order) and days[order[index]] <= end_text:
            target = max(target, order[index])
            index += 1
        empty = empty + 1 if target == applied else 0
        if empty > MAX_EMPTY_PERIODS and index < len(order):
            # A commit dated in year 5138 would otherwise make 160,000 weeks of unchanged counts.
            label, start, end = _period_of(date.fromisoformat(days[order[index]]), by)
            skipped += _periods_between(periods[-1].end, start, by)
            empty = 0
            continue
        for pos in range(applied + 1, target + 1):
            for path, key in changes_at.get(pos, ()):
                old = status_of.pop(path, None)
                if old is not None:
                    counts[old] -= 1
                if key is not None:
                    new = state.versions[key]["status"]
                    status_of[path] = new
                    counts[new] = counts.get(new, 0) + 1
        applied = max(applied, target)
        periods.append(TimelinePeriod(label, start, end, dict(counts), skipped))
        skipped = 0
        if end == date.max:
            break
        label, start, end = _period_of(end + timedelta(days=1), by)
    return periods
