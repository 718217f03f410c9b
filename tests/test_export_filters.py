"""``export`` and ``report`` of a part of the portfolio (the filters of ``list``), and sheets whose
header names the columns by their labels in either language or by their keys."""

from __future__ import annotations

import csv
import io

from report_fixtures import ExampleRun, example, example_root  # noqa: F401 - fixtures


def _rows(raw: bytes) -> list[list[str]]:
    delimiter = ";" if raw.startswith(b"\xef\xbb\xbf") else ","
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def _ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [row[0] for row in _rows(result.stdout_bytes)[1:]]


def _listed(example: ExampleRun, *options: str) -> list[str]:
    result = example("list", "--format", "json", *options)
    assert result.exit_code == 0, result.output
    import json

    return sorted(project["id"] for project in json.loads(result.stdout))


def test_export_takes_the_filters_of_list(example):
    everything = _ids(example("export"))
    assert len(everything) == 23
    for options in (
        ("--status", "planning", "--status", "implementation"),
        ("--municipality", "rheine", "--no-district-wide"),
        ("--municipality", "rheine"),
        ("--field", "energie", "--active"),
        ("--search", "wärme"),
    ):
        chosen = _ids(example("export", *options))
        assert sorted(chosen) == _listed(example, *options) and 0 < len(chosen) < 23, options
    refused = example("export", "--status", "umsetzen")
    assert refused.exit_code == 2 and "'umsetzen' is not one of" in refused.output


def test_the_header_is_in_the_chosen_language_and_plain_csv_keeps_the_keys(example):
    german = _rows(example("--lang", "de", "export").stdout_bytes)[0]
    english = _rows(example("--lang", "en", "export").stdout_bytes)[0]
    plain = _rows(example("export", "--plain").stdout_bytes)[0]
    assert german[:6] == ["ID", "Titel", "Modul", "Status", "Kommunen", "Handlungsfelder"], german
    assert english[:6] == ["ID", "Title", "Module", "Status", "Municipalities", "Fields of action"]
    assert plain[:4] == ["id", "title", "module", "status"] and len(plain) == len(german) == len(english)


def test_a_sheet_with_german_labels_keys_or_english_labels_imports_as_the_identity(example, tmp_path):
    before = example.head()
    for lang, options in (("de", ()), ("en", ()), ("de", ("--plain",)), ("de", ("--format", "xlsx"))):
        path = tmp_path / f"sheet-{lang}-{len(options)}.{'xlsx' if 'xlsx' in options else 'csv'}"
        assert example("--lang", lang, "export", "-o", str(path), *options).exit_code == 0
        other = "en" if lang == "de" else "de"  # read in the other language
        result = example("--lang", other, "import", str(path), "--yes")
        assert result.exit_code == 0, result.output
        assert example.head() == before and example.status() == ""


def test_a_german_header_with_an_edit_imports_that_edit(example, tmp_path):
    path = tmp_path / "teil.csv"
    assert example("--lang", "de", "export", "--status", "planning", "-o", str(path)).exit_code == 0
    rows = _rows(path.read_bytes())
    rows[0] = [cell.upper() if cell == "Status" else cell for cell in rows[0]]  # case does not count
    status = rows[0].index("STATUS")
    rows[1][status] = "Umsetzung"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    result = example("import", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert "imported 1 project" in result.output and "Planning -> Implementation" in result.output


def test_the_report_counts_only_the_chosen_projects_and_says_so(example):
    whole = example("--lang", "en", "report", "--since", "2020-01-01")
    part = example("--lang", "en", "report", "--since", "2020-01-01", "--municipality", "rheine", "--no-district-wide")
    assert whole.exit_code == part.exit_code == 0, part.output
    count = len(_listed(example, "--municipality", "rheine", "--no-district-wide"))
    assert "23 projects" in whole.output and "Only the projects" not in whole.output
    assert f"{count} projects" in part.output or f"{count} project." in part.output
    assert "Only the projects with: municipality Rheine; without the district" in part.output
    last_period = part.output.rstrip().splitlines()[-1]  # the flow over time counts the same projects
    assert sum(int(cell) for cell in last_period.strip("|").split("|")[1:]) == count
    html = example("report", "--format", "html", "--status", "idea", "--status", "planning")
    assert html.exit_code == 0 and "Only the projects with: status Idea or Planning." in html.output


def test_every_header_of_either_language_names_one_column():
    from portfolio.domain.fields import registry
    from portfolio.i18n import in_every_language
    from portfolio.outputs.sheet_header import header_names

    names = header_names()
    for field in registry():
        for text in (*in_every_language(field.label), field.name, f"  {field.label.upper()} "):
            assert names.get(text.strip().casefold()) == field.name, text
    assert names["id"] == "id" and names["titel"] == "title" and names["kommunen"] == "municipalities"
