"""Views of one computed history: events, one project's history, status at a date, timeline, blame."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from portfolio.domain.fields import registry
from portfolio.domain.ids import is_valid_id, project_id_of, project_relpath
from portfolio.errors import ProjectNotFound
from portfolio.history.dates import implausible_dates
from portfolio.history.derive import KEY, VALID, HistoryState
from portfolio.history.entries import entry_shape, key_text, keyed_entries
from portfolio.history.events import DELETED, Event, MergeInfo
from portfolio.history.timeline import TimelinePeriod, status_timeline
from portfolio.i18n import _
from portfolio.textsafety import escape_control


@dataclass(frozen=True, slots=True)
class EntryBlame:
    """Which commit last set one entry (a milestone, a funding line, a KPI) to what it is now."""

    key: Any  # what the entry is known by: its title, source or name
    value: Mapping[str, Any]  # the entry as it is now
    commit: str
    author: str
    email: str
    date: str
    subject: str
    merged_in: MergeInfo | None

    def to_json(self) -> dict[str, Any]:
        return {
            "entry": escape_control(key_text(self.key)),
            "commit": self.commit,
            "author": self.author,
            "email": self.email,
            "date": self.date,
            "subject": self.subject,
            "merged_in": self.merged_in.to_json() if self.merged_in else None,
        }


@dataclass(frozen=True, slots=True)
class FieldBlame:
    """Which commit last set one field of the current version of a project; for a list of tables, each entry too."""

    field: str
    value: Any
    commit: str
    author: str
    email: str
    date: str
    subject: str
    merged_in: MergeInfo | None
    entries: tuple[EntryBlame, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The field's blame; ``entries`` (one per entry, in the list's order) for a list of tables."""
        data = {
            "field": self.field,
            "value": self.value,
            "commit": self.commit,
            "author": self.author,
            "email": self.email,
            "date": self.date,
            "subject": self.subject,
            "merged_in": self.merged_in.to_json() if self.merged_in else None,
        }
        if self.entries:
            data["entries"] = [entry.to_json() for entry in self.entries]
        return data


def _sets_entry(change: list, key_part: str, key: Any, table: Mapping[str, Any]) -> bool:
    """Whether a change of a list of tables made the entry ``key`` what ``table`` is (it was not so before)."""
    old, new = change
    after = keyed_entries(new, key_part) or {}
    before = keyed_entries(old, key_part) or {}
    return after.get(key) == table and before.get(key) != table


def _entry_blames(name: str, value: Any, events: list[Event], fallback: Event) -> tuple[EntryBlame, ...]:
    """For each entry of the current list of tables ``value``: the newest event that set it so."""
    shape = entry_shape(name)
    entries = keyed_entries(value, shape.key) if shape else None
    blamed = []
    for key, table in (entries or {}).items():
        found = next(
            (
                event
                for event in events
                if event.kind != DELETED
                and name in event.changes
                and _sets_entry(event.changes[name], shape.key, key, table)
            ),
            fallback,
        )
        blamed.append(
            EntryBlame(key, table, found.commit, found.author, found.email, found.date, found.subject, found.merged_in)
        )
    return tuple(blamed)


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


class History:
    """Read-only views of one computed history (see ``portfolio.history.engine.compute``)."""

    def __init__(self, state: HistoryState) -> None:
        self.state = state

    @property
    def tip(self) -> str | None:
        """The commit this history was computed at (None: a repository without commits)."""
        return self.state.tip

    # -- events ----------------------------------------------------------------------------
    @cached_property
    def events(self) -> list[Event]:
        """Every event of every project, newest first (children before parents, like git log)."""
        return self.state.events[::-1]

    def implausible_dates(self) -> list[tuple[str, str]]:
        """``(commit, date)`` of each commit dated before 1970 or in the future (author or commit date)."""
        dated = [(event.commit, event.date) for event in self.state.events]
        dated += [(event.commit, event.commit_date) for event in self.state.events]
        dated += zip(self.state.mainline, self.state.mainline_dates)
        return implausible_dates(dated)

    def known_ids(self) -> set[str]:
        ids = set()
        for event in self.state.events:
            ids.add(project_id_of(event.path))
            if event.old_path:
                ids.add(project_id_of(event.old_path))
        ids.discard(None)
        return ids

    def project_events(self, project_id: str) -> list[Event]:
        """The events of one project, newest first, following renames back to its first name.

        An old id (renamed or deleted) answers with its history up to the rename or deletion.
        Raises ProjectNotFound when no commit ever had ``projects/<id>.toml``.
        """
        path = project_relpath(project_id)
        tracked = {path}
        chosen = []
        for event in reversed(self.state.events):
            if event.path in tracked or event.old_path in tracked:
                chosen.append(event)
                if event.path in tracked and event.old_path:
                    tracked.add(event.old_path)
        if not chosen:
            if not is_valid_id(project_id):
                raise ProjectNotFound(_("{id!r} is not a valid project id").format(id=project_id))
            raise ProjectNotFound(
                _("no commit of the current branch has a project {id!r} ({path})").format(id=project_id, path=path)
            )
        return chosen

    # -- the state of the branch -----------------------------------------------------------
    def _position_at(self, when: date | datetime) -> int:
        """The newest first-parent commit made at or before ``when`` (-1: none)."""
        dates = self.state.mainline_dates
        if isinstance(when, datetime):
            moment = when if when.tzinfo else when.replace(tzinfo=UTC)
            matches = (pos for pos in range(len(dates) - 1, -1, -1) if _instant(dates[pos]) <= moment)
        else:
            day = when.isoformat()
            matches = (pos for pos in range(len(dates) - 1, -1, -1) if dates[pos][:10] <= day)
        return next(matches, -1)

    def values_at_position(self, pos: int) -> dict[str, Mapping[str, Any]]:
        """id -> the last valid values of every project present at mainline position ``pos``."""
        state = self.state
        result = {}
        if pos < 0:
            return result
        for path in state.path_history:
            entry = state.key_on_mainline(path, pos)
            if entry is None or entry[KEY] is None or entry[VALID] is None:
                continue
            result[project_id_of(path)] = state.versions[entry[VALID]]
        return result

    def status_at(self, when: date | datetime) -> dict[str, str]:
        """id -> status of every project on the current branch at ``when``.

        A date means the end of that day in each commit's own time zone; a datetime without a
        time zone is taken as UTC. Projects whose file was never valid are left out.
        """
        values = self.values_at_position(self._position_at(when))
        return {project_id: data["status"] for project_id, data in sorted(values.items())}

    def current_values(self) -> dict[str, Mapping[str, Any]]:
        return self.values_at_position(len(self.state.mainline) - 1)

    def timeline(
        self, by: str = "month", statuses: Iterable[str] = (), paths: Collection[str] | None = None
    ) -> list[TimelinePeriod]:
        """Counts per status at the end of each period, from the first commit to the newest one (of the
        files at ``paths`` only, when given: a project's earlier path before a rename is not followed)."""
        return status_timeline(self.state, by, statuses, paths)

    # -- blame -----------------------------------------------------------------------------
    def blame(self, project_id: str) -> list[FieldBlame]:
        """For each field of the current version: the commit that last set it to its value."""
        events = self.project_events(project_id)
        state = self.state
        entry = state.key_on_mainline(project_relpath(project_id), len(state.mainline) - 1)
        if entry is None or entry[KEY] is None:
            last = events[0]
            raise ProjectNotFound(
                _(
                    "project {id!r} is not in the current version (last change: {kind} in commit {commit}); "
                    "'portfolio history {id}' shows its history"
                ).format(id=project_id, kind=last.kind, commit=last.commit[:12])
            )
        if entry[VALID] is None:
            raise ProjectNotFound(_("project {id!r} has never had a valid version").format(id=project_id))
        current = state.versions[entry[VALID]]
        blamed = []
        for name in registry().names:
            if name not in current:
                continue
            value = current[name]
            found = next(
                (
                    event
                    for event in events
                    if name in event.changes and event.changes[name][1] == value and event.kind != DELETED
                ),
                events[-1],
            )
            blamed.append(
                FieldBlame(
                    name,
                    value,
                    found.commit,
                    found.author,
                    found.email,
                    found.date,
                    found.subject,
                    found.merged_in,
                    _entry_blames(name, value, events, found),
                )
            )
        return blamed
