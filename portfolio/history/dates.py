"""Commit dates no calendar should trust: before 1970 or more than a day ahead of now.

git records whatever date a committer's clock or environment gave (``GIT_COMMITTER_DATE``, a
broken clock, a crafted commit); dates outside the sane range are shown as they are, flagged,
and counted in one warning (portfolio.git.log already clamped what Python cannot hold).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

# git cannot store a moment before 1970; its first day is where a zero or unparsable date lands.
EARLIEST_PLAUSIBLE = datetime(1970, 1, 2, tzinfo=UTC)
FUTURE_MARGIN = timedelta(days=1)  # time zones and clocks a little ahead


def is_implausible(text: str, now: datetime | None = None) -> bool:
    """True for a date before 1970-01-02 or more than a day after ``now`` (or one Python cannot read)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return True
    latest = (now or _now()) + FUTURE_MARGIN
    # Nearly every date is years inside the range: its year tells (an offset moves a moment by less
    # than a day), without comparing moments of two time zones (~10 us, a third of writing an event).
    if EARLIEST_PLAUSIBLE.year < moment.year < (latest - FUTURE_MARGIN).year:
        return False
    try:
        return moment < EARLIEST_PLAUSIBLE or moment > latest
    except OverflowError:  # 9999-12-31 west of UTC is year 10000 in UTC
        return True


def flag_may_lapse(text: str) -> bool:
    """Whether ``is_implausible(text)`` will answer otherwise later: a date ahead of now, which the
    clock will reach (before 1970 stays implausible, a date that is plausible stays so)."""
    if not is_implausible(text):
        return False
    try:
        return datetime.fromisoformat(text) >= EARLIEST_PLAUSIBLE
    except (ValueError, OverflowError, TypeError):
        return False


_clock: list = [None, None]  # the second and the moment: now, read once a second


def _now() -> datetime:
    second = int(time.time())
    if _clock[0] != second:
        _clock[:] = [second, datetime.now(UTC)]
    return _clock[1]


def implausible_dates(dated: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``(commit, date)`` pairs whose date is implausible, each commit once, in the given order."""
    now = datetime.now(UTC)
    seen: set[str] = set()
    found = []
    for commit, text in dated:
        if commit not in seen and is_implausible(text, now):
            seen.add(commit)
            found.append((commit, text))
    return found
