"""An XLSX file as a sheet, bounded by the cells it holds, never by what it declares.

An XLSX is a zip of XML parts from outside. openpyxl trusts the sheet's ``<dimension>`` (a 17 KB
file declaring A1:XFD1048576 asks for 17 billion cells), unpacks whatever the zip says, and its
XML parsers expand entity declarations. So before openpyxl sees the file: the parts may unpack to
at most ``MAX_UNPACKED_BYTES`` (the sizes the zip declares bound what ``zipfile`` hands out), and
no part may carry a DOCTYPE (which an XLSX never needs: the only way to declare entities). Then
the declared dimension is dropped and rows are read as present, trailing empty rows and cells
left out, up to ``MAX_ROWS`` x ``MAX_COLUMNS`` and ``MAX_CELLS``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from portfolio.i18n import _
from portfolio.outputs.sheet import Sheet, SheetError

MAX_UNPACKED_BYTES = 128 * 1024 * 1024
MAX_PARTS = 10_000
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000  # a portfolio of 5,000 projects has ~150,000
_DOCTYPES = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_CHUNK = 1024 * 1024


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    overlap = max(len(pattern) for pattern in _DOCTYPES) - 1
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            if any(pattern in window for pattern in _DOCTYPES):
                return True
            tail = window[-overlap:]
    return False


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb and any part with a DOCTYPE before openpyxl unpacks or parses anything."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise SheetError(
            _("{name}: the workbook has {count} parts; an XLSX sheet has at most {limit}").format(
                name=name, count=len(infos), limit=MAX_PARTS
            )
        )
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise SheetError(
            _("{name}: the workbook would unpack to more than {size} MiB; refused").format(
                name=name, size=MAX_UNPACKED_BYTES >> 20
            )
        )
    for info in infos:
        if _declares_doctype(archive, info):
            raise SheetError(
                _("{name}: the part {part} declares a DOCTYPE (entities), which an XLSX never needs; refused").format(
                    name=name, part=info.filename
                )
            )


def _width(row: tuple, number: int, name: str) -> int:
    """How many cells of the row count: up to its last value; a value right of MAX_COLUMNS is refused."""
    width = len(row)
    if width > MAX_COLUMNS:
        beyond = row[MAX_COLUMNS:]
        if beyond.count(None) != len(beyond):
            column = MAX_COLUMNS + next(index for index, value in enumerate(beyond) if value is not None) + 1
            raise SheetError(
                _("{name}:{row}: column {column} holds a value; a sheet may have at most {limit} columns").format(
                    name=name, row=number, column=_column_letter(column), limit=MAX_COLUMNS
                )
            )
        width = MAX_COLUMNS
    while width and row[width - 1] is None:
        width -= 1
    return width


def _rows(worksheet: Any, name: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    empty_rows = 0  # since the last row with a value: kept only when a value follows
    cells = 0
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        width = _width(row, number, name)
        if not width:
            empty_rows += 1
            continue
        if number > MAX_ROWS:
            raise SheetError(
                _("{name}:{row}: row {row} holds a value; a sheet may have at most {limit} rows").format(
                    name=name, row=number, limit=MAX_ROWS
                )
            )
        cells += width
        if cells > MAX_CELLS:
            raise SheetError(
                _("{name}:{row}: the sheet holds more than {limit} cells; refused").format(
                    name=name, row=number, limit=MAX_CELLS
                )
            )
        rows.extend([] for _empty in range(empty_rows))
        empty_rows = 0
        rows.append(list(row[:width]))
    return rows


def read_xlsx(raw: bytes, name: str) -> Sheet:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        _check_parts(archive, name)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        NotImplementedError,
        EOFError,
        OSError,
        ValueError,
    ) as error:
        raise SheetError(_("{name}: not an XLSX workbook ({reason})").format(name=name, reason=error)) from None
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            worksheet = workbook.worksheets[0]
            worksheet.reset_dimensions()  # the declared dimension is data from outside: read the cells
            return Sheet(name, _rows(worksheet, name))
        finally:
            workbook.close()
    except SheetError:
        raise
    # openpyxl raises whatever its mapping of XML to objects trips over in a malformed part (KeyError,
    # TypeError, ParseError, ...); the file is the only input, so each one means: not a readable workbook.
    except Exception as error:
        reason = str(error) or type(error).__name__
        raise SheetError(
            _("{name}: not a readable XLSX workbook ({reason})").format(name=name, reason=reason)
        ) from None
