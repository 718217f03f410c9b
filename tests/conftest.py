"""Shared fixtures: every test runs with its own HOME and git identity, on real repositories in tmp."""

from __future__ import annotations

from gettext import NullTranslations
from pathlib import Path

import pytest
from cli_run import CliRun

from portfolio.git.scaffold import init_portfolio

TEST_AUTHOR = ("Test Author", "author@example.org")


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME with a known git identity; the developer's own git config never leaks in."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test Author\n\temail = author@example.org\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # what the commands and the UI keep between runs
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # Tests read English output unless they choose a language (--lang); nothing carries over between tests.
    monkeypatch.setenv("PORTFOLIO_LANG", "en")
    monkeypatch.setattr("portfolio.i18n._language", None)
    monkeypatch.setattr("portfolio.i18n._translation", NullTranslations())
    for variable in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "PORTFOLIO_REPO",
        "PORTFOLIO_DEBUG",
    ):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def no_git_identity(isolated_git: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git has no user.name / user.email anywhere."""
    (isolated_git / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")


@pytest.fixture
def portfolio_root(tmp_path: Path) -> Path:
    """An empty portfolio repository with the default vocabulary and one initial commit."""
    return init_portfolio(tmp_path / "portfolio", example=False, commit=True)


@pytest.fixture
def run(portfolio_root: Path) -> CliRun:
    """Runs the real CLI (in process) against the test portfolio."""
    return CliRun(portfolio_root)


@pytest.fixture
def repo(portfolio_root: Path) -> Path:
    """A portfolio with one project committed twice by two authors (history tests)."""
    from history_fixtures import save

    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    save(portfolio_root, "radweg", "Plan radweg", author="bernd", title="Radweg-Netz", status="planning")
    return portfolio_root
