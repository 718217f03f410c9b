"""A CSV file as a sheet: UTF-8 (a BOM allowed), the delimiter guessed from the header row."""

from __future__ import annotations

import csv
import io

from portfolio.i18n import _
from portfolio.outputs.sheet import BOM, Sheet, SheetError
from portfolio.textsafety import unguard_formula


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SheetError(
            _("{name}: the file is UTF-16 text; save the sheet as 'CSV UTF-8' and import that").format(name=name)
        )
    try:
        return raw.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise SheetError(
            _(
                "{name}:{row}: the file is not UTF-8 text (byte 0x{byte:02x} in row {row}); save the sheet "
                "as 'CSV UTF-8' and import that"
            ).format(name=name, row=row, byte=raw[error.start])
        ) from None


def _delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter]) if any(counts.values()) else ";"


def read_csv(raw: bytes, name: str) -> Sheet:
    text = _decode(raw, name)
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for row in reader:
            rows.append([unguard_formula(cell) for cell in row])
    except csv.Error as error:
        raise SheetError(
            _("{name}:{row}: not a readable CSV row: {reason}").format(name=name, row=len(rows) + 1, reason=error)
        ) from None
    _refuse_mixed_delimiters(rows, delimiter, name)
    return Sheet(name, rows, {";": "de", ",": "en"}.get(delimiter))


def _refuse_mixed_delimiters(rows: list[list[str]], delimiter: str, name: str) -> None:
    """A header of several columns over a first row of few cells, its first cell holding another
    delimiter: the rows use that one (a sheet saved with ``;`` whose header was retyped with ``,``,
    or the other way round); say that instead of one error per cell."""
    if not rows or len(rows[0]) < 2:
        return
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        line = delimiter.join(row)
        other = _delimiter(line)
        if 2 * len(row) <= len(rows[0]) and other != delimiter and other in row[0]:
            raise SheetError(
                _(
                    "{name}:{row}: the rows look '{rows}'-separated, but row 1 is read as '{header}'-separated; "
                    "use one delimiter in the whole file"
                ).format(name=name, row=number, rows=other, header=delimiter)
            )
        return
