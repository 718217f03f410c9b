"""``portfolio check`` over several processes finds exactly what one process finds.

A large portfolio is checked in shares, one per core (``files/parallel_check.py``). The corpus here
mixes every kind of broken file of the bad-input suite, files that are valid but not canonical or
carry comments, and rules across files whose projects land in different shares (a dependency on a
broken file, an unknown dependency, a cycle through three shares). The result must be the same,
problem for problem, as the one-process check that the suite has always run.
"""

from __future__ import annotations

import json

import pytest
from factories import write_project
from test_bad_input import CASES

from portfolio.files import parallel_check
from portfolio.files.checker import check_portfolio, rule_problems
from portfolio.files.loading import load_portfolio
from portfolio.files.schema_file import schema_file_problems
from portfolio.problems import sorted_unique


def _corpus(root) -> None:
    for index in range(60):
        write_project(root, f"projekt-{index:03d}", title=f"Gutes Projekt {index}")
    for name, raw, *_rest in CASES:
        (root / "projects" / f"{name}.toml").write_bytes(raw)
    # Valid, but with a comment and out of canonical order: warnings.
    (root / "projects" / "kommentar.toml").write_text(
        '# Entwurf\nmodule = 2\ntitle = "Mit Kommentar"\nstatus = "idea"\n'
        'municipalities = ["rheine"]\nfields_of_action = ["verwaltung"]\n',
        encoding="utf-8",
    )
    # Rules across files, spread over the listing so that the shares meet.
    write_project(root, "aaa-kreis", depends_on=["zzz-kreis"], title="Kreis A")
    write_project(root, "mmm-kreis", depends_on=["aaa-kreis"], title="Kreis M")
    write_project(root, "zzz-kreis", depends_on=["mmm-kreis", "gibt-es-nicht", "zzz-kreis"], title="Kreis Z")
    write_project(root, "projekt-zzz", depends_on=["invalid-toml", "deep"], title="Haengt an kaputten")


def _one_process(root):
    """The check as one process runs it: load everything, then the rules across files."""
    portfolio = load_portfolio(root, lint=True)
    problems = portfolio.problems + rule_problems(portfolio) + schema_file_problems(root, portfolio.vocabulary)
    return sorted_unique(problems), portfolio.files_checked


@pytest.mark.parametrize("cores", [2, 3])
def test_the_check_in_shares_finds_what_one_process_finds(portfolio_root, monkeypatch, cores):
    _corpus(portfolio_root)
    expected, checked = _one_process(portfolio_root)
    codes = {problem.code for problem in expected}
    assert {"dependency-cycle", "unknown-dependency", "self-dependency", "not-canonical", "comment"} <= codes
    assert {case[2] for case in CASES} <= codes

    monkeypatch.setattr(parallel_check, "FILES_PER_WORKER", 10)
    monkeypatch.setattr(parallel_check, "_cores", lambda: cores)
    assert parallel_check.worker_count(checked) == cores
    result = check_portfolio(portfolio_root)
    assert result.files_checked == checked
    assert result.problems == expected


def test_a_portfolio_checked_in_shares_reports_through_the_command_line(portfolio_root, monkeypatch, run):
    """The same JSON report, whole process semantics aside: checked count and errors of every share."""
    _corpus(portfolio_root)
    single = json.loads(run("check", "--format", "json").stdout)
    monkeypatch.setattr(parallel_check, "FILES_PER_WORKER", 10)
    monkeypatch.setattr(parallel_check, "_cores", lambda: 2)
    shared = json.loads(run("check", "--format", "json").stdout)
    assert shared == single
    assert shared["checked"] == 60 + len(CASES) + 5


def test_few_files_stay_in_one_process(monkeypatch):
    monkeypatch.setattr(parallel_check, "_cores", lambda: 8)
    assert parallel_check.worker_count(parallel_check.FILES_PER_WORKER - 1) == 1
    assert parallel_check.worker_count(parallel_check.FILES_PER_WORKER * 3) == 3
    monkeypatch.setattr(parallel_check.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert parallel_check.worker_count(100_000) == 1


def test_a_process_with_other_threads_checks_alone(monkeypatch):
    """fork copies one thread; a lock held by another would stay locked in the child."""
    import threading

    monkeypatch.setattr(parallel_check, "_cores", lambda: 4)
    started, release = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (started.set(), release.wait(10)))
    other.start()
    started.wait(5)
    try:
        assert parallel_check.worker_count(parallel_check.FILES_PER_WORKER * 4) == 1
    finally:
        release.set()
        other.join()
    assert parallel_check.worker_count(parallel_check.FILES_PER_WORKER * 4) == 4
