"""Entries of milestones, funding and KPIs in words, in the chosen language.

``Milestone “Gateways installed”: done``, ``Funding “Bund” added (Amount €5,000)``,
``KPI “Sensors”: Target 50 -> 80`` (German: ``Meilenstein „Gateways installiert“: erledigt``).
How a part reads is decided by its kind in the field registry: dates and numbers in the
language's style, vocabulary values by their labels, texts quoted, flags as a word.
"""

from __future__ import annotations

from typing import Any

from portfolio.domain.fields import EntryPart, EntryShape, Kind, Told
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_euros, format_number
from portfolio.history.entries import (
    ADDED,
    REMOVED,
    RENAMED,
    EntryChange,
    entry_changes,
    entry_shape,
    key_text,
    keyed_entries,
    part_names,
)
from portfolio.i18n import _, ngettext
from portfolio.textsafety import escape_control

NONE = "–"


def quoted(text: Any) -> str:
    """A user's text in the language's quotation marks: “Start” (English), „Start“ (German)."""
    return _("“{text}”").format(text=escape_control(str(text)))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _flag(part: EntryPart, value: Any) -> str:
    """A flag as a word: the part's label, lower-cased (``done``, ``erledigt``), or ``not done``.

    The label of a flag is a participle or an adjective (Done, Erledigt), which reads as the state
    once its first letter is small, in English as in German.
    """
    word = part.caption[:1].lower() + part.caption[1:]
    return word if value is True else _("not {flag}").format(flag=word)


def part_value_text(vocabulary: Vocabulary, part: EntryPart, value: Any) -> str:
    """One part's value (JSON form) as text: ``15.03.2027``, ``5.000 €``, ``bewilligt``, ``“EFRE”``."""
    if value is None:
        return NONE
    try:
        if part.kind is Kind.DATE:
            return format_date(value)
        if part.kind is Kind.DATES and isinstance(value, list):
            return ", ".join(format_date(item) for item in value) or NONE
        if part.kind is Kind.CHOICE and part.vocabulary:
            return escape_control(vocabulary.label(part.vocabulary, value))
        if part.told is Told.EUROS and _is_number(value):
            return format_euros(value)
        if part.kind is Kind.FLAG and isinstance(value, bool):
            return _flag(part, value)
    except (TypeError, ValueError, AttributeError):
        pass  # a value of the wrong type (from an invalid version): shown as it is
    if _is_number(value):
        return format_number(value)
    if isinstance(value, str):
        return quoted(value)
    return escape_control(str(value))


def _part(shape: EntryShape, name: str) -> EntryPart:
    """The part of the shape, or one made up for a key the registry does not know (an old version's)."""
    return shape.part(name) or EntryPart(name, Kind.TEXT, name)


def _part_text(vocabulary: Vocabulary, part: EntryPart, value: Any) -> str:
    """``Amount €5,000``; a flag by its word alone (``done``)."""
    if part.kind is Kind.FLAG:
        return _flag(part, value)
    return _("{part} {value}").format(part=part.caption, value=part_value_text(vocabulary, part, value))


def _part_change_text(vocabulary: Vocabulary, part: EntryPart, old: Any, new: Any) -> str:
    """``Due 2027-03-01 -> 2027-03-15``; a flag by its new state (``done``, ``not done``)."""
    if part.kind is Kind.FLAG:
        return _flag(part, new)
    return _("{part} {old} -> {new}").format(
        part=part.caption, old=part_value_text(vocabulary, part, old), new=part_value_text(vocabulary, part, new)
    )


def entry_change_text(vocabulary: Vocabulary, shape: EntryShape, change: EntryChange) -> str:
    """One entry's change in words: ``Milestone “Start”: Due 2027-03-01 -> 2027-03-15, done``."""
    noun, key = shape.caption, escape_control(key_text(change.key))
    if change.kind == REMOVED:
        return _("{entry} “{key}” removed").format(entry=noun, key=key)
    if change.kind == RENAMED:
        return _("{entry} “{key}” renamed to “{new}”").format(
            entry=noun, key=key, new=escape_control(key_text(change.new_key))
        )
    if change.kind == ADDED:
        details = [
            _part_text(vocabulary, _part(shape, name), new)
            for name, (_old, new) in change.parts.items()
            if name not in shape.key_parts
        ]
        if not details:
            return _("{entry} “{key}” added").format(entry=noun, key=key)
        return _("{entry} “{key}” added ({parts})").format(entry=noun, key=key, parts=", ".join(details))
    items = [_part_change_text(vocabulary, _part(shape, name), old, new) for name, (old, new) in change.parts.items()]
    if change.position is not None:
        items.append(_("position {old} -> {new}").format(old=change.position[0], new=change.position[1]))
    return _("{entry} “{key}”: {changes}").format(entry=noun, key=key, changes=", ".join(items))


def entry_change_lines(vocabulary: Vocabulary, name: str, old: Any, new: Any) -> list[str] | None:
    """The changes of a list-of-tables field, one text per entry; None for any other field or unreadable values."""
    shape = entry_shape(name)
    changes = entry_changes(name, old, new) if shape else None
    if not changes:
        return None
    return [escape_control(entry_change_text(vocabulary, shape, change)) for change in changes]


def entry_text(vocabulary: Vocabulary, shape: EntryShape, table: dict[str, Any]) -> str:
    """One entry as it is: ``“Start”: Due 2027-03-15, done``."""
    key = quoted(key_text(tuple(table.get(part, "?") for part in shape.key_parts)))
    details = [
        _part_text(vocabulary, _part(shape, name), table[name])
        for name in part_names(shape, (table,))
        if name in table and name not in shape.key_parts
    ]
    return _("{key}: {parts}").format(key=key, parts=", ".join(details)) if details else key


def table_value_text(name: str, value: Any) -> str | None:
    """A whole list of tables in a line, by its entries' keys (``“Start”, “Go-live”``); None for other fields."""
    shape = entry_shape(name)
    if shape is None or not isinstance(value, list):
        return None
    if not value:
        return NONE
    entries = keyed_entries(value, shape.key)
    if entries is None:
        return ngettext("{count} entry", "{count} entries", len(value)).format(count=len(value))
    return ", ".join(quoted(key_text(key)) for key in entries)
