"""What a council report says, computed once: counts, the municipality x field matrix, status moves, the flow.

Every count uses the same filter as ``portfolio list`` (``ProjectFilter``), so the report and the
list never disagree. The status moves and the flow over time come from the history engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.ids import is_valid_id, project_id_of, project_relpath
from portfolio.domain.publication import published_projects
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import PortfolioError
from portfolio.files.loading import load_portfolio
from portfolio.formats import format_date
from portfolio.history import TimelinePeriod, load_history
from portfolio.history.dates import is_implausible
from portfolio.i18n import _, ngettext
from portfolio.outputs.report.council_data import CouncilData, council_data
from portfolio.problems import shown_path
from portfolio.today import output_day

DEFAULT_DAYS_BACK = 90


@dataclass(frozen=True)
class StatusMove:
    """One project's status changed (``old`` is None when the project was new)."""

    project_id: str
    title: str
    day: str  # ISO date of the commit (author date)
    old: str | None
    new: str
    author: str
    implausible: bool = False  # the commit's date is before 1970 or in the future (history.dates)

    @property
    def shown_day(self) -> str:
        """The day as the report shows it, flagged when the commit's date cannot be trusted."""
        shown = format_date(self.day)
        return f"{shown} {_('(implausible date)')}" if self.implausible else shown


@dataclass
class ReportData:
    region: str
    as_of: date
    since: date
    projects: list[StoredProject]
    by_status: dict[str, int]
    by_field: dict[str, int]
    matrix: dict[tuple[str, str], int]  # (municipality, field) -> projects
    by_municipality: dict[str, list[StoredProject]]
    moves: list[StatusMove] = field(default_factory=list)
    timeline: list[TimelinePeriod] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    history_problem: str | None = None
    chosen: str = ""  # which projects, when not all of them: "Only the projects with status Idea; ..."
    public: bool = False  # for publishing: no internal project, and the files not counted not named
    council: CouncilData = field(default_factory=CouncilData)  # deadlines, decisions, progress, goals, transfers

    @property
    def total(self) -> int:
        return len(self.projects)


def not_counted_text(data: ReportData) -> str:
    """The files not counted, without their names: a published report never names a file that may
    be an internal project's."""
    count = len(data.broken)
    return ngettext(
        "Not counted: {count} project file is not valid.", "Not counted: {count} project files are not valid.", count
    ).format(count=count)


def _count(projects: list[StoredProject], chosen: ProjectFilter, vocabulary: Vocabulary) -> int:
    bound = chosen.bound(vocabulary)
    return sum(1 for stored in projects if bound.matches(stored))


def _own(municipality: str, **others) -> ProjectFilter:
    """A municipality's own projects (the report counts the district-wide ones in the district's row)."""
    return ProjectFilter(municipalities={municipality}, district_wide=False, **others)


def status_moves(events, since: date) -> list[StatusMove]:
    """Every event since ``since`` (by its own calendar day) that set a status, newest first."""
    moves = []
    first = since.isoformat()
    for event in events:
        if event.date[:10] < first:
            continue
        change = event.changes.get("status")
        if not change or change[1] is None or event.kind == "deleted":
            continue
        title = (event.values or {}).get("title", "")
        moves.append(
            StatusMove(event.id, title, event.date[:10], change[0], change[1], event.author, is_implausible(event.date))
        )
    return moves


def _of_projects(moves: list[StatusMove]) -> list[StatusMove]:
    return [move for move in moves if is_valid_id(move.project_id)]


def filter_text(chosen: ProjectFilter, vocabulary: Vocabulary) -> str:
    """What a filter lets through, in words ("" for no filter)."""
    if chosen.is_empty:
        return ""
    parts = []
    for name, kind, caption in (
        ("statuses", "status", _("status")),
        ("municipalities", "municipality", _("municipality")),
        ("fields", "field", _("field of action")),
        ("modules", "module", _("module")),
    ):
        values = sorted(chosen.values_of(name), key=str)
        if values:
            parts.append(f"{caption} " + _(" or ").join(vocabulary.label(kind, str(value)) for value in values))
    if chosen.municipalities and not chosen.district_wide:
        parts.append(_("without the district-wide projects"))
    if chosen.active_only:
        parts.append(_("active only"))
    if chosen.text.strip():
        parts.append(_("search {text!r}").format(text=chosen.text.strip()))
    return _("Only the projects with: {parts}.").format(parts="; ".join(parts))


def build_report(
    root: Path,
    vocabulary: Vocabulary,
    *,
    since: date | None = None,
    today: date | None = None,
    by: str = "month",
    chosen: ProjectFilter | None = None,
    public: bool = False,
) -> ReportData:
    """The report of the projects ``chosen`` lets through (all by default): counts, moves, the flow.
    ``public``: of the public projects only (their moves and flow too), for publishing."""
    today = today or output_day()
    since = since or today - timedelta(days=DEFAULT_DAYS_BACK)
    portfolio = load_portfolio(root, vocabulary)
    projects = sorted(portfolio.projects.values(), key=lambda stored: stored.id)
    if public:
        projects = published_projects(projects, vocabulary, "report")
    everything = {stored.id: stored for stored in projects}  # where a transfer may come from
    chosen = chosen or ProjectFilter()
    if not chosen.is_empty:
        projects = chosen.select(projects, vocabulary)
    by_municipality = {slug: _own(slug).select(projects, vocabulary) for slug in vocabulary.municipality_slugs}
    data = ReportData(
        region=vocabulary.region,
        as_of=today,
        since=since,
        projects=projects,
        by_status={
            slug: _count(projects, ProjectFilter(statuses={slug}), vocabulary) for slug in vocabulary.status_slugs
        },
        by_field={slug: _count(projects, ProjectFilter(fields={slug}), vocabulary) for slug in vocabulary.field_slugs},
        matrix={
            (municipality, field_slug): _count(projects, _own(municipality, fields={field_slug}), vocabulary)
            for municipality in vocabulary.municipality_slugs
            for field_slug in vocabulary.field_slugs
        },
        by_municipality=by_municipality,
        broken=sorted(shown_path(path) for path in portfolio.broken),
        chosen=filter_text(chosen, vocabulary),
        public=public,
        council=council_data(projects, everything, vocabulary, today),
    )
    only = None if chosen.is_empty and not public else {stored.id for stored in projects}
    try:
        history = load_history(root)
        # A file whose name is no project id (``projects/Foo.toml``, a name that is not UTF-8) is no project
        # in the report, in the past either: check refuses it, and the counts above leave it out.
        moves = status_moves(history.events, since)
        data.moves = [move for move in moves if move.project_id in only] if only is not None else _of_projects(moves)
        if only is None:
            paths = {path for path in history.state.path_history if is_valid_id(project_id_of(path) or "")}
        else:
            paths = {project_relpath(project_id) for project_id in only}
        data.timeline = history.timeline(by, vocabulary.status_slugs, paths=paths)
    except PortfolioError as error:  # no commits yet, not a git repository: the rest of the report stands
        data.history_problem = error.message
    return data
