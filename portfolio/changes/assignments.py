"""A change typed as text: ``KEY=VALUE`` from the command line, a form's texts, a spreadsheet's cells."""

from __future__ import annotations

import tomllib
from difflib import get_close_matches
from typing import Any

from pydantic import TypeAdapter, ValidationError

from portfolio.domain.fields import Kind, registry
from portfolio.domain.model import Project, parse_project, project_model
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import InvalidProject, PortfolioError
from portfolio.files.reading import validation_problems
from portfolio.i18n import _


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


def _toml_value(key: str, text: str, example: str) -> Any:
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise BadAssignment(
            _("{key} needs a TOML array, e.g. {example}: {reason}").format(key=key, example=example, reason=error)
        ) from None


def value_from_text(key: str, text: str, vocabulary: Vocabulary) -> Any:
    """The TOML value a command-line text stands for.

    Lists are comma-separated (or a TOML array, for items that contain commas); tables are TOML
    inline arrays; everything else is converted leniently ("3" -> 3, "2026-01-31" -> a date) and
    then validated strictly by the model.
    """
    field = registry()[key]
    if field.is_list:
        if text.lstrip().startswith("["):
            return _toml_value(key, text, '["Stadtwerke Rheine GmbH, Netzbetrieb", "WESt mbH"]')
        return [item.strip() for item in text.split(",") if item.strip()]
    if field.kind is Kind.TABLE_LIST:
        return _toml_value(key, text, '[{title = "Start", due = 2026-01-31}]')
    annotation = project_model().model_fields[key].annotation
    try:
        return TypeAdapter(annotation).validate_python(text, strict=False, context={"vocabulary": vocabulary})
    except ValidationError:
        return text  # the strict validation of the whole project explains what is wrong


def validated(data: dict, vocabulary: Vocabulary, what: str) -> Project:
    try:
        return parse_project(data, vocabulary)
    except ValidationError as error:
        problems = validation_problems(error, what, None)
        raise InvalidProject(_("{what} would not be valid; nothing was changed").format(what=what), problems) from None


def apply_assignments(
    project: Project, assignments: list[tuple[str, str]], vocabulary: Vocabulary, what: str
) -> Project:
    data = project.to_data()
    for key, text in assignments:
        if text.strip() == "":
            data.pop(key, None)
        else:
            data[key] = value_from_text(key, text, vocabulary)
    return validated(data, vocabulary, what)
