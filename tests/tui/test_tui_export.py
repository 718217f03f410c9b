"""Export from the UI (E): the filtered table as CSV or XLSX, the report of the same filter, to a file
named in the dialog; an import of the file changes nothing; an existing file is replaced only when asked."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Input, RadioSet, Static
from tui_helpers import column_text, settle, type_text

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.sheet_import import plan_import
from portfolio.today import output_day
from tui.app import create_app
from tui.screens.export_dialog import ExportDialog


def _notifications(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


def _files(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "projects").glob("*.toml"))}


def _csv_ids(path: Path) -> list[str]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:4] == ["ID", "Title", "Module", "Status"]
    return [row[0] for row in rows[1:]]


def _imports_as_nothing(root: Path, path: Path) -> None:
    plan = plan_import(root, load_vocabulary(root), path)
    assert plan.ok, plan.problems
    assert plan.empty  # the sheet matches the portfolio: an import changes nothing


async def _open_export(pilot) -> ExportDialog:
    await pilot.press("E")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def _export_of_the_active(pilot, kind_index: int) -> ExportDialog:
    """The export dialog of the active projects (a), the kind ``kind_index`` chosen (0: CSV)."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    dialog = await _open_export(pilot)
    dialog.set_focus(dialog.query_one("#export-kind", RadioSet))
    await pilot.press(*["down"] * kind_index, "enter")
    await pilot.pause()
    return dialog


async def _write_to(pilot, dialog: ExportDialog, path: Path) -> None:
    field = dialog.query_one("#export-path", Input)
    dialog.set_focus(field)
    field.value = str(path)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


async def test_the_filtered_table_as_csv_and_xlsx_imports_as_no_change(tui_repo, in_tmp):
    before = _files(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "mobil")  # the search finds e-mobilitaet only
        await pilot.press("enter")
        await pilot.press("a")  # and active only
        await settle(pilot)
        shown = column_text(app.screen.query_one("#projects"), 0)
        assert shown == ["e-mobilitaet"]

        dialog = await _open_export(pilot)
        assert "Export the filtered view: 1 project" in str(dialog.query_one("#export-title", Static).content)
        default = in_tmp / f"projects-{output_day().isoformat()}.csv"
        assert dialog.query_one("#export-path", Input).value == str(default)
        await pilot.press("enter")  # the first kind (CSV) is chosen; Enter on the radio set keeps it
        await _write_to(pilot, dialog, default)
        assert app.screen.id == "main" and f"Wrote {default}" in _notifications(app)
        assert _csv_ids(default) == ["e-mobilitaet"]
        _imports_as_nothing(tui_repo, default)

        await pilot.press("escape")  # clear the search and the filters: every project
        await pilot.press("a")  # active only: wlan-rathaus (completed) is left out
        await settle(pilot)
        shown = column_text(app.screen.query_one("#projects"), 0)
        assert len(shown) == 4 and "wlan-rathaus" not in shown
        dialog = await _open_export(pilot)
        dialog.set_focus(dialog.query_one("#export-kind", RadioSet))
        await pilot.press("down", "enter")  # the second kind: XLSX
        await pilot.pause()
        path_value = dialog.query_one("#export-path", Input).value
        assert path_value == str(in_tmp / f"projects-{output_day().isoformat()}.xlsx")
        target = in_tmp / "aktive.xlsx"
        await _write_to(pilot, dialog, target)
        assert app.screen.id == "main", str(dialog.query_one("#export-problem", Static).content)
        sheet = load_workbook(target).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:2] == ("ID", "Title")
        assert [row[0] for row in rows[1:]] == shown  # in the table's order
        _imports_as_nothing(tui_repo, target)
    assert _files(tui_repo) == before


async def test_the_report_of_the_filter_and_an_existing_file_replaced_only_when_asked(tui_repo, in_tmp):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _export_of_the_active(pilot, 2)  # report as HTML
        report = in_tmp / "bericht.html"
        report.write_text("old", encoding="utf-8")
        await _write_to(pilot, dialog, report)
        assert app.screen.id == "export-overwrite"
        await pilot.press("enter")  # the safe answer is focused: keep it
        await settle(pilot)
        assert app.screen is dialog and report.read_text(encoding="utf-8") == "old"
        assert "the file is kept" in str(dialog.query_one("#export-problem", Static).content)
        await pilot.press("enter")  # the path still has the focus: ask again
        await pilot.pause()
        assert app.screen.id == "export-overwrite"
        await pilot.press("right", "enter")  # replace it
        await settle(pilot)
        assert app.screen.id == "main"
        html = report.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "Only the projects with: active only." in html
        assert "4 projects" in html

        dialog = await _open_export(pilot)
        await _write_to(pilot, dialog, in_tmp / "no-such-folder" / "x.csv")
        assert app.screen is dialog  # what went wrong is said, and the dialog stays open
        problem = dialog.query_one("#export-problem", Static)
        assert "Not written:" in str(problem.content) and "cannot write" in str(problem.content)
        assert problem.has_class("error") and not (in_tmp / "no-such-folder").exists()
        await pilot.press("escape")
        assert app.screen.id == "main"


async def test_the_report_of_the_filter_as_a_pdf(tui_repo, in_tmp):
    from system_tools import required_program

    required_program(("pdftotext",), "poppler-utils")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _export_of_the_active(pilot, 3)  # report as PDF
        path_value = dialog.query_one("#export-path", Input).value
        assert path_value == str(in_tmp / f"report-{output_day().isoformat()}.pdf")
        await _write_to(pilot, dialog, Path(path_value))
        assert app.screen.id == "main", str(dialog.query_one("#export-problem", Static).content)
    pdf = Path(path_value)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Only the projects with: active only." in text and "4 projects" in text


async def test_a_broken_file_left_out_of_the_export_is_said(tui_repo, in_tmp):
    (tui_repo / "projects" / "kaputt.toml").write_text("title = \n", encoding="utf-8")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await _open_export(pilot)
        assert "Export all projects: 5 projects" in str(dialog.query_one("#export-title", Static).content)
        target = in_tmp / "alle.csv"
        await _write_to(pilot, dialog, target)
        assert app.screen.id == "main"
        assert "1 broken project file is left out" in _notifications(app)
        assert sorted(_csv_ids(target)) == ["buergerdienste", "e-mobilitaet", "gruenflaechen", "solarkataster"] + [
            "wlan-rathaus"
        ]
