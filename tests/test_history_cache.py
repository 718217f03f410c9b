"""The history cache: in the git directory, incremental, never stale, never broken."""

from __future__ import annotations

import pytest
from history_fixtures import events_of, fresh_events, git, rebase_feature_onto_new_main, save

import portfolio.history.cache as cache_module
import portfolio.history.engine as engine
from portfolio.history.cache_place import CACHE_NAME, JOURNAL_NAME
from portfolio.history.engine import compute


@pytest.fixture
def logged(monkeypatch) -> list:
    """Every ``git log`` pass the engine makes: (revisions, number of commits listed)."""
    calls = []
    original = engine.read_log

    def recording(repo, revisions, **options):
        commits = original(repo, revisions, **options)
        calls.append((list(revisions), len(commits)))
        return commits

    monkeypatch.setattr(engine, "read_log", recording)
    return calls


def test_the_cache_lives_in_the_git_directory_and_the_work_tree_stays_clean(repo):
    events_of(repo)
    assert (repo / ".git" / "portfolio" / CACHE_NAME).is_file()
    assert git(repo, "status", "--porcelain") == ""


def test_warm_reads_no_history_and_a_new_commit_costs_only_its_own_delta(repo, logged):
    first = events_of(repo)
    assert len(logged) == 1 and logged[0][0] == [git(repo, "rev-parse", "HEAD")]
    assert events_of(repo) == first and len(logged) == 1  # warm: no git log at all
    old_tip = git(repo, "rev-parse", "HEAD")
    save(repo, "radweg", "Build radweg", title="Radweg-Netz", status="implementation")
    updated = events_of(repo)
    assert logged[-1] == ([git(repo, "rev-parse", "HEAD"), f"^{old_tip}"], 1)
    assert (repo / ".git" / "portfolio" / JOURNAL_NAME).is_file()
    assert updated == fresh_events(repo) and updated[0]["changes"] == {"status": ["planning", "implementation"]}
    assert events_of(repo) == updated  # the journal is replayed on load


def test_a_long_journal_is_folded_into_the_cache(repo, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_JOURNAL", 2)
    events_of(repo)
    for number, status in enumerate(["concept", "planning", "implementation"]):
        save(repo, "radweg", f"Step {number}", title="Radweg-Netz", status=status)
        assert events_of(repo) == fresh_events(repo)
    assert not (repo / ".git" / "portfolio" / JOURNAL_NAME).exists()


def test_rewritten_history_is_recomputed_never_served_stale(repo):
    before = events_of(repo)
    assert before[0]["subject"] == "Plan radweg"
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    save(repo, "radweg", "Concept instead", author="cem", title="Radweg-Netz", status="concept")
    after = events_of(repo)
    assert after[0]["subject"] == "Concept instead"
    assert all(event["subject"] != "Plan radweg" for event in after)
    assert after == fresh_events(repo)


def test_a_rebase_onto_new_work_is_recomputed(repo):
    cached = rebase_feature_onto_new_main(repo)
    rebased = events_of(repo)
    assert rebased == fresh_events(repo) and rebased != cached
    assert [event["subject"] for event in rebased[:2]] == ["Add schulen", "Build radweg"]


def test_an_interrupted_computation_leaves_the_previous_cache_intact(repo):
    events_of(repo)
    path = repo / ".git" / "portfolio" / CACHE_NAME
    saved = path.read_bytes()
    git(repo, "reset", "-q", "--hard", "HEAD~1")  # the cache cannot be extended: a full computation

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        compute(repo, interrupt)
    assert path.read_bytes() == saved
    assert sorted(p.name for p in path.parent.iterdir()) == [CACHE_NAME]  # no temp file left behind
    assert events_of(repo) == fresh_events(repo)


def test_a_damaged_cache_is_ignored_and_rewritten(repo):
    expected = events_of(repo)
    path = repo / ".git" / "portfolio" / CACHE_NAME
    path.write_bytes(path.read_bytes()[:100])
    assert events_of(repo) == expected
    path.write_bytes(b"portfolio-history\n\x00garbage")
    assert events_of(repo) == expected


def test_a_changed_vocabulary_recomputes_validity(repo):
    save(repo, "radweg", "New status", title="Radweg-Netz", status="pilot")
    assert events_of(repo)[0]["invalid"] is not None
    statuses = repo / "schema" / "statuses.toml"
    statuses.write_text(
        statuses.read_text(encoding="utf-8") + '\n[[status]]\nslug = "pilot"\nlabel = { de = "Pilot", en = "Pilot" }\n',
        encoding="utf-8",
    )
    event = events_of(repo)[0]
    assert event["invalid"] is None and event["changes"] == {"status": ["planning", "pilot"]}
