"""The spreadsheet round trip of funding terms, decisions, measurements, SDGs and transfers (CSV and XLSX).

Tables are TOML inline arrays in one cell; the parts people type in them are read as they type
them (``150.000``, ``01.03.2027``, dates separated by commas), SDGs as numbers separated by commas.
"""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date

import pytest
from openpyxl import load_workbook
from report_fixtures import ExampleRun, example, example_root  # noqa: F401

from portfolio.domain.fields import registry

PROJECT = "mobilstationen-greven"  # funded, with terms, decisions, measurements and SDGs in the examples
NEW_FIELDS = ("measurements", "decisions", "sdgs", "adopted_from")


def _export(example: ExampleRun, tmp_path, *args: str, name: str):
    target = tmp_path / name
    result = example("--lang", "en", "export", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    return target


def _csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))


def _write_csv(path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _data(example: ExampleRun, project_id: str) -> dict:
    return tomllib.loads((example.root / "projects" / f"{project_id}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_bundled_portfolio_round_trips_unchanged(example, tmp_path, kind):
    path = _export(example, tmp_path, "--format", kind, name=f"sheet.{kind}")
    result = example("--lang", "en", "import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert "nothing to import" in result.output
    assert example.status() == ""


def test_every_new_field_has_its_column_with_the_values(example, tmp_path):
    rows = _csv(_export(example, tmp_path, name="sheet.csv"))
    header = rows[0]
    row = next(row for row in rows if row[0] == PROJECT)
    cell = {name: row[header.index(registry()[name].caption)] for name in (*NEW_FIELDS, "funding")}
    assert cell["sdgs"] == "9, 11, 13"
    assert 'body = "Rat der Stadt Greven"' in cell["decisions"] and "date = 2022-09-28" in cell["decisions"]
    assert 'kpi = "Ladepunkte"' in cell["measurements"]
    assert "interim_due = [2024-03-31, 2025-03-31]" in cell["funding"] and "\n" not in cell["funding"]
    adopter = next(row for row in rows if row[0] == "carsharing-mitfahrbaenke-doerfer")
    assert adopter[header.index(registry()["adopted_from"].caption)] == PROJECT


def test_cells_typed_the_german_way_are_read(example, tmp_path):
    path = _export(example, tmp_path, name="sheet.csv")
    rows = _csv(path)
    header = rows[0]
    row = next(row for row in rows if row[0] == PROJECT)
    row[header.index(registry()["funding"].caption)] = (
        '[{ source = "Land NRW", amount_eur = "390.000", own_share_eur = "167.000 €", rate_percent = "70", '
        'period_start = "01.04.2023", period_end = "31.12.2025", proof_due = "30.06.2026", '
        'interim_due = "31.03.2024, 31.3.2025" }]'
    )
    row[header.index(registry()["sdgs"].caption)] = "11, 9"
    row[header.index(registry()["decisions"].caption)] = (
        '[{ body = "Rat der Stadt Greven", date = "28.09.2022", reference = "VL-112/2022", result = "approved" }]'
    )
    _write_csv(path, rows)
    result = example("--lang", "de", "import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    data = _data(example, PROJECT)
    funding = data["funding"][0]
    assert (funding["amount_eur"], funding["own_share_eur"], funding["rate_percent"]) == (390000, 167000, 70)
    assert funding["interim_due"] == [date(2024, 3, 31), date(2025, 3, 31)]
    assert data["sdgs"] == [11, 9]
    assert data["decisions"] == [
        {"body": "Rat der Stadt Greven", "date": date(2022, 9, 28), "reference": "VL-112/2022", "result": "approved"}
    ]


def test_an_xlsx_sheet_with_a_missing_adopted_project_is_refused_at_its_cell(example, tmp_path):
    path = _export(example, tmp_path, "--format", "xlsx", name="sheet.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    column = header.index(registry()["adopted_from"].caption)
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == PROJECT)
    row[column].value = "gibt-es-nicht"
    workbook.save(path)
    result = example("--lang", "en", "import", str(path), "--yes")
    assert result.exit_code == 1
    letter = row[column].column_letter
    assert f"row {row[0].row}, column {letter} (adopted_from)" in result.output
    assert "no project 'gibt-es-nicht'" in result.output
    assert example.status() == ""


def test_a_sheet_that_makes_a_transfer_cycle_is_refused(example, tmp_path):
    path = _export(example, tmp_path, name="sheet.csv")
    rows = _csv(path)
    header = rows[0]
    row = next(row for row in rows if row[0] == PROJECT)
    row[header.index(registry()["adopted_from"].caption)] = "carsharing-mitfahrbaenke-doerfer"
    _write_csv(path, rows)
    result = example("--lang", "en", "import", str(path), "--yes")
    assert result.exit_code == 1
    assert "adoption-cycle" in result.output and example.status() == ""
