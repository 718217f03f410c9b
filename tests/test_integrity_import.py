"""Imports of many projects, as a person runs them: a real process, a real repository, one commit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from factories import write_project

MANY = 1200


def portfolio_process(root: Path, *args: str, **options) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1]))
    return subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(root), *args],
        capture_output=True,
        text=True,
        env=environment,
        **options,
    )


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def many_rows_sheet(folder: Path, count: int = MANY) -> Path:
    """A plain CSV with ``count`` new projects whose ids are long (the commit message names each one)."""
    header = "id,title,module,status,municipalities,fields_of_action,summary,description,priority,lead,contact,"
    header += "partners,topics,start,end,budget_eur,funding,milestones,kpis,measurements,decisions,sdgs,adopted_from,links,depends_on,notes"
    empty = "," * (header.count(",") - 5)
    lines = [header]
    for number in range(count):
        project_id = f"digitale-buergerdienste-mit-langem-namen-{number:05d}"
        lines.append(
            f"{project_id},Digitale Bürgerdienste für alle Bürgerinnen und Bürger Nummer {number},2,idea,rheine,verwaltung{empty}"
        )
    sheet = folder / "viele.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sheet


def test_an_import_of_more_than_a_thousand_new_projects_commits_them_all_in_one_commit(portfolio_root, tmp_path):
    sheet = many_rows_sheet(tmp_path)
    result = portfolio_process(portfolio_root, "import", str(sheet), "--yes")
    assert result.returncode == 0, result.stderr
    assert f"imported {MANY} projects in commit" in result.stdout
    assert git(portfolio_root, "status", "--porcelain") == ""
    committed = git(portfolio_root, "show", "--name-only", "--format=", "HEAD").split()
    assert len(committed) == MANY
    message = git(portfolio_root, "log", "-1", "--format=%B")
    assert len(message) > 128 * 1024  # more than Linux takes as one argument
    again = portfolio_process(portfolio_root, "import", str(sheet), "--yes")
    assert again.returncode == 0 and "the sheet matches the portfolio" in again.stderr


def test_a_refused_commit_of_a_big_import_leaves_nothing_written_or_staged(portfolio_root, tmp_path):
    hook = portfolio_root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    result = portfolio_process(portfolio_root, "import", str(many_rows_sheet(tmp_path)), "--yes")
    assert result.returncode != 0 and "refused by the hook" in result.stderr and "Traceback" not in result.stderr
    assert list((portfolio_root / "projects").glob("*.toml")) == []
    assert git(portfolio_root, "status", "--porcelain", "--untracked-files=all") == ""


# Runs ``portfolio import`` and kills it (SIGKILL) after its 500th file is in place: the rest of the
# files are still temp files, nothing is committed.
KILLED_IMPORT = """
import os, signal, sys
import portfolio.files.store as store
from portfolio.cli.app import main

real_install, installed = store.install, []

def install_then_die(*args, **kwargs):
    stored = real_install(*args, **kwargs)
    installed.append(stored)
    if len(installed) == 500:
        os.kill(os.getpid(), signal.SIGKILL)
    return stored

store.install = install_then_die
sys.argv = ["portfolio", *sys.argv[1:]]
main()
"""


def test_a_killed_import_is_finished_by_the_rerun_and_its_temp_files_are_no_projects(portfolio_root, tmp_path):
    sheet = many_rows_sheet(tmp_path)
    environment = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1]))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, "--repo", str(portfolio_root), "import", str(sheet), "--yes"],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert killed.returncode == -9, killed.stderr
    projects = portfolio_root / "projects"
    assert len(list(projects.glob("*.toml"))) == 500 and list(projects.glob(".*.tmp"))
    check = portfolio_process(portfolio_root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    rerun = portfolio_process(portfolio_root, "import", str(sheet), "--yes")
    assert rerun.returncode == 0, rerun.stderr
    assert f"imported {MANY} projects in commit" in rerun.stdout
    assert git(portfolio_root, "status", "--porcelain", "--untracked-files=all") == ""
    assert len(git(portfolio_root, "show", "--name-only", "--format=", "HEAD").split()) == MANY
    assert sorted(path.name for path in projects.iterdir() if path.name.startswith(".")) == [".gitkeep"]


def test_a_change_an_import_wrote_and_did_not_commit_is_committed_by_the_rerun_as_a_change(
    run, portfolio_root, tmp_path
):
    from portfolio.files.canonical import canonical_text
    from portfolio.files.loading import load_project

    write_project(portfolio_root, "kiosk", title="Kiosk am Markt")
    git(portfolio_root, "add", "projects/kiosk.toml")
    git(portfolio_root, "commit", "-q", "-m", "Add kiosk")
    planned = load_project(portfolio_root, "kiosk").project.model_copy(update={"status": "planning"})
    (portfolio_root / "projects" / "kiosk.toml").write_text(canonical_text(planned), encoding="utf-8")  # then killed
    sheet = tmp_path / "kiosk.csv"
    sheet.write_text(run("export", "--plain").stdout, encoding="utf-8")
    rerun = run("import", str(sheet), "--yes")
    assert rerun.exit_code == 0, rerun.stderr
    assert "changed  kiosk" in rerun.stdout and "imported 1 project in commit" in rerun.stdout
    assert git(portfolio_root, "status", "--porcelain") == ""
    assert git(portfolio_root, "log", "-1", "--format=%s").strip() == "Status of kiosk: Idea → Planning"


def test_a_temp_file_a_killed_save_left_is_no_project_and_the_next_save_removes_it(run, portfolio_root):
    write_project(portfolio_root, "kiosk", title="Kiosk am Markt")
    stray = portfolio_root / "projects" / ".kiosk.toml.0123456789ab.tmp"
    stray.write_text("title = \n", encoding="utf-8")  # half written
    other = portfolio_root / "projects" / ".notes.tmp"  # not ours: still reported
    other.write_text("mine\n", encoding="utf-8")
    check = run("check")
    assert check.exit_code == 1 and ".notes.tmp" in check.output and ".kiosk.toml.0123" not in check.output
    assert run("set", "kiosk", "status=concept", "--no-commit").exit_code == 0
    assert not stray.exists() and other.exists()


def test_init_ignores_the_temp_files_of_a_killed_save(portfolio_root):
    """``git add -A`` after a killed save must not commit its temp file."""
    leftover = portfolio_root / "projects" / ".radweg.toml.0123456789ab.tmp"
    leftover.write_text('title = "halb"\n', encoding="utf-8")
    assert git(portfolio_root, "status", "--porcelain", "--untracked-files=all") == ""
    assert ".gitignore" in git(portfolio_root, "ls-files")
