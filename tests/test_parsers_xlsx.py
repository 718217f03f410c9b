"""XLSX files from outside are read by the cells they hold, never by what they declare."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from report_fixtures import ExampleRun, example, example_root  # noqa: F401

from portfolio.outputs.spreadsheet import SheetError, read_sheet, xlsx_bytes

SHEET_PART = "xl/worksheets/sheet1.xml"
MEMORY_LIMIT = 1536 * 1024 * 1024  # a sheet of the whole grid as openpyxl declares it needs ~128 GiB


def rewritten(raw: bytes, edit, part: str = SHEET_PART) -> bytes:
    """The workbook with one part's XML changed by ``edit`` (bytes -> bytes)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, edit(data) if info.filename == part else data)
    return buffer.getvalue()


def whole_grid(raw: bytes) -> bytes:
    """The workbook declaring A1:XFD1048576, its last row holding one styled empty cell (as a
    spreadsheet program writes a formatted row): openpyxl pads every row up to what is declared."""

    def edit(xml: bytes) -> bytes:
        start = xml.index(b'<dimension ref="') + len(b'<dimension ref="')
        xml = xml[:start] + b"A1:XFD1048576" + xml[xml.index(b'"', start) :]
        styled = b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'
        return xml.replace(b"</sheetData>", styled + b"</sheetData>")

    return rewritten(raw, edit)


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture
def bounded_memory():
    """This process may grow by at most ~1 GiB while the test runs: a sheet read by its declared
    size fails with MemoryError here instead of taking the shared machine's memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (in_use + 1024 * 1024 * 1024, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run_limited(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, in a process that cannot take the machine's memory."""
    worktree = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(worktree), "PORTFOLIO_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=_limited_memory,
    )


def test_a_sheet_declaring_the_whole_grid_imports_by_its_cells(example, tmp_path):
    exported = tmp_path / "sheet.xlsx"
    assert example("export", "--format", "xlsx", "-o", str(exported)).exit_code == 0
    hostile = tmp_path / "hostile.xlsx"
    hostile.write_bytes(whole_grid(exported.read_bytes()))
    assert b'ref="A1:XFD1048576"' in zipfile.ZipFile(hostile).read(SHEET_PART)

    result = run_limited(example.root, "import", str(hostile), "--yes")

    assert result.returncode == 0, result.stderr[-2000:]
    assert "nothing to import: the sheet matches the portfolio" in result.stderr
    assert hostile.stat().st_size < 20 * 1024


def test_trailing_empty_rows_and_columns_are_ignored(tmp_path, bounded_memory):
    raw = xlsx_bytes([["ID", "Title"], ["a-b", "x"]], "s")
    path = tmp_path / "styled.xlsx"
    path.write_bytes(whole_grid(raw))

    assert read_sheet(path).rows == [["ID", "Title"], ["a-b", "x"]]


@pytest.mark.parametrize(
    "cell, message",
    [
        (
            '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            "far.xlsx:1048576: row 1048576 holds a value; a sheet may have at most 100000 rows",
        ),
        (
            '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>',
            "far.xlsx:3: column XFD holds a value; a sheet may have at most 1000 columns",
        ),
    ],
    ids=["row", "column"],
)
def test_a_value_beyond_the_bound_is_refused_clearly(tmp_path, bounded_memory, cell, message):
    raw = xlsx_bytes([["ID", "Title"], ["a-b", "x"]], "s")
    path = tmp_path / "far.xlsx"
    path.write_bytes(rewritten(raw, lambda xml: xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")))

    with pytest.raises(SheetError) as refused:
        read_sheet(path)
    assert refused.value.message == message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, bounded_memory):
    """A sheet part of 129 MiB of blanks (in a file of ~130 KB): refused by what the zip declares."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["ID", "Title"], ["a-b", "x"]], "s")))
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET_PART:
                target.writestr(info.filename, source.read(info))
                continue
            head, tail = source.read(info).split(b"<sheetData>")
            with target.open(SHEET_PART, "w", force_zip64=True) as part:
                part.write(head + b"<sheetData>")
                blanks = b" " * (1024 * 1024)
                for _megabyte in range(129):
                    part.write(blanks)
                part.write(tail)
    assert path.stat().st_size < 2 * 1024 * 1024

    with pytest.raises(SheetError, match=r"bomb\.xlsx: .*unpack to more than 128 MiB"):
        read_sheet(path)


@pytest.mark.parametrize("part", [SHEET_PART, "[Content_Types].xml", "xl/workbook.xml"])
def test_a_part_declaring_entities_is_refused_naming_the_file(tmp_path, bounded_memory, part):
    raw = xlsx_bytes([["ID", "Title"], ["a-b", "x"]], "s")
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def with_doctype(xml: bytes) -> bytes:
        if xml.startswith(b"<?xml"):
            end = xml.index(b"?>") + 2
            return xml[:end] + laughs + xml[end:]
        return laughs + xml

    path = tmp_path / "entities.xlsx"
    path.write_bytes(rewritten(raw, with_doctype, part))

    with pytest.raises(SheetError) as refused:
        read_sheet(path)
    assert refused.value.message == (
        f"entities.xlsx: the part {part} declares a DOCTYPE (entities), which an XLSX never needs; refused"
    )


def test_a_malformed_part_is_refused_naming_the_file(tmp_path, bounded_memory):
    raw = xlsx_bytes([["ID", "Title"], ["a-b", "x"]], "s")
    path = tmp_path / "broken.xlsx"
    path.write_bytes(
        rewritten(raw, lambda xml: xml.replace(b"</sheetData>", b"<row><c>&undefined;</c></row></sheetData>"))
    )

    with pytest.raises(SheetError, match=r"^broken\.xlsx: not a readable XLSX workbook \("):
        read_sheet(path)
