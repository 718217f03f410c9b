"""A CSV read with the wrong delimiter says so instead of naming one long unknown column."""

from __future__ import annotations

from report_fixtures import ExampleRun, example, example_root  # noqa: F401


def test_a_comma_header_with_semicolon_rows_gets_a_delimiter_hint(example, tmp_path):
    exported = tmp_path / "sheet.csv"
    assert example("export", "-o", str(exported)).exit_code == 0
    text = exported.read_bytes().decode("utf-8-sig")
    header, rest = text.split("\r\n", 1)
    # a header retyped with commas, the rows still as the German spreadsheet wrote them
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(header.replace(";", ",") + "\r\n" + rest, encoding="utf-8")

    result = example("import", str(mixed), "--yes")

    assert result.exit_code == 1, result.output
    assert "mixed.csv:2: the rows look ';'-separated, but row 1 is read as ','-separated" in result.output
