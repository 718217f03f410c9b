"""A shallow clone has no real root: its history would start at the shallow boundary, every project
"created" there by whoever made that commit. The history views refuse and say how to fix it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_run import CliRun
from history_fixtures import git, save


def _clone(origin: Path, target: Path, depth: int) -> Path:
    subprocess.run(
        ["git", "clone", "-q", f"--depth={depth}", f"file://{origin}", str(target)], check=True, capture_output=True
    )
    return target


@pytest.fixture
def origin(portfolio_root: Path) -> Path:
    git(portfolio_root, "commit", "-q", "--allow-empty", "-m", "Nothing about projects yet")
    save(portfolio_root, "radweg", "Add radweg", author="anna", title="Radweg-Netz")
    save(portfolio_root, "radweg", "Plan radweg", author="bernd", title="Radweg-Netz", status="planning")
    save(portfolio_root, "schulen", "Add schulen", author="cem", title="Digitale Schulen")
    return portfolio_root


@pytest.fixture
def shallow(origin: Path, tmp_path: Path) -> Path:
    return _clone(origin, tmp_path / "shallow", depth=1)


HISTORY_VIEWS = (("history", "radweg"), ("log",), ("blame", "radweg"), ("timeline",), ("log", "--format", "json"))


def test_history_views_refuse_in_a_shallow_clone_and_say_how_to_fix_it(shallow: Path) -> None:
    run = CliRun(shallow)
    for view in HISTORY_VIEWS:
        result = run(*view)
        assert result.exit_code == 2, (view, result.output)
        assert "shallow clone" in result.stderr and "git fetch --unshallow" in result.stderr, view
        assert "created" not in result.stdout and "Cem" not in result.stdout, view


def test_the_report_still_counts_but_shows_no_history(shallow: Path) -> None:
    result = CliRun(shallow)("report", "--since", "2020-01-01")
    assert result.exit_code == 0, result.output
    assert "2 projects" in result.stdout
    assert "git fetch \\-\\-unshallow" in result.stdout or "git fetch --unshallow" in result.stdout
    assert "Radweg" not in result.stdout.split("No history")[1]  # no status move claims "new" at the boundary


def test_after_unshallow_the_real_history_is_there(shallow: Path) -> None:
    run = CliRun(shallow)
    assert run("history", "radweg").exit_code == 2
    git(shallow, "fetch", "-q", "--unshallow")
    result = run("history", "radweg", "--reverse")
    assert result.exit_code == 0, result.output
    assert result.stdout.index("Anna Albers") < result.stdout.index("Bernd Brandt")


def test_a_shallow_boundary_before_the_first_project_is_no_problem(origin: Path, tmp_path: Path) -> None:
    # depth 4: the boundary is "Nothing about projects yet", whose tree holds no project file
    clone = _clone(origin, tmp_path / "deep-enough", depth=4)
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    result = CliRun(clone)("history", "radweg", "--reverse")
    assert result.exit_code == 0, result.output
    assert result.stdout.index("Anna Albers") < result.stdout.index("Bernd Brandt")
