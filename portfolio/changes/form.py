"""A project as a form shows it: text per field, and back to a validated project with errors per field.

The terminal UI's form holds texts and choices; this module turns them into a ``Project`` (through
the same conversions as ``portfolio set KEY=VALUE``) and maps every validation error to the field it
concerns, so that the form can show it next to that field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from portfolio.changes.assignments import BadAssignment, value_from_text
from portfolio.domain.fields import Kind, registry
from portfolio.domain.model import Project, parse_project
from portfolio.domain.vocabulary import Vocabulary
from portfolio.files.reading import validation_problems


@dataclass(frozen=True)
class Draft:
    """The outcome of checking a form: the project when valid, else the messages per field name."""

    project: Project | None
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return self.project is not None


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


def form_texts(project: Project) -> dict[str, Any]:
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
        elif entry.kind is Kind.TABLE_LIST:
            texts[name] = inline_tables(value) if value else ""
        elif value is None:
            texts[name] = ""
        elif isinstance(value, date):
            texts[name] = value.isoformat()
        else:
            texts[name] = value if isinstance(value, int) else str(value)
    return texts


def project_from_form(values: Mapping[str, Any], vocabulary: Vocabulary) -> Draft:
    """Validate what a form holds. Empty texts leave the field out; lists of choices pass as they are."""
    data: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    fields = registry()
    for name, value in values.items():
        if name not in fields:
            raise KeyError(name)  # a programming error of the caller, not a user's
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
        else:
            data[name] = value
    try:
        project = parse_project(data, vocabulary)
    except ValidationError as error:
        for item, problem in zip(error.errors(include_url=False), validation_problems(error, "form", None)):
            # Model-level checks (end before start) name their field in ctx["at"].
            loc = tuple(item["loc"]) + tuple((item.get("ctx") or {}).get("at", ()))
            name = str(loc[0]) if loc else "title"
            if name not in fields:
                name = "title"
            errors.setdefault(name, []).append(problem.message)
        return Draft(None, errors)
    if errors:
        return Draft(None, errors)
    return Draft(project, {})
