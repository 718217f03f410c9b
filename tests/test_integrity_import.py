"""Imports of many projects, as a person runs them: a real process, a real repository, one commit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    header += "partners,topics,start,end,budget_eur,funding,milestones,kpis,links,depends_on,notes"
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
