"""Every kind of bad input gets a clear message naming the file (and line and column where known),
and never hides the other projects."""

from __future__ import annotations

import json
import os

import pytest
import tomli_w
from factories import minimal_project, write_project

GOOD = tomli_w.dumps(minimal_project(), multiline_strings=True)


def canonical(**fields) -> bytes:
    return tomli_w.dumps(minimal_project(**fields), multiline_strings=True).encode()


CASES = [
    # name, file bytes, code, line, column
    ("invalid-toml", b'title = "Digitale Dienste\nmodule = 2\n', "toml-syntax", 1, 26),
    ("duplicate-key", GOOD.encode() + b'title = "Nochmal"\n', "duplicate-key", 10, 1),
    ("bom", b"\xef\xbb\xbf" + GOOD.encode(), "bom", 1, 1),
    ("invalid-utf8", GOOD.encode().replace(b"B\xc3\xbcrger", b"B\xfcrger"), "encoding", 1, 20),
    ("conflict", b"<<<<<<< HEAD\n" + GOOD.encode() + b"=======\n>>>>>>> branch\n", "conflict-marker", 1, 1),
    ("deep", b"notes = " + b"[" * 5000 + b"]" * 5000 + b"\n", "too-deep", 1, 73),
    ("huge-integer", GOOD.encode() + b"budget_eur = " + b"9" * 5000 + b"\n", "huge-integer", 10, 14),
    ("unknown-key", GOOD.encode() + b'color = "blau"\n', "unknown-key", 10, 1),
    ("module-as-string", canonical(module="2"), "wrong-type", 2, 10),
    ("unknown-municipality", canonical(municipalities=["rheine", "muenster"]), "unknown-municipality", 6, 5),
    ("unknown-field", canonical(fields_of_action=["wetter"]), "unknown-field", 8, 5),
    ("empty-list", canonical(fields_of_action=[]), "empty-list", 7, 20),
    ("end-before-start", GOOD.encode() + b"start = 2025-05-01\nend = 2025-04-30\n", "date-order", 11, 1),
    ("escape-in-title", canonical(title="Fahrplan\x1b[31m rot"), "control-char", 1, 9),
    ("bidi-in-title", canonical(title="Rechnung \u202efdp.exe"), "control-char", 1, 9),
    ("newline-in-lead", canonical(lead="Stadt\nRheine"), "control-char", 10, 8),
    ("http-link", canonical(links=["http://www.kreis-steinfurt.de"]), "https", 11, 5),
    ("title-too-short", canonical(title="ab"), "too-short", 1, 9),
    ("duplicate-municipality", canonical(municipalities=["rheine", "greven", "rheine"]), "duplicate", 7, 5),
    ("negative-budget", GOOD.encode() + b"budget_eur = -5\n", "out-of-range", 10, 14),
    ("bad-topic", canonical(topics=["Open Data"]), "topic", 11, 5),
]


@pytest.mark.parametrize("name, raw, code, line, column", CASES, ids=[case[0] for case in CASES])
def test_bad_file_is_reported_precisely_and_the_others_still_load(run, portfolio_root, name, raw, code, line, column):
    write_project(portfolio_root, "gute-idee", GOOD)
    (portfolio_root / "projects" / f"{name}.toml").write_bytes(raw)

    result = run("check", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    found = [
        (e["line"], e["column"]) for e in report["errors"] if e["path"] == f"projects/{name}.toml" and e["code"] == code
    ]
    assert found, report
    assert found[0] == (line, column), report
    assert report["checked"] == 2
    assert not [e for e in report["errors"] if e["path"] == "projects/gute-idee.toml"]

    listed = run("list", "--format", "json")
    assert listed.exit_code == 0
    assert [p["id"] for p in json.loads(listed.stdout)] == ["gute-idee"]
    assert f"projects/{name}.toml" in listed.stderr


def test_text_format_is_path_line_column_severity_code_message(run, portfolio_root):
    write_project(portfolio_root, "modul", canonical(module="2").decode())
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "projects/modul.toml:2:10: error[wrong-type]: module must be an integer"
    )
    assert "1 project files checked" in result.stderr or "checked" in result.stderr


def test_file_over_the_size_cap_is_not_parsed(run, portfolio_root):
    (portfolio_root / "projects" / "riesig.toml").write_bytes(GOOD.encode() + b"#" * (1024 * 1024))
    report = json.loads(run("check", "--format", "json").stdout)
    assert [e["code"] for e in report["errors"]] == ["too-large"]


def test_symlink_in_projects_is_reported_and_never_read(run, portfolio_root, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text('title = "GEHEIM-123"\n', encoding="utf-8")
    os.symlink(secret, portfolio_root / "projects" / "verweis.toml")
    write_project(portfolio_root, "gute-idee", GOOD)
    result = run("check", "--format", "json")
    report = json.loads(result.stdout)
    assert [(e["path"], e["code"]) for e in report["errors"]] == [("projects/verweis.toml", "symlink")]
    assert "GEHEIM" not in result.output
    shown = run("show", "verweis")
    assert shown.exit_code == 1 and "symbolic link" in shown.stderr and "GEHEIM" not in shown.output


@pytest.mark.parametrize(
    "name, code",
    [
        ("Foo.toml", "bad-filename"),
        ("x.txt", "bad-filename"),
        ("-a.toml", "bad-filename"),
        ("unterordner", "bad-filename"),
    ],
)
def test_files_that_are_not_project_files_are_errors(run, portfolio_root, name, code):
    target = portfolio_root / "projects" / name
    if "." in name:
        target.write_text(GOOD, encoding="utf-8")
    else:
        target.mkdir()
    report = json.loads(run("check", "--format", "json").stdout)
    assert [(e["path"], e["code"]) for e in report["errors"]] == [(f"projects/{name}", code)]


def test_ids_differing_only_in_case_are_reported_on_both_files(run, portfolio_root):
    write_project(portfolio_root, "radweg", GOOD)
    write_project(portfolio_root, "Radweg", GOOD)
    report = json.loads(run("check", "--format", "json").stdout)
    collisions = sorted(e["path"] for e in report["errors"] if e["code"] == "id-case-collision")
    assert collisions == ["projects/Radweg.toml", "projects/radweg.toml"]


def test_depends_on_a_missing_project_points_at_the_item(run, portfolio_root):
    write_project(portfolio_root, "basis", GOOD)
    write_project(portfolio_root, "aufbau", canonical(depends_on=["basis", "fehlt-noch"]).decode())
    report = json.loads(run("check", "--format", "json").stdout)
    assert [(e["path"], e["line"], e["column"], e["code"]) for e in report["errors"]] == [
        ("projects/aufbau.toml", 12, 5, "unknown-dependency")
    ]


def test_dependency_cycle_is_an_error(run, portfolio_root):
    write_project(portfolio_root, "henne", canonical(depends_on=["eier"]).decode())
    write_project(portfolio_root, "eier", canonical(depends_on=["henne"]).decode())
    report = json.loads(run("check", "--format", "json").stdout)
    assert sorted(e["path"] for e in report["errors"] if e["code"] == "dependency-cycle") == [
        "projects/eier.toml",
        "projects/henne.toml",
    ]


def test_markup_in_a_title_is_valid_data_shown_literally(run, portfolio_root):
    for project_id, title in [("klick", "[@click=app.quit]x[/]"), ("fett", "fix [/bold] later")]:
        write_project(portfolio_root, project_id, canonical(title=title).decode())
    assert run("check").exit_code == 0
    listed = run("list")
    assert "[@click=app.quit]x[/]" in listed.stdout and "fix [/bold] later" in listed.stdout


def test_control_characters_in_multiline_text_are_rejected_and_shown_escaped(run, portfolio_root):
    write_project(portfolio_root, "notiz", canonical(notes="Zeile 1\nZeile 2 \x1b]0;pwned\x07").decode())
    result = run("check")
    assert "control-char" in result.stdout
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_several_problems_in_several_files_are_all_reported_sorted_and_once(run, portfolio_root):
    write_project(portfolio_root, "b-projekt", canonical(module="3", status="unbekannt").decode())
    write_project(portfolio_root, "a-projekt", canonical(municipalities=[]).decode())
    report = json.loads(run("check", "--format", "json").stdout)
    keys = [(e["path"], e["line"], e["code"]) for e in report["errors"]]
    assert keys == [
        ("projects/a-projekt.toml", 4, "empty-list"),
        ("projects/b-projekt.toml", 2, "wrong-type"),
        ("projects/b-projekt.toml", 3, "unknown-status"),
    ]
