"""A project as a form shows it: text per field, and back to a validated project with errors per field.

The terminal UI's form holds texts and choices, and for milestones, funding and KPIs rows of parts
(``fields.EntryShape``); this module turns them into a ``ProjectRecord`` (through the same conversions as
``portfolio set KEY=VALUE``) and maps every validation error to the field it concerns, and for a
row to the row and part, so that the form can show it next to them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from portfolio.changes.assignments import BadAssignment, part_from_text, value_from_text
from portfolio.domain.fields import EntryShape, Kind, registry
from portfolio.domain.parsing import parse_project
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.vocabulary import Vocabulary
from portfolio.files.reading import validation_problems
from portfolio.formats import format_number


@dataclass(frozen=True)
class Draft:
    """The outcome of checking a form: the project when valid, else the messages per field name."""

    project: ProjectRecord | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    # The messages of a row of a list-of-tables field, by (field, row, part); part "" for the whole row.
    at: dict[tuple[str, int, str], list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return self.project is not None

    def unplaced(self, name: str) -> list[str]:
        """The messages of a field that concern no single row (for a field without rows: all of them)."""
        rest = list(self.errors.get(name, []))
        for (field_name, _row, _part), messages in self.at.items():
            for message in messages if field_name == name else ():
                if message in rest:
                    rest.remove(message)
        return rest


def _inline_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    # A JSON string is a valid TOML basic string (TOML knows \" \\ \n \t and \uXXXX).
    return json.dumps(str(value), ensure_ascii=False)


def inline_tables(items: list[dict[str, Any]]) -> str:
    """``[{title = "Start", due = 2026-01-31}]``: how a list of tables is typed into one line."""
    tables = ["{" + ", ".join(f"{key} = {_inline_value(value)}" for key, value in item.items()) + "}" for item in items]
    return "[" + ", ".join(tables) + "]"


def form_texts(project: ProjectRecord) -> dict[str, Any]:
    """The value of every field as the form shows it: text, or a list of slugs for the choices."""
    data = project.to_data()
    texts: dict[str, Any] = {}
    for entry in registry():
        name, value = entry.name, data.get(entry.name)
        if entry.kind is Kind.CHOICES:
            texts[name] = list(value or [])
        elif entry.kind is Kind.TEXT_LIST:
            items = value or []
            # Items that hold a comma are written as a TOML array, which the form reads back as such.
            if any("," in item for item in items):
                texts[name] = "[" + ", ".join(_inline_value(item) for item in items) + "]"
            else:
                texts[name] = ", ".join(items)
        elif entry.kind is Kind.TABLE_LIST and entry.entry is not None:
            texts[name] = [entry_texts(entry.entry, item) for item in value or []]
        elif entry.kind is Kind.TABLE_LIST:
            texts[name] = inline_tables(value) if value else ""
        elif entry.kind is Kind.FLAG:
            texts[name] = getattr(project, name)  # a checkbox: the value, the default too
        elif value is None:
            texts[name] = ""
        elif isinstance(value, date):
            texts[name] = value.isoformat()
        else:
            texts[name] = value if isinstance(value, int) else str(value)
    return texts


def entry_texts(shape: EntryShape, item: Mapping[str, Any]) -> dict[str, Any]:
    """One entry as a row of the form shows it: text per part, a bool for a flag, a slug (or None) for a choice."""
    row: dict[str, Any] = {}
    for part in shape.parts:
        value = item.get(part.name)
        if part.kind is Kind.FLAG:
            row[part.name] = bool(value)
        elif part.kind is Kind.CHOICE:
            row[part.name] = value or None
        elif value is None:
            row[part.name] = ""
        elif isinstance(value, date):
            row[part.name] = value.isoformat()
        elif isinstance(value, list):  # dates (a funding's interim proofs), comma-separated
            row[part.name] = ", ".join(item.isoformat() if isinstance(item, date) else str(item) for item in value)
        elif isinstance(value, float):
            row[part.name] = format_number(value)  # 2,5 in German: as the reader reads it back
        else:
            row[part.name] = str(value)
    return row


def entry_data(name: str, index: int, row: Mapping[str, Any], problems: list[tuple[str, str]]) -> dict[str, Any]:
    """The table row ``index`` of field ``name`` stands for; empty parts and unticked flags are left out.

    Dates, amounts and numbers are read as people type them (``part_from_text``: ``01.03.2027``,
    ``150.000`` in German); a part that does not read adds (part, message) to ``problems``.
    """
    shape = registry()[name].entry
    data: dict[str, Any] = {}
    for part_name, value in row.items():
        part = shape.part(part_name) if shape else None
        if part is None:
            raise KeyError(f"{name}.{part_name}")  # a programming error of the caller, not a user's
        text = value.strip() if isinstance(value, str) else ""
        if part.kind is Kind.FLAG:
            if value:
                data[part_name] = True
        elif part.kind is Kind.CHOICE:
            if value:
                data[part_name] = value
        elif text and part.kind is Kind.TEXT:
            data[part_name] = text
        elif text:
            try:
                data[part_name] = part_from_text(name, part_name, text, number=index + 1)
            except BadAssignment as error:
                problems.append((part_name, error.message))
    return data


def _rows_data(
    name: str, rows: list[Mapping[str, Any]], errors: dict[str, list[str]], at: dict[tuple[str, int, str], list[str]]
) -> list[dict[str, Any]]:
    tables = []
    for index, row in enumerate(rows):
        problems: list[tuple[str, str]] = []
        tables.append(entry_data(name, index, row, problems))
        for part, message in problems:
            errors.setdefault(name, []).append(message)
            at.setdefault((name, index, part), []).append(message)
    return tables


def _form_data(
    values: Mapping[str, Any],
    vocabulary: Vocabulary,
    errors: dict[str, list[str]],
    at: dict[tuple[str, int, str], list[str]],
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    fields = registry()
    for name, value in values.items():
        if name not in fields:
            raise KeyError(name)  # a programming error of the caller, not a user's
        shape = fields[name].entry
        if isinstance(value, str):
            if value.strip() == "":
                continue
            # Multi-line texts keep their exact lines; single-line fields get the user's text as typed.
            try:
                data[name] = value if fields[name].kind is Kind.LONG_TEXT else value_from_text(name, value, vocabulary)
            except BadAssignment as error:
                errors.setdefault(name, []).append(error.message)
        elif value is None or value == []:
            continue
        elif shape is not None and fields[name].kind is Kind.TABLE_LIST:
            data[name] = _rows_data(name, value, errors, at)
        else:
            data[name] = value
    return data


def project_from_form(values: Mapping[str, Any], vocabulary: Vocabulary) -> Draft:
    """Validate what a form holds. Empty texts leave the field out; lists of choices pass as they are;
    a list-of-tables field is a text (a TOML inline array) or a list of rows (part name -> text, bool, slug)."""
    errors: dict[str, list[str]] = {}
    at: dict[tuple[str, int, str], list[str]] = {}
    fields = registry()
    data = _form_data(values, vocabulary, errors, at)
    try:
        project = parse_project(data, vocabulary)
    except ValidationError as error:
        for item, problem in zip(
            error.errors(include_url=False), validation_problems(error, "form", None, labelled=True)
        ):
            # Model-level checks (end before start, a title listed twice) name their place in ctx["at"].
            loc = tuple(item["loc"]) + tuple((item.get("ctx") or {}).get("at", ()))
            name = str(loc[0]) if loc else "title"
            if name not in fields:
                name = "title"
            errors.setdefault(name, []).append(problem.message)
            if fields[name].entry is not None and isinstance(values.get(name), list) and len(loc) > 1:
                if isinstance(loc[1], int):
                    part = str(loc[2]) if len(loc) > 2 else ""
                    at.setdefault((name, loc[1], part), []).append(problem.message)
        return Draft(None, errors, at)
    if errors:
        return Draft(None, errors, at)
    return Draft(project, {})
