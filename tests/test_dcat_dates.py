"""The catalogue's dates come from the history: ``dct:issued`` the portfolio's first commit,
``dct:modified`` the last commit touching ``projects/``; so two exports without a new commit are byte for byte the
same, whatever the day, and a commit elsewhere changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from report_fixtures import example, example_root, git_out  # noqa: F401

from portfolio.git.project_dates import project_dates

BASE = "https://smart-region.example.org/portfolio/"
PROJECT = Path("projects") / "radverkehrszaehlung-rheine.toml"


def _epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()))


def _export(example, monkeypatch, day: str) -> bytes:
    """The catalogue as ``export -o`` writes it, made on ``day`` (SOURCE_DATE_EPOCH)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(day))
    target = example.root.parent / f"dcat-{day}.jsonld"
    result = example("export", "--format", "dcat", "--base-url", BASE, "-o", str(target))
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def _dates(data: bytes) -> set[tuple[str, str]]:
    """(property, date) of every dated node of the catalogue."""
    return {
        (key, node[key]["@value"])
        for node in json.loads(data)["@graph"]
        for key in ("dct:issued", "dct:modified")
        if key in node
    }


def _commit(root: Path, message: str, when: str, *paths: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "--", *paths], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def _first_commit_day(root: Path) -> str:
    return git_out(root, "log", "--max-parents=0", "--format=%cI")[:10]


def test_two_exports_without_a_new_commit_are_byte_identical_whatever_the_day(example, monkeypatch):
    first = _export(example, monkeypatch, "2030-03-01")
    assert _export(example, monkeypatch, "2030-03-01") == first
    assert _export(example, monkeypatch, "2031-07-15") == first
    issued = _first_commit_day(example.root)
    assert _dates(first) == {("dct:issued", issued), ("dct:modified", issued)}


def test_two_export_processes_on_different_days_write_the_same_file(example):
    written = []
    for day in ("2030-03-01", "2034-11-30"):
        target = example.root.parent / f"process-{day}.jsonld"
        command = [sys.executable, "-m", "portfolio", "--repo", str(example.root), "export", "--format", "dcat"]
        env = {**os.environ, "SOURCE_DATE_EPOCH": _epoch(day)}
        subprocess.run([*command, "--base-url", BASE, "-o", str(target)], check=True, env=env, capture_output=True)
        written.append(target.read_bytes())
    assert written[0] == written[1] and b'"dct:modified"' in written[0]


def test_modified_is_the_day_of_the_last_commit_touching_the_projects(example, monkeypatch):
    issued = _first_commit_day(example.root)
    project = example.root / PROJECT
    project.write_text(project.read_text(encoding="utf-8").replace("Rheine", "Rheine (Ems)", 1), encoding="utf-8")
    # 23:30 in Berlin is the next day in UTC: the committer's own day counts
    _commit(example.root, "Rheine", "2030-05-06T23:30:00+02:00", str(PROJECT))
    changed = _export(example, monkeypatch, "2031-01-01")
    assert _dates(changed) == {("dct:issued", issued), ("dct:modified", "2030-05-06")}

    readme = example.root / "NOTES.md"
    readme.write_text("not a project\n", encoding="utf-8")
    _commit(example.root, "notes", "2030-09-09T12:00:00+02:00", "NOTES.md")
    assert _export(example, monkeypatch, "2031-02-02") == changed


def test_uncommitted_changes_to_the_projects_date_the_catalogue_by_the_export_day(example, monkeypatch):
    project = example.root / PROJECT
    project.write_text(project.read_text(encoding="utf-8").replace("Rheine", "Rheine (Ems)", 1), encoding="utf-8")
    data = _export(example, monkeypatch, "2032-04-04")
    assert ("dct:modified", "2032-04-04") in _dates(data)
    assert ("dct:issued", _first_commit_day(example.root)) in _dates(data)


def _commit_in(root: Path, path: str, text: str, when: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    _commit(root, path, when, path)


def test_the_git_layer_dates_the_first_commit_and_the_last_one_touching_the_projects(tmp_path):
    assert project_dates(tmp_path) is None  # no repository
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert project_dates(tmp_path) is None  # no commit at all
    _commit_in(tmp_path, "README.md", "x\n", "2028-03-04T10:00:00+01:00")
    assert project_dates(tmp_path) is None  # a commit, none touching projects/
    _commit_in(tmp_path, "projects/a.toml", 'title = "A"\n', "2029-01-02T10:00:00+01:00")
    _commit_in(tmp_path, "projects/b.toml", 'title = "B"\n', "2029-06-07T10:00:00+02:00")
    _commit_in(tmp_path, "README.md", "y\n", "2030-01-01T10:00:00+01:00")
    dates = project_dates(tmp_path)
    assert (dates.first, dates.last, dates.uncommitted) == (date(2028, 3, 4), date(2029, 6, 7), False)
    (tmp_path / "projects" / "c.toml").write_text('title = "C"\n', encoding="utf-8")
    assert project_dates(tmp_path).uncommitted


def test_outside_a_repository_the_catalogue_is_dated_by_the_export_day(example, monkeypatch):
    shutil.rmtree(example.root / ".git")
    data = _export(example, monkeypatch, "2033-08-08")
    assert _dates(data) == {("dct:issued", "2033-08-08"), ("dct:modified", "2033-08-08")}
