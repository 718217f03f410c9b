"""Changes of project fields as text, in the chosen language: history, log, diff and import show them alike.

Values come in the history's JSON form (dates as ISO text). Vocabulary values are shown by their
labels, dates and amounts in the language's style, text quoted (one line, control characters
escaped). A list of tables (milestones, funding, KPIs) is told entry by entry
(``portfolio.history.entry_texts``), never as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from portfolio.domain.fields import Told, field_caption, registry
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date, format_euros, format_number
from portfolio.history.entry_texts import entry_change_lines, table_value_text
from portfolio.i18n import _
from portfolio.textsafety import escape_control


def value_text(vocabulary: Vocabulary, name: str, value: Any) -> str:
    """One field's value (JSON form) as one line of text; a list of tables by its entries' keys."""
    field = registry().get(name)
    told = field.told if field else Told.VALUE
    if told is Told.FLAG and value in (None, True, False):
        # An absent key is the model's default (a project is public unless it says public = false).
        return _("yes") if (field.default if value is None else value) else _("no")
    if value is None:
        return "–"
    table = table_value_text(name, value)
    if table is not None:
        return table
    try:
        if told is Told.LABEL:
            return vocabulary.label(field.vocabulary, value)
        if told is Told.LABELS:
            return ", ".join(vocabulary.label(field.vocabulary, slug) for slug in value)
        if told is Told.DATE:
            return format_date(value)
        if told is Told.EUROS and isinstance(value, (int, float)) and not isinstance(value, bool):
            return format_euros(value)
        if told is Told.PLAIN:
            return str(value)
    except (TypeError, ValueError, AttributeError):
        pass  # a value of the wrong type (from an invalid version): shown as it is
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(escape_control(item) for item in value)
    return escape_control(json.dumps(value, ensure_ascii=False))


def change_lines(vocabulary: Vocabulary, changes: Mapping[str, list]) -> list[str]:
    """``Caption: old -> new`` for each changed field; one line per changed entry of a list of tables."""
    lines = []
    for name, (old, new) in changes.items():
        entries = entry_change_lines(vocabulary, name, old, new)
        if entries:
            lines.extend(entries)
            continue
        lines.append(
            escape_control(
                _("{field}: {old} -> {new}").format(
                    field=field_caption(name),
                    old=value_text(vocabulary, name, old),
                    new=value_text(vocabulary, name, new),
                )
            )
        )
    return lines


# Values whose change lines can be kept by value: the type is part of the key (1 and True are
# equal as keys but are written differently). No floats: 0.0 and -0.0 are equal keys too.
_KEPT_TYPES = frozenset({str, int, bool, type(None)})


class ChangeLines:
    """``change_lines`` for the many events of one output, each distinct change of a field told once.

    In a long history the same change recurs thousands of times (a status moving from one stage
    to the next, a flag turned on, a project created in the same municipalities); its lines are
    made once and then looked up. Values are read-only (as everywhere in the history).
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._kept: dict[tuple, list[str]] = {}
        # Lists, tables and floats by the objects themselves: the history's versions share equal
        # values (SharedValues), so a list of municipalities is one object wherever it recurs. The
        # objects are kept with their lines, so that their ids stay theirs while they are looked up.
        self._kept_objects: dict[tuple, tuple[Any, Any, list[str]]] = {}

    def __call__(self, changes: Mapping[str, list]) -> list[str]:
        lines: list[str] = []
        for name, pair in changes.items():
            old, new = pair
            if type(old) in _KEPT_TYPES and type(new) in _KEPT_TYPES:
                key = (name, type(old), old, type(new), new)
                told = self._kept.get(key)
                if told is None:
                    told = self._kept[key] = change_lines(self.vocabulary, {name: pair})
            else:
                key = (name, id(old), id(new))
                kept = self._kept_objects.get(key)
                if kept is None:
                    kept = self._kept_objects[key] = (old, new, change_lines(self.vocabulary, {name: pair}))
                told = kept[2]
            lines.extend(told)
        return lines


def diff_text(diff, vocabulary: Vocabulary) -> str:
    """A ``PortfolioDiff`` as the lines ``portfolio diff`` prints (empty when nothing changed)."""
    lines = []
    for project_id, values in diff.added.items():
        lines.append(escape_control(_("added    {id}: {title}").format(id=project_id, title=values.get("title"))))
    for project_id in diff.removed:
        lines.append(escape_control(_("removed  {id}").format(id=project_id)))
    for old, new in diff.renamed.items():
        lines.append(escape_control(_("renamed  {old} -> {new}").format(old=old, new=new)))
    for project_id, changes in diff.changed.items():
        lines.append(escape_control(_("changed  {id}").format(id=project_id)))
        lines.extend("    " + line for line in change_lines(vocabulary, changes))
    for project_id, reason in diff.invalid.items():
        lines.append(escape_control(_("invalid  {id}: {reason}").format(id=project_id, reason=reason)))
    for path, reason in diff.not_project_files.items():
        lines.append(escape_control(_("not a project file  {path}: {reason}").format(path=path, reason=reason)))
    return "\n".join(lines)


def kind_text(kind: str) -> str:
    """An event's kind (created, changed, ...) in the chosen language."""
    return {
        "created": _("created"),
        "changed": _("changed"),
        "renamed": _("renamed"),
        "deleted": _("deleted"),
        "restored": _("restored"),
    }.get(kind, kind)
