"""The three-way merge of one project, field by field (pure functions: no files, no git).

Rules (issue 5):
- a field changed on one side only takes that side; the same change on both sides merges;
- list fields of text (municipalities, fields_of_action, topics, partners, links, depends_on) merge
  as sets: additions from both sides are kept, removals from both sides are applied, in a stable
  order (our order first, their additions after the item they follow on their side);
- lists of tables (funding, milestones, kpis) merge item by item, an item identified by its first
  key (source, title, name); an item changed on both sides merges key by key;
- only a value changed differently on both sides is a conflict, reported by field (and item).

Because the first field of action is the project's primary one, two different new primary fields
are a conflict too, even though the list otherwise merges as a set.

Values are the project's full data (``Project.model_dump()``: every key, ``None`` for unset ones).
``base`` is ``None`` when both sides added the file independently (no common ancestor).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from portfolio.domain.fields import LIST_KINDS, Kind, registry
from portfolio.domain.project_record import entry_class
from portfolio.i18n import _

# Lists whose first item means something of its own (the primary field of action).
FIRST_ITEM_MATTERS: tuple[str, ...] = ("fields_of_action",)

_MISSING = object()  # no base version of a value: both sides added it independently


def table_key(field_name: str) -> str | tuple[str, ...]:
    """The key (or keys) that identify a table in a list of tables: its ``EntryShape.key`` in the registry."""
    return registry()[field_name].entry.key


def _key_of(table: dict, key: str | tuple[str, ...]) -> Any:
    """A table's identity: its key's value; for several keys their values joined ("Kreistag 2026-03-01")."""
    return " ".join(str(table[part]) for part in key) if isinstance(key, tuple) else table[key]


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same TOML type (so that 1 and 1.0, or 1 and true, stay different)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    return a == b


@dataclass(frozen=True)
class FieldConflict:
    """A value that both sides changed differently (or a merge that would not be valid)."""

    field: str
    kind: str  # "both-changed", "removed-and-changed", "primary", "invalid"
    ours: Any
    theirs: Any
    item: str | None = None  # the key of a table in a list of tables
    subfield: str | None = None
    detail: str = ""

    @property
    def where(self) -> str:
        """``status``, ``milestones["Kick-off"]``, ``milestones["Kick-off"].due``."""
        text = self.field
        if self.item is not None:
            text += "[" + _quoted(self.item) + "]"
        if self.subfield is not None:
            text += "." + self.subfield
        return text

    def summary(self) -> dict[str, Any]:
        """What a message about this conflict needs, as JSON-safe values."""
        ours, theirs = self.ours, self.theirs
        if self.kind == "primary":
            ours, theirs = (ours[0] if ours else None), (theirs[0] if theirs else None)
        return {
            "field": self.field,
            "item": self.item,
            "subfield": self.subfield,
            "where": self.where,
            "kind": self.kind,
            "ours": _shown(ours),
            "theirs": _shown(theirs),
            "removed_by": "ours" if self.ours is None else "theirs" if self.theirs is None else None,
            "detail": self.detail,
        }

    def describe(self, labels: tuple[str, str] = ("ours", "theirs")) -> str:
        return describe_conflict(self.summary(), labels)


def describe_conflict(summary: dict[str, Any], labels: tuple[str, str] = ("ours", "theirs")) -> str:
    """A sentence about a conflict; ``labels`` name the sides (in a rebase, ours is the upstream)."""
    names = {"ours": labels[0], "theirs": labels[1]}
    where, kind = summary["where"], summary["kind"]
    if kind == "both-changed":
        return _("{where} was changed on both sides: {ours_label} {ours}, {theirs_label} {theirs}").format(
            where=where, ours_label=labels[0], ours=summary["ours"], theirs_label=labels[1], theirs=summary["theirs"]
        )
    if kind == "removed-and-changed":
        removed_by = summary["removed_by"] or "ours"
        changed_by = "theirs" if removed_by == "ours" else "ours"
        return _("{where} was removed on one side ({removed}) and changed on the other ({changed})").format(
            where=where, removed=names[removed_by], changed=names[changed_by]
        )
    if kind == "primary":
        return _(
            "{where}: both sides chose a different primary field of action: {ours_label} {ours}, "
            "{theirs_label} {theirs}"
        ).format(
            where=where, ours_label=labels[0], ours=summary["ours"], theirs_label=labels[1], theirs=summary["theirs"]
        )
    return _("{where}: the merged value would not be valid: {detail}").format(where=where, detail=summary["detail"])


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(value: Any) -> str:
    if value is None:
        return _("(not set)")
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@dataclass
class TableRow:
    """One table of a merged list of tables: the merged table, or the conflict of both sides."""

    key: str
    table: dict[str, Any] | None
    ours: dict[str, Any] | None = None
    theirs: dict[str, Any] | None = None
    conflicts: list[FieldConflict] = field(default_factory=list)
    merged: dict[str, Any] | None = None  # a conflicting table's keys as merged (ours where they conflict)


@dataclass
class MergeResult:
    """Merged values of every field; where a value conflicts it holds ours (see ``conflicts``)."""

    data: dict[str, Any]
    conflicts: list[FieldConflict]
    rows: dict[str, list[TableRow]]  # lists of tables, row by row (with conflicting rows)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _merge_value(name: str, base: Any, ours: Any, theirs: Any, **where: Any) -> tuple[Any, FieldConflict | None]:
    if _same(ours, theirs):
        return ours, None
    if base is not _MISSING and _same(ours, base):
        return theirs, None
    if base is not _MISSING and _same(theirs, base):
        return ours, None
    return ours, FieldConflict(name, "both-changed", ours, theirs, **where)


def merged_order(
    ours: list[Hashable], theirs: list[Hashable], base: list[Hashable], present: set[Hashable]
) -> list[Hashable]:
    """Our order of the items still present, their additions after the item they follow on their side.

    Their item goes after our own additions that follow the same item, so that two appends end up
    as "ours, then theirs".
    """
    result = [item for item in ours if item in present]
    known = set(base) | set(theirs)
    for index, item in enumerate(theirs):
        if item not in present or item in result:
            continue
        position = 0
        for previous in reversed(theirs[:index]):
            if previous in result:
                position = result.index(previous) + 1
                break
        while position < len(result) and result[position] not in known:
            position += 1
        result.insert(position, item)
    return result


def _merge_set(name: str, base: list, ours: list, theirs: list) -> tuple[list, FieldConflict | None]:
    if _same(ours, theirs):
        return ours, None
    if _same(ours, base):
        return theirs, None
    if _same(theirs, base):
        return ours, None
    removed = {item for item in base if item not in ours or item not in theirs}
    present = (set(ours) | set(theirs)) - removed
    merged = merged_order(ours, theirs, base, present)
    if name in FIRST_ITEM_MATTERS:
        merged, conflict = _merge_first_item(name, base, ours, theirs, merged)
        return merged, conflict
    return merged, None


def _merge_first_item(
    name: str, base: list, ours: list, theirs: list, merged: list
) -> tuple[list, FieldConflict | None]:
    base_first = base[0] if base else _MISSING
    ours_first = ours[0] if ours else None
    theirs_first = theirs[0] if theirs else None
    ours_moved = ours_first != base_first
    theirs_moved = theirs_first != base_first
    if (
        (ours_moved and theirs_moved and ours_first != theirs_first)
        or (ours_moved and ours_first is not None and ours_first not in merged)
        or (theirs_moved and theirs_first is not None and theirs_first not in merged)
    ):
        return merged, FieldConflict(name, "primary", ours, theirs)
    chosen = ours_first if ours_moved else theirs_first if theirs_moved else base_first
    if chosen in merged and merged[0] != chosen:
        merged = [chosen] + [item for item in merged if item != chosen]
    return merged, None


def _merge_tables(name: str, base: list[dict], ours: list[dict], theirs: list[dict]) -> list[TableRow]:
    key = table_key(name)
    if _same(ours, theirs) or _same(theirs, base):
        return [TableRow(_key_of(table, key), table) for table in ours]
    if _same(ours, base):
        return [TableRow(_key_of(table, key), table) for table in theirs]
    by_key = [{_key_of(table, key): table for table in tables} for tables in (base, ours, theirs)]
    base_map, ours_map, theirs_map = by_key
    rows: dict[str, TableRow] = {}
    for item in dict.fromkeys([*ours_map, *theirs_map, *base_map]):
        old, mine, other = base_map.get(item), ours_map.get(item), theirs_map.get(item)
        if _same(mine, other):
            resolved: Any = mine
        elif old is None and (mine is None or other is None):
            resolved = mine if other is None else other  # added on one side only
        elif old is not None and _same(mine, old):
            resolved = other
        elif old is not None and _same(other, old):
            resolved = mine
        elif mine is None or other is None:
            conflict = FieldConflict(name, "removed-and-changed", mine, other, item=item)
            rows[item] = TableRow(item, None, mine, other, [conflict])
            continue
        else:
            rows[item] = _merge_table(name, item, old, mine, other)
            continue
        if resolved is not None:
            rows[item] = TableRow(item, resolved)
    order = merged_order(list(ours_map), list(theirs_map), list(base_map), set(rows))
    return [rows[item] for item in order]


def _merge_table(name: str, item: str, base: dict | None, ours: dict, theirs: dict) -> TableRow:
    merged, conflicts = {}, []
    for key in ours:
        old = base[key] if base is not None else _MISSING
        merged[key], conflict = _merge_value(name, old, ours[key], theirs[key], item=item, subfield=key)
        if conflict:
            conflicts.append(conflict)
    if conflicts:
        return TableRow(item, None, ours, theirs, conflicts, merged)
    return TableRow(item, merged)


def merge_project_data(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]) -> MergeResult:
    """Merge the full data of three versions of a project (see the module's rules)."""
    data: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    rows: dict[str, list[TableRow]] = {}
    for entry in registry():
        name = entry.name
        mine, other = ours[name], theirs[name]
        if entry.kind is Kind.TABLE_LIST:
            table_rows = _merge_tables(name, base[name] if base else [], mine, other)
            rows[name] = table_rows
            conflicts.extend(conflict for row in table_rows for conflict in row.conflicts)
            data[name] = [row.table for row in table_rows if row.table is not None]
            continue
        if entry.kind in LIST_KINDS:
            value, conflict = _merge_set(name, base[name] if base else [], mine, other)
        else:
            value, conflict = _merge_value(name, base[name] if base else _MISSING, mine, other)
        data[name] = value
        if conflict:
            conflicts.append(conflict)
    return MergeResult(data, conflicts, rows)


def file_table(name: str, table: dict[str, Any]) -> dict[str, Any]:
    """A table of a list of tables as a file holds it: unset and default values left out."""
    defaults = entry_class(name).defaults()
    required = {part.name for part in registry().get(name).entry.parts if part.required}
    return {
        key: value
        for key, value in table.items()
        if value is not None and (key in required or not _same(value, defaults[key]))
    }


def file_data(data: dict[str, Any]) -> dict[str, Any]:
    """The merged data as a file holds it: unset values and empty optional lists left out."""
    result = {}
    for name, value in data.items():
        if value is None or (value == [] and not registry().get(name).required):
            continue
        if registry().get(name).kind is Kind.TABLE_LIST:
            value = [file_table(name, table) for table in value]
        result[name] = value
    return result
