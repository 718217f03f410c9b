"""Changes of a list-of-tables field (milestones, funding, KPIs), entry by entry.

An entry is known by its key part (``EntryShape.key`` of the field registry: a milestone by its
title, a funding line by its source, a KPI by its name; the model keeps it unique within the list).
Old and new entries are matched by that key. An entry whose key changed cannot be matched by it:
when the old entry and the new one stand at the same place and nothing but the key differs, it is
told as renamed (a corrected title is the common case, and "removed X, added Y" would hide that
the deadline and state stayed); when anything else changed too, nobody can tell that it is the same
entry, and it is told as it looks: the old one removed, the new one added.

Values come in the history's JSON form (dates as ISO text). ``entry_changes`` answers None for a
value it cannot read entry by entry (not a list of tables with unique keys, from an invalid
version); the texts then tell the field as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from portfolio.domain.fields import EntryShape, Kind, registry
from portfolio.textsafety import escape_control

ADDED, REMOVED, CHANGED, RENAMED, MOVED = "added", "removed", "changed", "renamed", "moved"

Entries = dict[Any, Mapping[str, Any]]  # key -> the entry's table, in the list's order


@dataclass(frozen=True, slots=True)
class EntryChange:
    """What happened to one entry.

    ``parts`` maps each part that differs to ``(old, new)`` (for an added entry every part it has,
    old None; for a removed one every part it had, new None). ``new_key`` is set for a renamed entry,
    ``position`` (old, new; counted from 1) for an entry that changed its place among the others.
    """

    kind: str  # added, removed, changed (parts, maybe a new position), renamed, moved (only its place)
    key: Any
    parts: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    new_key: Any = None
    position: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"entry": key, "change": kind, ...}`` with ``parts`` (part -> [old, new]), ``renamed_to``, ``position``."""
        data: dict[str, Any] = {"entry": _safe(self.key), "change": self.kind}
        if self.new_key is not None:
            data["renamed_to"] = _safe(self.new_key)
        if self.parts:
            data["parts"] = {_safe(name): [_safe(old), _safe(new)] for name, (old, new) in self.parts.items()}
        if self.position is not None:
            data["position"] = list(self.position)
        return data


def _safe(value: Any) -> Any:
    """A value for JSON output, control characters escaped in its texts (JSON escapes only C0)."""
    if isinstance(value, str):
        return escape_control(value)
    if isinstance(value, list):
        return [_safe(item) for item in value]
    if isinstance(value, dict):
        return {_safe(key): _safe(item) for key, item in value.items()}
    return value


def entry_shape(name: str) -> EntryShape | None:
    """What one entry of the field is, for a list-of-tables field; None for every other field."""
    project_field = registry().get(name)
    if project_field is None or project_field.kind is not Kind.TABLE_LIST:
        return None
    return project_field.entry


def keyed_entries(value: Any, key: str | tuple[str, ...]) -> Entries | None:
    """key -> entry of a list of tables (absent: empty); None when it is not one with unique, hashable keys.

    ``key``: the part an entry is known by, or several (``EntryShape.key``): the key is then the
    tuple of their values."""
    if value is None:
        return {}
    if not isinstance(value, list):
        return None
    entries: Entries = {}
    for item in value:
        names = key if isinstance(key, tuple) else (key,)
        if not isinstance(item, dict) or any(part not in item for part in names):
            return None
        values = tuple(item[part] for part in names)
        if not all(isinstance(part, (str, int, float, bool)) for part in values):
            return None
        name = values if isinstance(key, tuple) else values[0]
        if name in entries:
            return None
        entries[name] = item
    return entries


def key_text(key: Any) -> str:
    """An entry's key as one text: a key of several parts (a decision's body and date) joined by spaces."""
    return " ".join(str(part) for part in key) if isinstance(key, tuple | list) else str(key)


def part_names(shape: EntryShape, tables: Iterable[Mapping[str, Any]]) -> list[str]:
    """The shape's parts in their order, then any other key the tables hold (from an old or invalid version)."""
    names = [part.name for part in shape.parts]
    for table in tables:
        names.extend(name for name in table if name not in names)
    return names


def _differing(shape: EntryShape, old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (old.get(name), new.get(name)) for name in part_names(shape, (old, new)) if old.get(name) != new.get(name)
    }


def _renames(shape: EntryShape, old: Entries, new: Entries) -> dict[Any, Any]:
    """old key -> new key of the entries at the same place whose only difference is their key."""
    old_keys, new_keys = list(old), list(new)
    renames = {}
    for index in range(min(len(old_keys), len(new_keys))):
        before, after = old_keys[index], new_keys[index]
        if before in new or after in old:
            continue
        differing = set(_differing(shape, old[before], new[after]))
        if differing and differing <= set(shape.key_parts):
            renames[before] = after
    return renames


def _moved(old_order: list, new_order: list) -> set:
    """The entries kept in both lists that changed their place among the others kept.

    The entries of the longest common order stay where they were; the others moved (an entry
    added or removed before another does not move it).
    """
    matcher = SequenceMatcher(None, old_order, new_order, autojunk=False)
    stayed = {item for block in matcher.get_matching_blocks() for item in new_order[block.b : block.b + block.size]}
    return set(new_order) - stayed


def _all_parts(shape: EntryShape, table: Mapping[str, Any], *, old: bool) -> dict[str, tuple[Any, Any]]:
    """Every part an added (or removed, ``old``) entry has, in the shape's order."""
    names = [name for name in part_names(shape, (table,)) if name in table]
    return {name: (table[name], None) if old else (None, table[name]) for name in names}


def entry_changes(name: str, old: Any, new: Any) -> list[EntryChange] | None:
    """The changes of each entry of the list-of-tables field ``name`` from ``old`` to ``new``.

    Removed entries first (in the old order), then the others in the new list's order. None when
    ``name`` is no list-of-tables field or a value cannot be read entry by entry.
    """
    shape = entry_shape(name)
    if shape is None:
        return None
    before, after = keyed_entries(old, shape.key), keyed_entries(new, shape.key)
    if before is None or after is None:
        return None
    renames = _renames(shape, before, after)
    renamed_to = {new_key: old_key for old_key, new_key in renames.items()}
    # An entry is the same one under its old key: renamed entries keep their place in the order.
    old_order = [key for key in before if key in after or key in renames]
    new_order = [renamed_to.get(key, key) for key in after if key in before or key in renamed_to]
    moved = _moved(old_order, new_order)
    old_places = {key: place for place, key in enumerate(before, 1)}
    changes = [
        EntryChange(REMOVED, key, _all_parts(shape, table, old=True))
        for key, table in before.items()
        if key not in after and key not in renames
    ]
    for place, (key, table) in enumerate(after.items(), 1):
        if key in renamed_to:
            changes.append(EntryChange(RENAMED, renamed_to[key], new_key=key))
        elif key not in before:
            changes.append(EntryChange(ADDED, key, _all_parts(shape, table, old=False)))
        else:
            parts = _differing(shape, before[key], table)
            position = (old_places[key], place) if key in moved else None
            if parts or position:
                changes.append(EntryChange(CHANGED if parts else MOVED, key, parts, position=position))
    return changes


def table_changes(changes: Mapping[str, list]) -> dict[str, list[EntryChange]]:
    """field -> its entry changes, for every list-of-tables field among a version's ``changes``."""
    if registry().table_names.isdisjoint(changes):  # most changes (written for every event of a log)
        return {}
    found = {}
    for name, (old, new) in changes.items():
        if entry_shape(name) is None:
            continue
        entries = entry_changes(name, old, new)
        if entries:
            found[name] = entries
    return found


def entries_json(changes: Mapping[str, list]) -> dict[str, list[dict[str, Any]]]:
    """The ``entries`` of a JSON output: field -> one object per changed entry (see ``EntryChange.to_json``)."""
    return {name: [change.to_json() for change in entries] for name, entries in table_changes(changes).items()}
