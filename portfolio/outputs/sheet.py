"""What reading a spreadsheet file gives: its cells, or one error that it cannot be read at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portfolio.errors import PortfolioError

MAX_SHEET_BYTES = 20 * 1024 * 1024
BOM = "\ufeff"


class SheetError(PortfolioError):
    """The file cannot be read as a sheet at all (not its rows: those are Problems)."""

    exit_code = 1


@dataclass(frozen=True)
class Sheet:
    """The cells of a sheet as read: ``rows[0]`` is the header (row 1)."""

    name: str
    rows: list[list[Any]]
    # How its text cells write numbers: a CSV with ";" is what a German spreadsheet writes, with
    # German numbers (250.000) whatever language the tool speaks; None: as the chosen language.
    language: str | None = None
