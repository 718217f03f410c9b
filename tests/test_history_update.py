"""Bringing a cached history up to HEAD: new commits, long updates, and a cached tip that is gone."""

from __future__ import annotations

import pytest
from history_fixtures import events_of, fresh_events, git, rebase_feature_onto_new_main, save

import portfolio.history.engine as engine


@pytest.fixture
def ancestry_checks(monkeypatch) -> list:
    """Every ``git merge-base --is-ancestor`` the engine asks: (older, newer, answer)."""
    calls = []
    original = engine.is_ancestor

    def recording(repo, older, newer):
        answer = original(repo, older, newer)
        calls.append((older, newer, answer))
        return answer

    monkeypatch.setattr(engine, "is_ancestor", recording)
    return calls


def test_new_commits_are_added_without_asking_git_about_ancestry(repo, ancestry_checks):
    events_of(repo)
    save(repo, "radweg", "Build radweg", title="Radweg-Netz", status="implementation")
    git(repo, "commit", "-q", "--allow-empty", "-m", "A commit outside projects/")
    updated = events_of(repo)
    assert ancestry_checks == []
    assert updated == fresh_events(repo) and updated[0]["subject"] == "Build radweg"


def test_an_update_longer_than_a_short_one_is_checked_and_read_in_full(repo, ancestry_checks, monkeypatch):
    monkeypatch.setattr(engine, "SHORT_UPDATE", 2)
    events_of(repo)
    old_tip = git(repo, "rev-parse", "HEAD")
    for number, status in enumerate(["concept", "implementation", "completed"]):
        save(repo, "radweg", f"Step {number}", title="Radweg-Netz", status=status)
    updated = events_of(repo)
    assert ancestry_checks == [(old_tip, git(repo, "rev-parse", "HEAD"), True)]
    assert updated == fresh_events(repo) and [event["subject"] for event in updated[:3]] == [
        "Step 2",
        "Step 1",
        "Step 0",
    ]


def test_a_rebased_branch_is_recomputed_without_an_ancestry_check(repo, ancestry_checks):
    cached = rebase_feature_onto_new_main(repo)
    rebased = events_of(repo)
    assert ancestry_checks == []  # the short pass listed every new commit; they do not continue the cache
    assert rebased == fresh_events(repo) and rebased != cached


def test_a_cached_tip_that_git_no_longer_has_is_recomputed(repo):
    events_of(repo)
    gone = git(repo, "rev-parse", "HEAD")
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    save(repo, "radweg", "Concept instead", author="cem", title="Radweg-Netz", status="concept")
    git(repo, "reflog", "expire", "--expire=now", "--all")
    git(repo, "gc", "-q", "--prune=now")
    assert git(repo, "cat-file", "-t", gone, check=False) == ""  # really gone
    events = events_of(repo)
    assert events == fresh_events(repo)
    assert events[0]["subject"] == "Concept instead" and all(event["commit"] != gone for event in events)
