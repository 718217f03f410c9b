"""Saving is atomic, keeps the file mode, never follows symlinks, never overwrites a concurrent change."""

from __future__ import annotations

import os
import stat

import pytest
from factories import write_project

from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import ConcurrentChange, NotAPortfolio, ProjectNotFound, UnsafeFile
from portfolio.files.canonical import canonical_text
from portfolio.files.loading import load_portfolio, load_project
from portfolio.files.store import save_project


@pytest.fixture
def vocabulary():
    return load_vocabulary()


def _retitled(stored, vocabulary, title):
    return parse_project({**stored.project.to_data(), "title": title}, vocabulary)


def test_save_writes_canonical_text_and_keeps_the_file_mode(portfolio_root, vocabulary):
    path = write_project(portfolio_root, "buergerapp")
    os.chmod(path, 0o640)
    stored = load_project(portfolio_root, "buergerapp", vocabulary)
    saved = save_project(
        portfolio_root,
        "buergerapp",
        _retitled(stored, vocabulary, "Neue Bürger-App"),
        expected_fingerprint=stored.fingerprint,
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == canonical_text(saved.project)
    assert 'title = "Neue Bürger-App"' in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_save_refuses_when_the_file_changed_on_disk_since_loading(portfolio_root, vocabulary):
    path = write_project(portfolio_root, "radweg")
    stored = load_project(portfolio_root, "radweg", vocabulary)
    path.write_text(path.read_text(encoding="utf-8").replace("idea", "concept"), encoding="utf-8")
    with pytest.raises(ConcurrentChange, match="changed on disk"):
        save_project(
            portfolio_root,
            "radweg",
            _retitled(stored, vocabulary, "Mein Titel"),
            expected_fingerprint=stored.fingerprint,
        )
    assert 'status = "concept"' in path.read_text(encoding="utf-8")  # the other change survives


def test_save_refuses_when_the_file_was_deleted_since_loading(portfolio_root, vocabulary):
    path = write_project(portfolio_root, "radweg")
    stored = load_project(portfolio_root, "radweg", vocabulary)
    path.unlink()
    with pytest.raises(ConcurrentChange, match="deleted"):
        save_project(portfolio_root, "radweg", stored.project, expected_fingerprint=stored.fingerprint)
    assert not path.exists()


def test_creating_never_overwrites_an_existing_file(portfolio_root, vocabulary):
    path = write_project(portfolio_root, "radweg")
    before = path.read_bytes()
    stored = load_project(portfolio_root, "radweg", vocabulary)
    with pytest.raises(ConcurrentChange, match="already exists"):
        save_project(
            portfolio_root, "radweg", _retitled(stored, vocabulary, "Anderes Projekt"), expected_fingerprint=None
        )
    assert path.read_bytes() == before


def test_new_file_gets_the_usual_mode(portfolio_root, vocabulary):
    project = parse_project(
        {
            "title": "Radweg",
            "module": 3,
            "status": "idea",
            "municipalities": ["greven"],
            "fields_of_action": ["mobilitaet"],
        },
        vocabulary,
    )
    old_umask = os.umask(0o022)
    try:
        save_project(portfolio_root, "radweg", project, expected_fingerprint=None)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((portfolio_root / "projects" / "radweg.toml").stat().st_mode) == 0o644


def test_save_never_writes_through_a_symlink(portfolio_root, vocabulary, tmp_path):
    outside = tmp_path / "outside.toml"
    outside.write_text("unverändert\n", encoding="utf-8")
    os.symlink(outside, portfolio_root / "projects" / "radweg.toml")
    project = parse_project(
        {
            "title": "Radweg",
            "module": 3,
            "status": "idea",
            "municipalities": ["greven"],
            "fields_of_action": ["mobilitaet"],
        },
        vocabulary,
    )
    with pytest.raises(UnsafeFile, match="symbolic link"):
        save_project(portfolio_root, "radweg", project, expected_fingerprint=None)
    assert outside.read_text(encoding="utf-8") == "unverändert\n"


def test_a_symlinked_projects_folder_is_refused(tmp_path, vocabulary):
    real = tmp_path / "real-projects"
    real.mkdir()
    root = tmp_path / "portfolio"
    root.mkdir()
    os.symlink(real, root / "projects")
    with pytest.raises(UnsafeFile):
        load_portfolio(root, vocabulary)


def test_missing_projects_folder_means_not_a_portfolio(tmp_path, vocabulary):
    with pytest.raises(NotAPortfolio, match="no projects/ folder"):
        load_portfolio(tmp_path, vocabulary)


def test_load_project_of_unknown_id(portfolio_root, vocabulary):
    with pytest.raises(ProjectNotFound):
        load_project(portfolio_root, "gibt-es-nicht", vocabulary)


def test_loading_returns_valid_projects_and_problems_together(portfolio_root, vocabulary):
    write_project(portfolio_root, "ab")  # invalid id: too short
    write_project(portfolio_root, "auch-gut")
    write_project(portfolio_root, "kaputt", "title = \n")
    portfolio = load_portfolio(portfolio_root, vocabulary)
    assert list(portfolio.projects) == ["auch-gut"]
    assert sorted(portfolio.broken) == ["projects/ab.toml", "projects/kaputt.toml"]
