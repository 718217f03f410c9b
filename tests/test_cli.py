"""The CLI contract: commands, formats, exit codes (0 fine, 1 problems, 2 usage/environment)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from factories import write_project

from portfolio.cli.app import cli


def _log(root: Path, *args: str) -> str:
    return git.Repo(root).git.log(*args)


def _new(run, project_id="klimaschutz-app", *extra):
    return run(
        "new",
        project_id,
        "--title",
        "Klimaschutz-App",
        "--module",
        "2",
        "--municipality",
        "rheine",
        "--municipality",
        "greven",
        "--field",
        "umwelt",
        "--field",
        "energie",
        *extra,
    )


def test_new_writes_a_canonical_file_and_commits_only_it(run, portfolio_root):
    (portfolio_root / "unrelated.txt").write_text("not mine\n")
    git.Repo(portfolio_root).git.add("unrelated.txt")
    result = _new(run)
    assert result.exit_code == 0, result.output
    text = (portfolio_root / "projects" / "klimaschutz-app.toml").read_text(encoding="utf-8")
    assert text.startswith('title = "Klimaschutz-App"\nmodule = 2\nstatus = "idea"\n')
    assert (
        _log(portfolio_root, "-1", "--format=%an <%ae>|%s")
        == "Test Author <author@example.org>|Add project klimaschutz-app: Klimaschutz-App"
    )
    assert _log(portfolio_root, "-1", "--name-only", "--format=") == "projects/klimaschutz-app.toml"
    assert "A  unrelated.txt" in git.Repo(portfolio_root).git.status("--porcelain")  # still staged, not committed


def test_new_with_invalid_values_writes_nothing(run, portfolio_root):
    result = run(
        "new", "radweg", "--title", "Radweg", "--module", "4", "--municipality", "atlantis", "--field", "umwelt"
    )
    assert result.exit_code == 1
    assert "module must be one of 2, 3" in result.stderr
    assert "unknown municipality 'atlantis'" in result.stderr
    assert not (portfolio_root / "projects" / "radweg.toml").exists()


def test_new_refuses_an_existing_id_and_an_invalid_id(run, portfolio_root):
    assert _new(run).exit_code == 0
    again = _new(run)
    assert again.exit_code == 1 and "already exists" in again.stderr
    invalid = _new(run, "Klima_App")
    assert invalid.exit_code == 1 and "not a valid project id" in invalid.stderr


def test_set_moves_the_status_with_a_message_saying_so(run, portfolio_root):
    _new(run)
    result = run("set", "klimaschutz-app", "status=concept")
    assert result.exit_code == 0, result.output
    assert _log(portfolio_root, "-1", "--format=%s") == "Status of klimaschutz-app: Idea → Concept"


def test_set_lists_dates_numbers_and_tables(run, portfolio_root):
    _new(run)
    result = run(
        "set",
        "klimaschutz-app",
        "municipalities=rheine, ochtrup",
        "start=2026-01-15",
        "budget_eur=25000",
        'milestones=[{title = "Start", due = 2026-02-01}]',
        "-m",
        "Details ergänzt",
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(run("show", "klimaschutz-app", "--format", "json").stdout)
    assert shown["municipalities"] == ["rheine", "ochtrup"]
    assert shown["start"] == "2026-01-15" and shown["budget_eur"] == 25000
    assert shown["milestones"] == [{"title": "Start", "due": "2026-02-01", "done": False}]
    assert _log(portfolio_root, "-1", "--format=%s") == "Details ergänzt"
    removed = run("set", "klimaschutz-app", "budget_eur=")
    assert (
        removed.exit_code == 0
        and json.loads(run("show", "klimaschutz-app", "--format", "json").stdout)["budget_eur"] is None
    )


def test_set_rejects_unknown_keys_and_invalid_values_without_writing(run, portfolio_root):
    _new(run)
    path = portfolio_root / "projects" / "klimaschutz-app.toml"
    before = path.read_bytes()
    unknown = run("set", "klimaschutz-app", "stauts=concept")
    assert unknown.exit_code == 2 and "did you mean 'status'" in unknown.stderr
    invalid = run("set", "klimaschutz-app", "end=2020-01-01", "start=2021-01-01")
    assert invalid.exit_code == 1 and "date-order" in invalid.stderr
    assert path.read_bytes() == before
    same = run("set", "klimaschutz-app", "status=idea")
    assert same.exit_code == 0 and "nothing to change" in same.stdout


def test_missing_git_identity_is_exit_2_with_instructions_and_nothing_written(run, portfolio_root, no_git_identity):
    created = _new(run)
    assert created.exit_code == 2
    assert "git config --global user.name" in created.stderr
    assert not (portfolio_root / "projects" / "klimaschutz-app.toml").exists()
    assert _new(run, "klimaschutz-app", "--no-commit").exit_code == 0  # writing without a commit needs no identity
    path = portfolio_root / "projects" / "klimaschutz-app.toml"
    before = path.read_bytes()
    moved = run("set", "klimaschutz-app", "status=concept")
    assert moved.exit_code == 2 and path.read_bytes() == before


@pytest.mark.parametrize("state", ["merge", "detached", "index-lock"])
def test_commit_is_refused_in_unsafe_git_states(run, portfolio_root, state):
    _new(run)
    repo = git.Repo(portfolio_root)
    if state == "merge":
        (Path(repo.git_dir) / "MERGE_HEAD").write_text(repo.head.commit.hexsha + "\n")
        expected = "merge is in progress"
    elif state == "detached":
        repo.git.checkout("--detach")
        expected = "HEAD is detached"
    else:
        (Path(repo.git_dir) / "index.lock").write_text("")
        expected = "index.lock"
    path = portfolio_root / "projects" / "klimaschutz-app.toml"
    before = path.read_bytes()
    result = run("set", "klimaschutz-app", "status=concept")
    assert result.exit_code == 2 and expected in result.stderr, result.stderr
    assert path.read_bytes() == before


def test_repo_option_before_or_after_the_command_and_from_the_environment(portfolio_root, monkeypatch, tmp_path):
    write_project(portfolio_root, "radweg-greven")
    runner = CliRunner()
    before = runner.invoke(cli, ["--repo", str(portfolio_root), "list", "--format", "json"])
    after = runner.invoke(cli, ["list", "--format", "json", "--repo", str(portfolio_root)])
    monkeypatch.setenv("PORTFOLIO_REPO", str(portfolio_root))
    from_env = runner.invoke(cli, ["list", "--format", "json"])
    monkeypatch.delenv("PORTFOLIO_REPO")
    monkeypatch.chdir(portfolio_root / "projects")
    from_cwd = runner.invoke(cli, ["list", "--format", "json"])
    outputs = {r.stdout for r in (before, after, from_env, from_cwd)}
    assert len(outputs) == 1 and '"id": "radweg-greven"' in outputs.pop()


def test_outside_a_repository_and_outside_a_portfolio_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    outside = runner.invoke(cli, ["list"])
    assert outside.exit_code == 2 and "not inside a git repository" in outside.stderr
    git.Repo.init(tmp_path / "other").close()
    not_portfolio = runner.invoke(cli, ["--repo", str(tmp_path / "other"), "check"])
    assert not_portfolio.exit_code == 2 and "no projects/ folder" in not_portfolio.stderr


def test_usage_errors_are_exit_2(run):
    assert run("list", "--status", "fertig").exit_code == 2
    assert run("check", "--format", "yaml").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_list_filters_and_formats(run, portfolio_root):
    write_project(
        portfolio_root,
        "radweg-greven",
        municipalities=["greven"],
        fields_of_action=["mobilitaet"],
        status="planning",
        module=3,
    )
    write_project(portfolio_root, "buergerportal", municipalities=["kreis-steinfurt"], start=None)
    ids = lambda *args: [p["id"] for p in json.loads(run("list", "--format", "json", *args).stdout)]  # noqa: E731
    assert ids() == ["buergerportal", "radweg-greven"]
    assert ids("--status", "planning") == ["radweg-greven"]
    assert ids("--municipality", "kreis-steinfurt") == ["buergerportal"]
    assert ids("--field", "mobilitaet") == ["radweg-greven"]
    assert ids("--module", "2") == ["buergerportal"]
    table = run("list").stdout.splitlines()
    assert table[0].split()[:2] == ["ID", "STATUS"] and "Planning" in table[2]
    rows = run("list", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("id,path,title,module,status,municipalities")
    assert rows[2].startswith("radweg-greven,projects/radweg-greven.toml,")


def test_list_csv_guards_cells_a_spreadsheet_would_run_as_formulas(run, portfolio_root):
    """``list --format csv`` uses the same guard as ``export``: a ``'`` before = + - @."""
    write_project(portfolio_root, "formel", title='=HYPERLINK("https://example.org","klick")', lead="@Stadt Rheine")
    write_project(portfolio_root, "harmlos", title="Radweg = schnell", lead="Stadt Greven")
    result = run("list", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["formel"]["title"] == "'" + '=HYPERLINK("https://example.org","klick")'
    assert rows["formel"]["lead"] == "'@Stadt Rheine"
    assert rows["harmlos"]["title"] == "Radweg = schnell" and rows["harmlos"]["lead"] == "Stadt Greven"


def test_list_csv_is_written_by_the_export_csv_writer(run, portfolio_root):
    """One CSV writer: ``list --format csv`` goes through the export's writer and its guard."""
    write_project(portfolio_root, "formel", title="=SUMME(A1:A3) Radweg", lead="'=schon geschuetzt")
    result = run("list", "--format", "csv")
    assert result.exit_code == 0, result.output
    row = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}["formel"]
    assert row["title"] == "'=SUMME(A1:A3) Radweg" and row["lead"] == "''=schon geschuetzt"
    root = Path(__file__).resolve().parent.parent / "portfolio"
    writers = sorted(str(path.relative_to(root)) for path in root.rglob("*.py") if "csv.writer(" in path.read_text())
    assert writers == ["outputs/spreadsheet.py"]


def test_show_text_and_json(run, portfolio_root):
    write_project(portfolio_root, "radweg-greven", description="Zeile eins\nZeile zwei", start=date(2026, 3, 1))
    text = run("show", "radweg-greven").stdout
    assert "Idea (idea)" in text and "Zeile zwei" in text
    missing = run("show", "gibt-es-nicht")
    assert missing.exit_code == 1 and "no project" in missing.stderr


def test_check_warnings_comments_and_canonical_form_and_strict(run, portfolio_root):
    write_project(
        portfolio_root,
        "radweg-greven",
        '# Kommentar\ntitle = "Radweg"\nmodule = 2\nstatus = "idea"\nmunicipalities = ["greven"]\n'
        'fields_of_action = ["mobilitaet"]\n',
    )
    lenient = run("check", "--format", "json")
    assert lenient.exit_code == 0
    warnings = [(w["line"], w["code"]) for w in json.loads(lenient.stdout)["warnings"]]
    assert warnings == [(1, "comment"), (1, "not-canonical")]
    strict = run("check", "--strict")
    assert strict.exit_code == 1 and "error[comment]" in strict.stdout


def test_check_github_annotations_are_escaped(run, portfolio_root):
    write_project(portfolio_root, "radweg-greven", municipalities=["a%b,c:d"])
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    line = result.stdout.strip()
    assert line.startswith("::error file=projects/radweg-greven.toml,line=5,col=5,title=unknown-municipality::")
    assert "a%25b" in line and "\n" not in line


def test_fmt_check_and_rewrite(run, portfolio_root):
    path = write_project(
        portfolio_root,
        "radweg-greven",
        '# alt\ntitle = "Radweg"\nmodule = 2\nstatus = "idea"\nmunicipalities = ["greven"]\n'
        'fields_of_action = ["mobilitaet"]\n',
    )
    checked = run("fmt", "--check")
    assert checked.exit_code == 1 and "would reformat projects/radweg-greven.toml" in checked.stdout
    rewritten = run("fmt", "radweg-greven")
    assert rewritten.exit_code == 0 and "comments removed" in rewritten.stdout
    assert path.read_text(encoding="utf-8").startswith('title = "Radweg"\nmodule = 2\n')
    assert run("fmt", "--check").exit_code == 0 and run("check", "--strict").exit_code == 0


def test_schema_is_json_with_the_vocabulary(run):
    schema = json.loads(run("schema").stdout)
    assert "kreis-steinfurt" in schema["properties"]["municipalities"]["items"]["enum"]
    assert schema["properties"]["status"]["enum"][0] == "idea"
    assert schema["additionalProperties"] is False


def test_init_creates_a_ready_portfolio_with_or_without_examples(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(tmp_path / "region")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "region"
    assert sorted(p.name for p in (root / "schema").iterdir()) == [
        "fields_of_action.toml",
        "municipalities.toml",
        "portfolio.toml",
        "project.schema.json",
        "statuses.toml",
    ]
    assert git.Repo(root).git.status("--porcelain") == ""
    assert runner.invoke(cli, ["--repo", str(root), "check"]).exit_code == 0
    again = runner.invoke(cli, ["init", str(root)])
    assert again.exit_code == 1 and "already" in again.stderr

    with_examples = runner.invoke(cli, ["init", str(tmp_path / "beispiel"), "--example"])
    assert with_examples.exit_code == 0
    bundled = sorted(p.name for p in (Path(__file__).parents[1] / "projects").glob("*.toml"))
    assert sorted(p.name for p in (tmp_path / "beispiel" / "projects").glob("*.toml")) == bundled


def test_init_without_identity_writes_nothing(tmp_path, no_git_identity):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "region")])
    assert result.exit_code == 2 and "user.email" in result.stderr
    assert not (tmp_path / "region" / "schema").exists()


def test_python_dash_m_portfolio_runs_the_cli(portfolio_root):
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(portfolio_root), "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "checked" in result.stderr and "Traceback" not in result.stderr


def test_set_refuses_a_dependency_on_a_missing_project_or_on_itself(run, portfolio_root):
    _new(run)
    write_project(portfolio_root, "sensornetz")
    assert run("set", "klimaschutz-app", "depends_on=sensornetz").exit_code == 0
    missing = run("set", "klimaschutz-app", "depends_on=sensornetz,gibt-es-nicht")
    assert missing.exit_code == 1 and "no project 'gibt-es-nicht'" in missing.stderr
    itself = run("set", "klimaschutz-app", "depends_on=klimaschutz-app")
    assert itself.exit_code == 1 and "cannot depend on itself" in itself.stderr


def test_set_vocabulary_fields_and_list_items_containing_commas(run, portfolio_root):
    _new(run)
    result = run(
        "set", "klimaschutz-app", "priority=high", 'partners=["Stadtwerke Rheine GmbH, Netzbetrieb", "WESt mbH"]'
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(run("show", "klimaschutz-app", "--format", "json").stdout)
    assert shown["priority"] == "high"
    assert shown["partners"] == ["Stadtwerke Rheine GmbH, Netzbetrieb", "WESt mbH"]
    wrong = run("set", "klimaschutz-app", "priority=dringend")
    assert wrong.exit_code == 1 and "unknown priority 'dringend'" in wrong.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """``portfolio show X | head -1``: no traceback and no 'internal error' when the pipe closes."""
    repository = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "portfolio", "--repo", str(repository), "show", "mobilstationen-greven"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # the reader is gone before the first line is written
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert stderr == ""
