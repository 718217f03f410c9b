"""History from commits: events per project, derived from git, cached in the git directory.

Public API (stable; safe to call from worker threads, each call opens its own ``Repo``):

- ``project_history(root, project_id, progress=None) -> list[Event]``: one project's events,
  newest first, following renames; an old (renamed or deleted) id answers too. Raises
  ``ProjectNotFound`` for an id that never existed. With no history computed yet, only that
  project's changes are read (portfolio.history.one_project), and nothing is cached.
- ``project_history_at(root, project_id, progress=None, meanwhile=None) -> (list[Event], commit)``:
  the same, and the commit it was read at (None: a repository without commits); ``meanwhile()`` is
  called while git reads the project's commits, if it does (for what the caller would do after).
- ``all_events(root, progress=None) -> list[Event]``: every project's events, newest first.
- ``blame(root, project_id) -> list[FieldBlame]``: per field of the current version, the commit
  that last set it (for milestones, funding and KPIs also per entry: ``FieldBlame.entries``).
- ``status_at(root, when) -> dict[str, str]``: id -> status on the current branch at a date or
  datetime.
- ``status_counts_over_time(root, by="month") -> list[TimelinePeriod]``: counts per status at the
  end of each week, month or quarter (for a cumulative-flow chart).
- ``load_history(root, progress=None) -> History``: all of the above from one computation
  (``History.events``, ``.project_events(id)``, ``.blame(id)``, ``.status_at(when)``,
  ``.timeline(by)``); use it when a screen needs several views.
- ``revision_diff(root, spec=None) -> PortfolioDiff``: what changed between two states
  (``A..B``, ``A...B``, or HEAD against the working tree).

Results are frozen dataclasses (``Event``, ``MergeInfo``, ``FieldBlame``, ``EntryBlame``,
``TimelinePeriod``, ``PortfolioDiff``) with ``to_json()``. Values are the file's data in JSON form (dates as ISO
strings). ``progress(done, total)`` is called from the calling thread while a long computation
runs (counting commits); a computation can be interrupted (KeyboardInterrupt) and never leaves a
broken cache. The cache lives in ``<git-dir>/portfolio/``.
"""

from __future__ import annotations

from importlib import import_module

# Neither typing, datetime nor pathlib is loaded with the package: a replayed answer
# (portfolio.cli.quick_answer) reads its kept_output module, and nothing else of it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime
    from pathlib import Path

    from portfolio.history.engine import Progress
    from portfolio.history.events import KINDS, Event, MergeInfo
    from portfolio.history.revdiff import PortfolioDiff, revision_diff
    from portfolio.history.timeline import PERIODS, TimelinePeriod
    from portfolio.history.views import EntryBlame, FieldBlame, History

# Each name is imported from its module when it is first asked for: a command that answers from what
# is kept (portfolio.history.kept_output) or names PERIODS in its options loads none of the engine.
_HOMES = {
    "Progress": "engine",
    "KINDS": "events",
    "Event": "events",
    "MergeInfo": "events",
    "PortfolioDiff": "revdiff",
    "revision_diff": "revdiff",
    "PERIODS": "timeline",
    "TimelinePeriod": "timeline",
    "EntryBlame": "views",
    "FieldBlame": "views",
    "History": "views",
}

__all__ = [
    "KINDS",
    "PERIODS",
    "EntryBlame",
    "Event",
    "FieldBlame",
    "History",
    "MergeInfo",
    "PortfolioDiff",
    "Progress",
    "TimelinePeriod",
    "all_events",
    "blame",
    "load_history",
    "project_history",
    "project_history_at",
    "revision_diff",
    "status_at",
    "status_counts_over_time",
]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


def load_history(root: Path, progress: Progress | None = None) -> History:
    """The computed history of the branch checked out at ``root`` (from the cache when it can)."""
    from pathlib import Path

    from portfolio.history.engine import compute
    from portfolio.history.views import History

    return History(compute(Path(root), progress))


def project_history(root: Path, project_id: str, progress: Progress | None = None) -> list[Event]:
    return project_history_at(root, project_id, progress)[0]


def project_history_at(
    root: Path, project_id: str, progress: Progress | None = None, meanwhile: Callable[[], None] | None = None
) -> tuple[list[Event], str | None]:
    from pathlib import Path

    from portfolio.history.one_project import project_events_alone

    alone = project_events_alone(Path(root), project_id, progress, meanwhile)
    if alone is not None:
        return alone
    loaded = load_history(root, progress)
    return loaded.project_events(project_id), loaded.tip


def all_events(root: Path, progress: Progress | None = None) -> list[Event]:
    return load_history(root, progress).events


def blame(root: Path, project_id: str, progress: Progress | None = None) -> list[FieldBlame]:
    return load_history(root, progress).blame(project_id)


def status_at(root: Path, when: date | datetime, progress: Progress | None = None) -> dict[str, str]:
    return load_history(root, progress).status_at(when)


def status_counts_over_time(root: Path, by: str = "month", progress: Progress | None = None) -> list[TimelinePeriod]:
    from pathlib import Path

    from portfolio.domain.vocabulary import load_vocabulary

    statuses = load_vocabulary(Path(root)).status_slugs
    return load_history(root, progress).timeline(by, statuses)
