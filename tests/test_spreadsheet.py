"""Spreadsheet round trip: export to CSV/XLSX, import with row-numbered errors, one commit on confirmation."""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date

import pytest
from openpyxl import load_workbook
from report_fixtures import ExampleRun, example, example_root, git_out  # noqa: F401

from portfolio.domain.fields import registry

PROJECT = "barrierefreie-kreisinformation"  # status planning in the bundled examples


def _header(key: str) -> str:
    """The English header of a key's column (the tests speak English): ``status`` -> ``Status``."""
    return "ID" if key == "id" else registry()[key].caption


def _export(example: ExampleRun, tmp_path, *args: str, name: str = "sheet.csv"):
    target = tmp_path / name
    result = example("export", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    return target


def _csv_rows(path) -> list[list[str]]:
    raw = path.read_bytes()
    delimiter = ";" if raw.startswith(b"\xef\xbb\xbf") else ","
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def _write_csv(path, rows: list[list[str]], *, encoding: str = "utf-8-sig", delimiter: str = ";") -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _set_cell(rows: list[list[str]], project_id: str, column: str, value: str) -> int:
    """Change one cell; returns the spreadsheet row number (header = 1)."""
    index = rows[0].index(_header(column))
    for number, row in enumerate(rows, start=1):
        if row[0] == project_id:
            row[index] = value
            return number
    raise AssertionError(project_id)


def _files(example: ExampleRun) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((example.root / "projects").glob("*.toml"))}


def test_the_german_csv_has_a_bom_semicolons_and_comma_joined_lists(example, tmp_path):
    path = _export(example, tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfID;Title;Module;Status;Municipalities;Fields of action;")
    rows = _csv_rows(path)
    assert len(rows) == 1 + 23
    row = next(row for row in rows if row[0] == PROJECT)
    assert row[rows[0].index("Municipalities")] == "kreis-steinfurt, steinfurt, ochtrup"
    plain = _export(example, tmp_path, "--plain", name="plain.csv").read_bytes()
    assert plain.startswith(b"id,title,module,status,") and not plain.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    "options, name", [((), "sheet.csv"), (("--plain",), "plain.csv"), (("--format", "xlsx"), "sheet.xlsx")]
)
def test_export_then_import_without_edits_changes_nothing(example, tmp_path, options, name):
    before_files, before_head = _files(example), example.head()
    path = _export(example, tmp_path, *options, name=name)
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert "nothing to import" in result.output
    assert example.head() == before_head and _files(example) == before_files and example.status() == ""


def test_an_edited_status_imports_as_one_commit_with_that_change(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    _set_cell(rows, PROJECT, "status", "implementation")
    _write_csv(path, rows)
    before = example.head()
    dry = example("import", str(path), "--dry-run")
    assert dry.exit_code == 0 and "Status: Planning -> Implementation" in dry.output and example.head() == before
    refused = example("import", str(path))  # no terminal, no --yes
    assert refused.exit_code == 1 and "--yes" in refused.output and example.head() == before
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert f"changed  {PROJECT}" in result.output and "imported 1 project in commit" in result.output
    assert git_out(example.root, "rev-list", "--count", f"{before}..HEAD") == "1"
    assert git_out(example.root, "log", "-1", "--format=%s") == f"Status of {PROJECT}: Planning → Implementation"
    assert git_out(example.root, "show", "--name-only", "--format=", "HEAD") == f"projects/{PROJECT}.toml"
    changed = git_out(example.root, "diff", "--unified=0", f"{before}", "HEAD")
    assert '-status = "planning"' in changed and '+status = "implementation"' in changed
    assert changed.count("\n+") == 2  # the +++ line and the one changed line
    assert example.status() == ""


def test_an_xlsx_sheet_round_trips_dates_numbers_labels_and_formula_like_text(example, tmp_path):
    assert (
        example(
            "set",
            PROJECT,
            "title==SUMME(A1:A3)",
            'partners=["Stadtwerke, Netz", "WESt mbH"]',
            "start=2026-01-15",
            "budget_eur=1234567",
        ).exit_code
        == 0
    )
    path = _export(example, tmp_path, "--format", "xlsx", name="sheet.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == PROJECT)
    cell = {name: row[header.index(_header(name))] for name in ("title", "start", "budget_eur", "status")}
    assert cell["title"].value == "=SUMME(A1:A3)" and cell["title"].data_type == "s"  # text, never a formula
    assert cell["start"].value.date() == date(2026, 1, 15) and cell["budget_eur"].value == 1234567
    cell["status"].value = "Umsetzung"  # a label, as people write it
    workbook.save(path)
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    data = tomllib.loads((example.root / "projects" / f"{PROJECT}.toml").read_text(encoding="utf-8"))
    assert data["status"] == "implementation" and data["title"] == "=SUMME(A1:A3)"
    assert data["partners"] == ["Stadtwerke, Netz", "WESt mbH"] and data["start"] == date(2026, 1, 15)
    assert data["budget_eur"] == 1234567


def test_a_csv_edited_in_a_german_spreadsheet_imports(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    number = _set_cell(rows, PROJECT, "start", "15.01.2026")
    _set_cell(rows, PROJECT, "budget_eur", "250.000")
    _set_cell(rows, PROJECT, "title", "=1+1")
    assert number > 1
    _write_csv(path, rows)
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    data = tomllib.loads((example.root / "projects" / f"{PROJECT}.toml").read_text(encoding="utf-8"))
    assert data["start"] == date(2026, 1, 15) and data["budget_eur"] == 250000 and data["title"] == "=1+1"
    exported = _export(example, tmp_path, name="again.csv").read_text(encoding="utf-8-sig")
    assert ";'=1+1;" in exported  # a spreadsheet does not run it; the import reads it back as =1+1


def test_a_new_row_becomes_a_new_project(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    new = [""] * len(rows[0])
    for column, value in {
        "id": "neues-projekt",
        "title": "Neues Projekt",
        "module": "3",
        "status": "Idee",
        "municipalities": "Rheine, greven",
        "fields_of_action": "Umwelt",
    }.items():
        new[rows[0].index(_header(column))] = value
    _write_csv(path, rows + [new])
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert "added    neues-projekt: Neues Projekt" in result.output
    data = tomllib.loads((example.root / "projects" / "neues-projekt.toml").read_text(encoding="utf-8"))
    assert data == {
        "title": "Neues Projekt",
        "module": 3,
        "status": "idea",
        "municipalities": ["rheine", "greven"],
        "fields_of_action": ["umwelt"],
    }
    assert git_out(example.root, "log", "-1", "--format=%s") == "Add project neues-projekt: Neues Projekt"


def _rejected(example: ExampleRun, path) -> str:
    before_files, before_head = _files(example), example.head()
    result = example("import", str(path), "--yes")
    assert result.exit_code == 1, result.output
    assert example.head() == before_head and _files(example) == before_files and example.status() == ""
    return result.output


def test_a_malformed_sheet_is_rejected_with_row_numbered_errors_and_nothing_written(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    status_row = _set_cell(rows, PROJECT, "status", "umsetzen")
    place_row = _set_cell(rows, "solarkataster-kreis-steinfurt", "municipalities", "rheine, atlantis")
    _set_cell(rows, "energiezwilling-saerbeck", "status", "completed")  # a good change in a bad sheet
    duplicate = list(rows[3])
    no_id = list(rows[4])
    no_id[0] = ""
    _write_csv(path, rows + [duplicate, no_id])
    output = _rejected(example, path)
    assert f"sheet.csv:{status_row}:4: error[unknown-status]: row {status_row}, column D (status): " in output
    assert "unknown status 'umsetzen'" in output
    assert f"sheet.csv:{place_row}:5: error[unknown-municipality]: row {place_row}, column E (municipalities)" in output
    assert "unknown municipality 'atlantis'" in output
    assert (
        f"sheet.csv:25:1: error[duplicate-id]: row 25, column A (id): the id {rows[3][0]!r} is also in row 4" in output
    )
    assert "sheet.csv:26:1: error[missing-id]: row 26, column A (id): the id is empty" in output
    assert "4 errors: nothing was imported" in output


def test_a_missing_or_unknown_column_is_an_error_in_row_1(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    index = rows[0].index("Status")
    _write_csv(path, [row[:index] + row[index + 1 :] for row in rows])
    assert "sheet.csv:1: error[missing-column]: row 1: missing columns: status" in _rejected(example, path)
    rows[0][rows[0].index("Notes")] = "bemerkungen"
    _write_csv(path, rows)
    output = _rejected(example, path)
    assert "error[unknown-column]: row 1, column AA: unknown column 'bemerkungen'" in output
    assert "missing columns: notes" in output


def test_a_sheet_in_the_wrong_encoding_is_rejected_with_its_row(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    first_umlaut = next(
        number for number, row in enumerate(rows, start=1) if any("ä" in cell or "ö" in cell for cell in row)
    )
    _write_csv(path, rows, encoding="cp1252")
    output = _rejected(example, path)
    assert f"sheet.csv:{first_umlaut}: the file is not UTF-8 text" in output and "CSV UTF-8" in output


def test_a_sheet_that_breaks_a_dependency_rule_is_rejected(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    number = _set_cell(rows, PROJECT, "depends_on", f"gibt-es-nicht, {PROJECT}")
    _write_csv(path, rows)
    output = _rejected(example, path)
    assert f"sheet.csv:{number}:26: error[unknown-dependency]: row {number}, column Z (depends_on)" in output
    assert "error[self-dependency]" in output


def test_uncommitted_changes_in_an_imported_file_are_refused(example, tmp_path):
    path = _export(example, tmp_path)
    rows = _csv_rows(path)
    _set_cell(rows, PROJECT, "status", "implementation")
    _write_csv(path, rows)
    target = example.root / "projects" / f"{PROJECT}.toml"
    target.write_text(target.read_text(encoding="utf-8").replace("planning", "concept"), encoding="utf-8")
    result = example("import", str(path), "--yes")
    assert result.exit_code == 2
    assert "Status: Concept -> Implementation" in result.output  # compared with the file as it is on disk
    assert f"projects/{PROJECT}.toml has uncommitted changes" in result.output
    assert 'status = "concept"' in target.read_text(encoding="utf-8")
    assert git_out(example.root, "rev-list", "--count", "HEAD") == "1"


GUARD_VALUES = ["'=1+1", "''=x", "=SUM(A1)", "+49 123", "-5", "@home", "'plain"]


@pytest.mark.parametrize(
    "options, name", [((), "sheet.csv"), (("--plain",), "plain.csv"), (("--format", "xlsx"), "sheet.xlsx")]
)
@pytest.mark.parametrize("value", GUARD_VALUES)
def test_export_then_import_keeps_every_formula_like_or_apostrophe_value(example, tmp_path, options, name, value):
    assert example("set", PROJECT, f"notes={value}").exit_code == 0
    before_files, before_head = _files(example), example.head()
    path = _export(example, tmp_path, *options, name=name)
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert "nothing to import" in result.output
    assert example.head() == before_head and _files(example) == before_files
    data = tomllib.loads((example.root / "projects" / f"{PROJECT}.toml").read_text(encoding="utf-8"))
    assert data["notes"] == value


def test_the_formula_guard_is_reversible_for_every_value():
    from portfolio.textsafety import guard_formula, unguard_formula

    for value in [*GUARD_VALUES, "'", "''", "", "plain", "'-", "\tx"]:
        assert unguard_formula(guard_formula(value)) == value
        assert not guard_formula(value).startswith(("=", "+", "-", "@"))
