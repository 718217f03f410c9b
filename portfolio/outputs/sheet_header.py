"""The header row of a sheet (row 1): which column holds which key.

A column is named by its key (``status``) or by its field's label in any language of the tool
(``Status``, ``Titel``, ``Title``), case and surrounding spaces aside: ``export`` writes the labels
of the chosen language, a program may write the keys, and a sheet exported in German imports in
English too.
"""

from __future__ import annotations

from difflib import get_close_matches

from portfolio.domain.fields import registry
from portfolio.i18n import _, in_every_language
from portfolio.outputs.spreadsheet import COLUMNS, ID_COLUMN, ID_LABEL, Sheet, column_letter, is_empty_cell
from portfolio.problems import Problem


def header_names() -> dict[str, str]:
    """Folded key or label (every language) -> key. Keys win over a label that spells another key."""
    names: dict[str, str] = {}
    labelled = [(ID_COLUMN, ID_LABEL), *((field.name, field.label) for field in registry())]
    for key, label in labelled:
        for text in in_every_language(label):
            names.setdefault(text.strip().casefold(), key)
    names.update({key.casefold(): key for key in COLUMNS})
    return names


def _unknown(name: str, letter: str, names: dict[str, str]) -> str:
    shown = [*COLUMNS, *(field.caption for field in registry())]
    close = get_close_matches(name, shown, n=1) or get_close_matches(name.casefold(), list(names), n=1)
    hint = _("; did you mean {suggestion!r}?").format(suggestion=close[0]) if close else ""
    return _("row 1, column {column}: unknown column {name!r}{hint}").format(column=letter, name=name, hint=hint)


def columns_that_may_be_missing() -> set[str]:
    """Columns of fields whose absent key has a default (``public``): a sheet exported before such a
    field was added lacks its column, and importing it keeps each project's value of that field."""
    return {name for name in COLUMNS if name in registry() and registry()[name].default is not None}


def header_problems(sheet: Sheet) -> tuple[dict[str, int], list[Problem]]:
    """Key -> column index, and the problems of the header row (row 1)."""
    if not sheet.rows:
        return {}, [Problem(sheet.name, 1, None, "empty-sheet", _("the sheet is empty; row 1 must name the columns"))]
    problems = []
    columns: dict[str, int] = {}
    names = header_names()

    def refuse(index: int, code: str, message: str) -> None:
        problems.append(Problem(sheet.name, 1, index + 1, code, message))

    for index, cell in enumerate(sheet.rows[0]):
        name = "" if cell is None else str(cell).strip()
        letter = column_letter(index)
        key = names.get(name.casefold())
        if not name:
            if any(not is_empty_cell(row[index]) for row in sheet.rows[1:] if index < len(row)):
                refuse(
                    index,
                    "unknown-column",
                    _("row 1, column {column}: a column with values has no name").format(column=letter),
                )
        elif key is None:
            refuse(index, "unknown-column", _unknown(name, letter, names))
        elif key in columns:
            refuse(
                index,
                "duplicate-column",
                _("row 1, column {column}: column {name!r} appears twice").format(column=letter, name=name),
            )
        else:
            columns[key] = index
    optional = columns_that_may_be_missing()
    missing = [name for name in COLUMNS if name not in columns and name not in optional]
    if missing:
        problems.append(
            Problem(
                sheet.name,
                1,
                None,
                "missing-column",
                _("row 1: missing columns: {names} (every column of 'portfolio export' is needed)").format(
                    names=", ".join(missing)
                ),
            )
        )
    return columns, problems
