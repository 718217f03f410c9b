from datetime import date

import pytest

import portfolio.reading as reading
from factories import write_project
from portfolio.parsed_cache import CACHE_NAME, ParsedCache, git_dir
from portfolio.store import load_portfolio
from portfolio.vocabulary import load_vocabulary


@pytest.fixture
def count_parses(monkeypatch):
    calls = []
    original = reading.parse_toml

    def counting(text, path):
        calls.append(path)
        return original(text, path)

    monkeypatch.setattr(reading, "parse_toml", counting)
    return calls


def load(root):
    cache = ParsedCache.for_portfolio(root)
    portfolio = load_portfolio(root, parsed_cache=cache)
    cache.save()
    return portfolio, cache


def test_second_load_parses_nothing_and_gives_the_same_projects(portfolio_root, count_parses):
    write_project(portfolio_root, "mit-datum", start=date(2026, 1, 31),
                  milestones=[{"title": "Start", "due": date(2026, 2, 1), "done": False}])
    write_project(portfolio_root, "zweites", title="Zweites Projekt")
    first, cache = load(portfolio_root)
    assert len(count_parses) == 2 and cache.misses == 2
    assert (portfolio_root / ".git" / "portfolio" / CACHE_NAME).is_file()
    count_parses.clear()
    second, cache = load(portfolio_root)
    assert count_parses == [] and cache.hits == 2
    assert second.projects == first.projects
    assert second.projects["mit-datum"].project.milestones[0].due == date(2026, 2, 1)


def test_a_changed_file_is_parsed_again_and_stale_entries_are_dropped(portfolio_root, count_parses):
    write_project(portfolio_root, "eins", title="Eins vorher")
    load(portfolio_root)
    write_project(portfolio_root, "eins", title="Eins nachher")
    count_parses.clear()
    portfolio, cache = load(portfolio_root)
    assert count_parses == ["projects/eins.toml"]
    assert portfolio.projects["eins"].project.title == "Eins nachher"
    assert len(ParsedCache.for_portfolio(portfolio_root)._entries) == 1


def test_validation_runs_on_every_hit_so_a_changed_vocabulary_is_seen(portfolio_root):
    write_project(portfolio_root, "eins", municipalities=["ochtrup"])
    load(portfolio_root)
    municipalities = portfolio_root / "schema" / "municipalities.toml"
    text = municipalities.read_text(encoding="utf-8")
    start = text.index('slug = "ochtrup"')
    block_start = text.rfind("[[municipality]]", 0, start)
    block_end = text.find("[[municipality]]", start)
    municipalities.write_text(text[:block_start] + text[block_end:], encoding="utf-8")
    portfolio, _cache = load(portfolio_root)
    assert "eins" not in portfolio.projects
    problem = portfolio.broken["projects/eins.toml"][0]
    assert "ochtrup" in problem.message and problem.line is not None  # parsed in full: with its position


def test_broken_files_are_never_cached(portfolio_root, count_parses):
    write_project(portfolio_root, "kaputt", status="fertig")
    load(portfolio_root)
    count_parses.clear()
    portfolio, _cache = load(portfolio_root)
    assert count_parses == ["projects/kaputt.toml"]
    assert portfolio.broken["projects/kaputt.toml"][0].line == 3


def test_a_damaged_cache_is_ignored(portfolio_root):
    write_project(portfolio_root, "eins")
    load(portfolio_root)
    (portfolio_root / ".git" / "portfolio" / CACHE_NAME).write_bytes(b"\x00garbage")
    portfolio, cache = load(portfolio_root)
    assert list(portfolio.projects) == ["eins"] and cache.misses == 1


def test_without_a_git_folder_nothing_is_written(tmp_path):
    root = tmp_path / "plain"
    (root / "projects").mkdir(parents=True)
    write_project(root, "eins")
    cache = ParsedCache.for_portfolio(root)
    portfolio = load_portfolio(root, load_vocabulary(), parsed_cache=cache)
    assert list(portfolio.projects) == ["eins"] and cache.save() is False
    assert git_dir(root) is None


def test_worktree_git_file_is_followed(tmp_path):
    real = tmp_path / "real-git-dir"
    real.mkdir()
    root = tmp_path / "wt"
    root.mkdir()
    (root / ".git").write_text(f"gitdir: {real}\n", encoding="utf-8")
    assert git_dir(root) == real
