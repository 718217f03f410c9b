"""Projects as spreadsheet rows and back: CSV (German by default) and XLSX.

One row per project, one column per key (``id`` first, then the file's keys in their order), the
header naming each by its label in the chosen language (or by its key; ``import`` reads keys and
the labels of every language, ``portfolio.outputs.sheet_header``). Cells
hold what the file holds: slugs, ISO dates, whole euros; lists joined with ``, `` (as a TOML array
when an item holds a comma); funding, milestones and kpis as TOML inline arrays, as
``portfolio set`` takes them. Reading back is lenient where a spreadsheet program changes what it
shows (German dates 15.01.2026, 250.000 for an amount in a German sheet, labels instead of slugs,
numbers as numbers: text is read as every typed value, by ``changes.assignments.value_from_text``)
and strict about everything else: every problem is reported with its row (the header is row 1)
and column, and nothing is guessed.

The default CSV is what a German spreadsheet program opens directly: UTF-8 with a byte order mark,
``;`` between cells. Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)
get a leading ``'`` in CSV, which reading removes again; XLSX cells are written as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from portfolio.changes.assignments import value_from_text
from portfolio.domain.fields import Kind, registry
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.files.canonical import inline_table
from portfolio.i18n import N_, _
from portfolio.outputs.csv_reading import read_csv
from portfolio.outputs.sheet import BOM, MAX_SHEET_BYTES, Sheet, SheetError
from portfolio.outputs.xlsx_reading import read_xlsx
from portfolio.textsafety import guard_formula

ID_COLUMN = "id"
ID_LABEL = N_("ID")  # the id column's header in a sheet with labels


class _Columns(Sequence[str]):
    """``id``, then one column per field of the registry as it is when asked: a tuple made at import
    time would miss a field put in place later (the field registry's test does that)."""

    def _names(self) -> tuple[str, ...]:
        return (ID_COLUMN, *registry().names)

    def __getitem__(self, index):
        return self._names()[index]

    def __len__(self) -> int:
        return len(registry()) + 1

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __repr__(self) -> str:
        return repr(self._names())


COLUMNS: Sequence[str] = _Columns()


# -- projects to cells ----------------------------------------------------------------------


def _inline_array(tables: list[dict[str, Any]]) -> str:
    return "[" + ", ".join(inline_table(table) for table in tables) + "]"


def _list_text(items: list[str] | list[int]) -> str:
    """``a, b`` (numbers as written: ``7, 13``); a TOML array when splitting at commas would not give the items back."""
    items = [str(item) for item in items]
    joined = ", ".join(items)
    if [item.strip() for item in joined.split(",") if item.strip()] == items and not joined.startswith("["):
        return joined
    return tomli_w.dumps({"v": items})[4:].strip().replace("\n", " ")


def cell_value(name: str, value: Any) -> Any:
    """A project field as a cell: text, a whole number or a date (None for an absent value)."""
    if value is None or value == []:
        return None
    field = registry()[name]
    if field.is_list:
        return _list_text(value)
    if field.kind is Kind.TABLE_LIST:
        return _inline_array(value)
    return value


def column_captions() -> list[str]:
    """The header of a sheet for people: the field labels in the chosen language (``import`` reads them)."""
    return [_(ID_LABEL), *(field.caption for field in registry())]


def project_rows(projects: Iterable[StoredProject], *, labels: bool = True) -> list[list[Any]]:
    """The header (the labels, or the keys) and one row per project, values as ``cell_value`` gives them."""
    rows: list[list[Any]] = [column_captions() if labels else list(COLUMNS)]
    for stored in projects:
        data = stored.project.to_data()
        rows.append([stored.id, *(cell_value(name, data.get(name)) for name in COLUMNS[1:])])
    return rows


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return guard_formula(str(value))


def csv_text(rows: Iterable[Sequence[Any]], *, delimiter: str = ",", lineterminator: str = "\r\n") -> str:
    """The one CSV writer (``export``, ``list --format csv``): every cell guarded against formulas."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], *, german: bool = True) -> bytes:
    """CSV as a German spreadsheet opens it (BOM, ``;``), or plain (no BOM, ``,``)."""
    text = csv_text(rows, delimiter=";" if german else ",")
    return ((BOM if german else "") + text).encode("utf-8")


def xlsx_bytes(rows: list[list[Any]], sheet_title: str, *, german: bool = True) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: never a formula
            if isinstance(value, date):
                cell.number_format = "DD.MM.YYYY" if german else "YYYY-MM-DD"
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for column_number in range(1, len(rows[0]) + 1):
        longest = max((len(str(row[column_number - 1] or "")) for row in rows[:200]), default=10)
        sheet.column_dimensions[get_column_letter(column_number)].width = min(60, max(8, longest + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- reading sheets -------------------------------------------------------------------------


def read_sheet(path: Path) -> Sheet:
    """The cells of a ``.csv`` or ``.xlsx`` file."""
    name = path.name
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SHEET_BYTES + 1)
    except OSError as error:
        raise SheetError(_("{path}: cannot read: {reason}").format(path=path, reason=error.strerror)) from None
    if len(raw) > MAX_SHEET_BYTES:
        raise SheetError(_("{name}: the file is larger than {size} MiB").format(name=name, size=MAX_SHEET_BYTES >> 20))
    if raw.startswith(b"PK\x03\x04") or path.suffix.lower() == ".xlsx":
        return read_xlsx(raw, name)
    return read_csv(raw, name)


# -- cells to project data ------------------------------------------------------------------


def is_empty_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _label_lookup(vocabulary: Vocabulary) -> dict[str, dict[str, str]]:
    """Vocabulary kind -> folded label or name (every language) -> slug, for values typed as people see them."""
    lookup: dict[str, dict[str, str]] = {"status": {}, "priority": {}, "field": {}, "municipality": {}}
    for kind, entries in (
        ("status", vocabulary.statuses),
        ("priority", vocabulary.priorities),
        ("field", vocabulary.fields_of_action),
    ):
        for entry in entries:
            lookup[kind].update({label.casefold(): entry.slug for label in entry.label.values()})
    for entry in vocabulary.municipalities:
        lookup["municipality"][entry.name.casefold()] = entry.slug
    return lookup


class RowReader:
    """Turns the cells of one row into project data (the model validates it afterwards)."""

    def __init__(self, vocabulary: Vocabulary, language: str | None = None) -> None:
        self.vocabulary = vocabulary
        self.language = language  # how the text cells write numbers (``Sheet.language``)
        self.labels = _label_lookup(vocabulary)
        self.slugs = {
            "status": vocabulary.status_slugs,
            "priority": vocabulary.priority_slugs,
            "field": vocabulary.field_slugs,
            "municipality": vocabulary.municipality_slugs,
        }

    def _slug(self, kind: str, text: str | int) -> str | int:
        if not isinstance(text, str):  # a number of a numbered vocabulary (an SDG), read as one already
            return text
        if text in self.slugs.get(kind, ()):
            return text
        return self.labels.get(kind, {}).get(text.casefold(), text)

    def value(self, name: str, cell: Any) -> Any:
        """The field value a cell stands for (``None``: the key is left out)."""
        if is_empty_cell(cell):
            return None
        field = registry()[name]
        kind = field.kind
        if isinstance(cell, bool):
            cell = "true" if cell else "false"
        if isinstance(cell, datetime):
            cell = cell.date()
        if isinstance(cell, date):
            return cell if kind is Kind.DATE else cell.isoformat()
        language = self.language
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        if isinstance(cell, int):
            return cell if kind is Kind.WHOLE_NUMBER else str(cell)
        if isinstance(cell, float):  # a number cell with decimals: refused where a whole number belongs
            cell, language = repr(cell), "en"
        text = str(cell) if kind is Kind.LONG_TEXT else str(cell).strip()
        value = value_from_text(name, text, self.vocabulary, language=language)
        if kind is Kind.CHOICE:
            return self._slug(field.vocabulary, value)
        if kind is Kind.CHOICES and isinstance(value, list):
            return [self._slug(field.vocabulary, item) for item in value]
        return value


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
