"""A change typed as text: ``KEY=VALUE`` from the command line, a form's texts, a spreadsheet's cells.

Every typed value goes through ``value_from_text`` (``part_from_text`` for a part of an entry),
which reads amounts, numbers and dates with the one reader (``portfolio.typed_input``) and names the
field in a refusal by its label and its key: "Budget (budget_eur): “150,50” is not an amount in
whole euros".
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping, Sequence
from difflib import get_close_matches
from typing import Any

from pydantic import TypeAdapter, ValidationError

from portfolio.domain.fields import EntryPart, Kind, ProjectField, registry
from portfolio.domain.model import project_model
from portfolio.domain.parsing import parse_project
from portfolio.domain.project_record import ProjectRecord, project_from_data
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import InvalidProject, PortfolioError
from portfolio.files.reading import validation_problems
from portfolio.i18n import _
from portfolio.typed_input import (
    Refused,
    parse_amount,
    parse_date,
    parse_flag,
    parse_number,
    parse_whole_number,
    whole_number_refused,
)


class BadAssignment(PortfolioError):
    exit_code = 2


def parse_assignment(text: str) -> tuple[str, str]:
    key, separator, value = text.partition("=")
    key = key.strip()
    if not separator or not key:
        raise BadAssignment(_("{text!r} is not KEY=VALUE").format(text=text))
    names = registry().names
    if key not in names:
        close = get_close_matches(key, names, n=1)
        hint = _("; did you mean {suggestion!r}?").format(suggestion=close[0]) if close else ""
        raise BadAssignment(
            _("unknown key {key!r}{hint} (keys: {keys})").format(key=key, hint=hint, keys=", ".join(names))
        )
    return key, value


def _refusal(label: str, key: str, message: str) -> BadAssignment:
    return BadAssignment(_("{label} ({key}): {message}").format(label=label, key=key, message=message))


def _toml_value(field: ProjectField, text: str, example: str) -> Any:
    try:
        document = tomllib.loads(f"value = {text}")
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise _refusal(
            field.caption, field.name, _("write a list like {example} ({reason})").format(example=example, reason=error)
        ) from None
    if list(document) != ["value"]:  # more TOML after the value (a newline, then a key or a table)
        raise _refusal(
            field.caption,
            field.name,
            _("write only one value, like {example}; the text after it is not part of it").format(example=example),
        )
    return document["value"]


def _dates(text: str) -> list:
    """Comma-separated dates, each typed as a date is (``1.6.2026, 2026-12-01``)."""
    return [parse_date(item.strip()) for item in text.split(",") if item.strip()]


_READERS: dict[Kind, Callable[[str, str | None], Any]] = {
    Kind.WHOLE_NUMBER: parse_whole_number,
    Kind.NUMBER: parse_number,
    Kind.DATE: lambda text, _language: parse_date(text),
    Kind.DATES: lambda text, _language: _dates(text),
    Kind.FLAG: lambda text, _language: parse_flag(text),
}


def typed_value(kind: Kind, text: str, *, euros: bool = False, language: str | None = None) -> Any:
    """The value of a whole number (of euros), number or date typed as text, in ``language`` (default:
    the chosen one); the text itself for every other kind. Raises ``Refused`` (its message without
    the field's name)."""
    if kind is Kind.WHOLE_NUMBER and euros:
        return parse_amount(text, language)
    reader = _READERS.get(kind)
    return text if reader is None else reader(text, language)


def _typed_part(field: ProjectField, part: EntryPart, number: int, value: Any, language: str | None) -> Any:
    label = _("{entry} {number}, {part}").format(entry=field.entry.caption, number=number, part=part.caption)
    key = f"{field.name}.{part.name}"
    try:
        if isinstance(value, str):
            return typed_value(part.kind, value, euros=part.in_euros, language=language)
        if part.kind is Kind.WHOLE_NUMBER and isinstance(value, float):
            # Never cut to a whole number: 10.000 (meant as ten thousand) is 10.0 to TOML.
            raise whole_number_refused(repr(value), euros=part.in_euros)
    except Refused as refusal:
        raise _refusal(label, key, refusal.message) from None
    return value


def _typed_entries(field: ProjectField, tables: Any, language: str | None) -> Any:
    """A list of tables with the typed text of its parts read (``due = "1.3.2027"``), else as it is."""
    if not isinstance(tables, list) or field.entry is None:
        return tables  # the model says what is wrong with it
    typed = []
    for number, table in enumerate(tables, start=1):
        if isinstance(table, dict):
            parts = ((name, field.entry.part(name)) for name in table)
            table = {
                name: table[name] if part is None else _typed_part(field, part, number, table[name], language)
                for name, part in parts
            }
        typed.append(table)
    return typed


def value_from_text(key: str, text: str, vocabulary: Vocabulary, *, language: str | None = None) -> Any:
    """The value a typed text stands for (``language``: how its numbers are written, default the chosen one).

    Lists are comma-separated (or a TOML array, for items that contain commas); tables are TOML
    inline arrays; amounts, numbers and dates are read as people type them
    (``portfolio.typed_input``) or refused naming the field; everything else is converted leniently
    and then validated strictly by the model.
    """
    field = registry()[key]
    if field.is_list:
        if text.lstrip().startswith("["):
            return _toml_value(field, text, '["Stadtwerke Rheine GmbH, Netzbetrieb", "WESt mbH"]')
        return _items(key, [item.strip() for item in text.split(",") if item.strip()], vocabulary)
    if field.kind is Kind.TABLE_LIST:
        tables = _toml_value(field, text, '[{title = "Start", due = 2026-01-31}]')
        return _typed_entries(field, tables, language)
    if field.kind in _READERS:
        try:
            return typed_value(field.kind, text, euros=field.in_euros, language=language)
        except Refused as refusal:
            raise _refusal(field.caption, key, refusal.message) from None
    annotation = project_model().model_fields[key].annotation
    try:
        return TypeAdapter(annotation).validate_python(text, strict=False, context={"vocabulary": vocabulary})
    except ValidationError:
        return text  # the strict validation of the whole project explains what is wrong


def _items(key: str, items: list[str], vocabulary: Vocabulary) -> list:
    """Typed items as the field's items are (the numbers of SDGs typed as ``7, 11``); else as typed."""
    annotation = project_model().model_fields[key].annotation
    try:
        return TypeAdapter(annotation).validate_python(items, strict=False, context={"vocabulary": vocabulary})
    except ValidationError:
        return items  # the strict validation of the whole project explains what is wrong


def part_from_text(key: str, part_name: str, text: str, *, language: str | None = None, number: int = 1) -> Any:
    """The value of one part of an entry of a list-of-tables field (a milestone's due date) typed as
    text, as ``value_from_text`` reads a field's; ``number`` counts the entries from 1, for the message.
    An empty text is the caller's to leave out. Raises BadAssignment naming the entry and the part."""
    field = registry()[key]
    part = field.entry.part(part_name) if field.entry else None
    if part is None:
        raise KeyError(f"{key}.{part_name}")  # a programming error of the caller, not a user's
    return _typed_part(field, part, number, text, language)


def validated(data: dict, vocabulary: Vocabulary, what: str) -> ProjectRecord:
    try:
        return parse_project(data, vocabulary)
    except ValidationError as error:
        problems = validation_problems(error, what, None, labelled=True)
        raise InvalidProject(_("{what} would not be valid; nothing was changed").format(what=what), problems) from None


def validated_values(values: Mapping[str, Any], vocabulary: Vocabulary, what: str) -> ProjectRecord:
    """A project from its values in JSON form (dates as ISO text: the history's values), as ``validated``."""
    try:
        model = project_model().model_validate_json(json.dumps(dict(values)), context={"vocabulary": vocabulary})
    except ValidationError as error:
        problems = validation_problems(error, what, None, labelled=True)
        raise InvalidProject(_("{what} would not be valid; nothing was changed").format(what=what), problems) from None
    return project_from_data(model.model_dump(mode="python"))


def assigned(data: dict[str, Any], assignments: Sequence[tuple[str, str]], vocabulary: Vocabulary) -> dict[str, Any]:
    """``data`` with the typed values of ``assignments``; an empty text removes the key."""
    data = dict(data)
    for key, text in assignments:
        if text.strip() == "":
            data.pop(key, None)
        else:
            data[key] = value_from_text(key, text, vocabulary)
    return data


def apply_assignments(
    project: ProjectRecord, assignments: list[tuple[str, str]], vocabulary: Vocabulary, what: str
) -> ProjectRecord:
    return validated(assigned(project.to_data(), assignments, vocabulary), vocabulary, what)
