"""The event model: what one commit did to one project, field by field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import FrozenInstanceError, dataclass, fields, make_dataclass
from typing import Any

from portfolio.domain.field_types import Kind
from portfolio.domain.fields import FieldRegistry, registry
from portfolio.history.dates import is_implausible
from portfolio.history.entries import entries_json
from portfolio.history.json_floats import floats_alike

CREATED, CHANGED, RENAMED, DELETED, RESTORED = "created", "changed", "renamed", "deleted", "restored"
KINDS = (CREATED, CHANGED, RENAMED, DELETED, RESTORED)

Changes = Mapping[str, list]  # field -> [old, new]


def field_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, list]:
    """``field -> [old, new]`` for every field that differs (absent is None; lists and tables whole)."""
    old = old or {}
    new = new or {}
    places = registry().places
    # The fields either holds, not every field of the registry: written for every event of a history.
    # Successive versions share their unchanged values (SharedValues): the same object is no change.
    changed = [
        name
        for name, after in new.items()
        if name in places and (before := old.get(name)) is not after and before != after
    ]
    changed.extend(name for name, before in old.items() if name not in new and before is not None and name in places)
    if len(changed) > 1:
        changed.sort(key=places.__getitem__)
    return {name: [old.get(name), new.get(name)] for name in changed}


@dataclass(frozen=True, slots=True)
class MergeInfo:
    """The merge commit that brought a change into the current branch."""

    commit: str
    subject: str

    def to_json(self) -> dict[str, str]:
        return {"commit": self.commit, "subject": self.subject}


@dataclass(frozen=True, slots=True)
class Event:
    """What one commit did to one project file.

    ``changes`` maps each field that differs to ``[old, new]``; values are the file's data in JSON
    form (dates as ISO strings), absent values are None. An invalid version has ``invalid`` set
    and no changes: the next valid version is compared with the last valid one. ``values`` are
    the project's values after the event (the last valid ones; before a deletion for ``deleted``).
    Treat the mappings as read-only: they are shared.
    """

    id: str
    path: str
    old_path: str | None
    commit: str
    author: str
    email: str
    date: str  # author date, ISO 8601 with offset
    subject: str
    kind: str
    changes: Changes
    invalid: str | None
    merged_in: MergeInfo | None
    values: Mapping[str, Any] | None
    commit_date: str  # committer date: when the commit was made (the author date is when it was written)

    def to_json(self, *, with_id: bool = False) -> dict[str, Any]:
        """The event's data; ``entries`` (field -> per-entry changes) only when a list of tables changed."""
        data: dict[str, Any] = {"id": self.id} if with_id else {}
        data.update(
            {
                "commit": self.commit,
                "author": self.author,
                "email": self.email,
                "date": self.date,
                "subject": self.subject,
                "kind": self.kind,
                "changes": dict(self.changes),
                "invalid": self.invalid,
                "merged_in": self.merged_in.to_json() if self.merged_in else None,
                "path": self.path,
                "old_path": self.old_path,
            }
        )
        entries = entries_json(self.changes)
        if entries:
            data["entries"] = entries
        if is_implausible(self.date):
            data["implausible_date"] = True  # before 1970 or in the future: only then, like entries
        return data


# The kinds of values that hold no float once validated (a whole number is an int).
_FLOATLESS = frozenset(
    (
        Kind.TEXT,
        Kind.LONG_TEXT,
        Kind.WHOLE_NUMBER,
        Kind.DATE,
        Kind.CHOICE,
        Kind.CHOICES,
        Kind.TEXT_LIST,
        Kind.FLAG,
        Kind.DATES,
    )
)
_FLOAT_FIELDS: dict[int, tuple[FieldRegistry, tuple[str, ...]]] = {}


def _float_fields() -> tuple[str, ...]:
    """The fields of the registry in use whose values (or their entries' parts) may hold a float."""
    fields = registry()
    known = _FLOAT_FIELDS.get(id(fields))
    if known is None or known[0] is not fields:
        names = tuple(
            field.name
            for field in fields
            if field.kind not in _FLOATLESS
            and (field.entry is None or any(part.kind not in _FLOATLESS for part in field.entry.parts))
        )
        known = _FLOAT_FIELDS[id(fields)] = (fields, names)
    return known[1]


def json_written_alike(data: dict[str, Any]) -> bool:
    """Whether msgspec writes an event's ``to_json`` data as json.dumps does (``indented_json``): the
    floats of its changes, the only place they can be (its values are validated), spelled alike."""
    changes = data["changes"]
    for name in _float_fields():
        if name in changes and not floats_alike(changes[name]):
            return False
    return True


# A frozen dataclass sets each field through object.__setattr__: about 1.1 us for Event's fourteen
# fields, which is a third of loading a cached history of 10,000 events. The same slots filled
# through a plain twin class, after which the object takes its real class, cost about 0.25 us;
# the result is an ordinary Event (frozen, equal, same layout: CPython allows the class change
# only between classes with identical slots).
_EventSlots = make_dataclass("_EventSlots", [item.name for item in fields(Event)], slots=True)


def _make_fast(*values: Any) -> Event:
    event = _EventSlots(*values)
    event.__class__ = Event
    return event


def _fast_construction_works() -> bool:
    try:
        probe = _make_fast(*range(len(fields(Event))))
    except TypeError:  # an interpreter that does not allow the class change
        return False
    try:
        probe.id = "x"
    except FrozenInstanceError:
        return probe == Event(*range(len(fields(Event))))
    return False


make_event = _make_fast if _fast_construction_works() else Event
"""``make_event(id, path, ..., commit_date)``: the same as ``Event(...)``, built faster."""
