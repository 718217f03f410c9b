"""Deciding a conflict of sync field by field (``portfolio.changes.resolve``, ``portfolio resolve``):
two clones of a bare remote; the pushed result holds exactly the chosen values, the message says so,
and giving up leaves both clones exactly as before."""

from __future__ import annotations

import pytest
from collab_fixtures import all_refs, edit, git, head, local_data, make_network, portfolio, repository_state

from portfolio.changes.resolve import Decision, NothingToResolve, UndecidedConflict, conflicts_to_decide, decide
from portfolio.errors import InvalidProject


def _diverged(tmp_path):
    """first pushed status, title and summary; second changed the same three differently."""
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="implementation", title="Radweg Rheine–Mesum (Ausbau)", summary="Von first")
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", status="on_hold", title="Radweg nach Mesum", summary="Von second", topics=["schule"])
    assert portfolio(second, "sync").exit_code == 1
    return network, first, second


def _state(network, *clones):
    return [(all_refs(clone), repository_state(clone)) for clone in clones] + [network.remote_head()]


def test_the_conflicts_name_project_field_and_the_three_values(tmp_path):
    network, first, second = _diverged(tmp_path)
    to_decide = conflicts_to_decide(second)
    found = {conflict.key: (conflict.base, conflict.mine, conflict.theirs) for conflict in to_decide.conflicts}
    assert found == {
        "radweg.status": ("idea", "on_hold", "implementation"),
        "radweg.title": ("Radweg Rheine-Mesum", "Radweg nach Mesum", "Radweg Rheine–Mesum (Ausbau)"),
        "radweg.summary": (None, "Von second", "Von first"),
    }
    assert to_decide.divergence.theirs_name == "origin/main"


def test_theirs_mine_and_an_edited_value_are_pushed_exactly_with_a_message_that_says_so(tmp_path):
    network, first, second = _diverged(tmp_path)
    mine_before = head(second)
    to_decide = conflicts_to_decide(second)
    decided = decide(
        second,
        to_decide,
        {
            "radweg.status": Decision("theirs"),
            "radweg.title": Decision("mine"),
            "radweg.summary": Decision("edited", "Von beiden"),
        },
    )
    assert decided.pushed and network.remote_head() == decided.commit == head(second)
    remote = network.remote_data("radweg")
    assert (remote["status"], remote["title"], remote["summary"]) == (
        "implementation",
        "Radweg nach Mesum",
        "Von beiden",
    )
    assert remote["topics"] == ["schule"]  # what merged by itself stays merged
    assert local_data(second, "radweg") == remote
    message = git(second, "log", "-1", "--format=%B").strip()
    assert message == (
        "Merged origin/main into main: 3 conflicts decided\n\n"
        "Title of radweg: mine (Radweg nach Mesum)\n"
        "Status of radweg: theirs (Implementation)\n"
        "Summary of radweg: edited (Von beiden)"
    )
    parents = git(second, "log", "-1", "--format=%P").split()
    assert parents == [mine_before, git(first, "rev-parse", "HEAD").strip()]  # both sides reachable
    assert git(second, "status", "--porcelain") == ""
    assert git(second, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert portfolio(first, "sync").exit_code == 0 and local_data(first, "radweg") == remote


def test_giving_up_or_an_invalid_value_leaves_both_clones_exactly_as_before(tmp_path):
    network, first, second = _diverged(tmp_path)
    before = _state(network, first, second)
    to_decide = conflicts_to_decide(second)
    with pytest.raises(UndecidedConflict):
        decide(second, to_decide, {"radweg.status": Decision("theirs")})
    with pytest.raises(InvalidProject):
        decide(
            second,
            to_decide,
            {
                "radweg.status": Decision("edited", "no-such-status"),
                "radweg.title": Decision("mine"),
                "radweg.summary": Decision("mine"),
            },
        )
    assert _state(network, first, second) == before


def test_nothing_to_decide_when_the_sides_merge_by_themselves(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="concept")
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", topics=["schule"])
    with pytest.raises(NothingToResolve):
        conflicts_to_decide(second)


def test_resolve_on_the_command_line_with_take_and_all(tmp_path):
    network, first, second = _diverged(tmp_path)
    before = _state(network, first, second)
    undecided = portfolio(second, "resolve", "--take", "radweg.status=theirs")
    assert undecided.exit_code == 1
    assert "not decided: radweg.title, radweg.summary" in undecided.stderr
    assert _state(network, first, second) == before
    done = portfolio(
        second, "resolve", "--take", "radweg.status=theirs", "--take", "radweg.summary=Neu = gut", "--all", "mine"
    )
    assert done.exit_code == 0, done.output
    assert "pushed it to origin/main" in done.output
    remote = network.remote_data("radweg")
    assert (remote["status"], remote["title"], remote["summary"]) == (
        "implementation",
        "Radweg nach Mesum",
        "Neu = gut",
    )


def test_resolve_asks_on_a_terminal_and_no_at_the_end_changes_nothing(tmp_path, monkeypatch):
    network, first, second = _diverged(tmp_path)
    before = _state(network, first, second)
    monkeypatch.setattr("portfolio.cli.resolve.interactive", lambda: True)
    from click.testing import CliRunner

    from portfolio.cli.app import cli

    answers = "m\nt\ne\nGemeinsam\nn\n"
    result = CliRunner().invoke(cli, ["--repo", str(second), "resolve"], input=answers, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert (
        "radweg.status  (Status)\n    base:    Idea\n    mine:    On hold\n    theirs:  Implementation" in result.output
    )
    assert "Summary of radweg: edited (Gemeinsam)" in result.output
    assert "Nothing was changed" in result.output
    assert _state(network, first, second) == before
    result = CliRunner().invoke(cli, ["--repo", str(second), "resolve"], input="m\nt\ne\nGemeinsam\ny\n")
    assert result.exit_code == 0, result.output
    remote = network.remote_data("radweg")
    assert (remote["title"], remote["status"], remote["summary"]) == (
        "Radweg nach Mesum",
        "implementation",
        "Gemeinsam",
    )


def test_a_merge_left_in_progress_by_git_is_offered_the_same_resolution(tmp_path):
    network, first, second = _diverged(tmp_path)
    git(second, "merge", "--quiet", "origin/main", check=False)
    assert (second / ".git" / "MERGE_HEAD").exists()
    to_decide = conflicts_to_decide(second)
    assert to_decide.divergence.operation == "merge" and to_decide.divergence.theirs_name == "origin/main"
    assert [conflict.key for conflict in to_decide.conflicts] == ["radweg.title", "radweg.status", "radweg.summary"]
    done = portfolio(second, "resolve", "--all", "theirs")
    assert done.exit_code == 0, done.output
    assert not (second / ".git" / "MERGE_HEAD").exists()
    assert network.remote_head() == head(second) and git(second, "status", "--porcelain") == ""
    assert network.remote_data("radweg")["status"] == "implementation"
    assert network.remote_data("radweg")["topics"] == ["schule"]


def test_a_rebase_left_in_progress_by_git_is_offered_the_same_resolution(tmp_path):
    network, first, second = _diverged(tmp_path)
    mine = head(second)
    git(second, "rebase", "--quiet", "origin/main", check=False)
    assert (second / ".git" / "rebase-merge").exists()
    to_decide = conflicts_to_decide(second)
    assert to_decide.divergence.operation == "rebase" and to_decide.divergence.head == mine
    assert {conflict.key: conflict.mine for conflict in to_decide.conflicts}["radweg.status"] == "on_hold"
    done = portfolio(second, "resolve", "--all", "mine")
    assert done.exit_code == 0, done.output
    assert not (second / ".git" / "rebase-merge").exists()
    assert git(second, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert network.remote_head() == head(second)
    assert network.remote_data("radweg")["status"] == "on_hold"


def test_both_for_a_list_and_theirs_for_a_milestone_date(tmp_path):
    from datetime import date

    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(
        first,
        "radweg",
        fields_of_action=["umwelt", "mobilitaet", "energie"],
        milestones=[{"title": "Planung", "due": date(2026, 5, 31)}],
    )
    assert portfolio(first, "sync").exit_code == 0
    edit(
        second,
        "radweg",
        fields_of_action=["menschen", "mobilitaet", "umwelt"],
        milestones=[{"title": "Planung", "due": date(2026, 4, 30)}],
    )
    to_decide = conflicts_to_decide(second)
    conflicts = {conflict.key: conflict for conflict in to_decide.conflicts}
    assert set(conflicts) == {"radweg.fields_of_action", 'radweg.milestones["Planung"].due'}
    assert conflicts["radweg.fields_of_action"].sides() == ("mine", "theirs", "both", "edited")
    assert conflicts['radweg.milestones["Planung"].due'].base == date(2026, 3, 31)
    decided = decide(
        second,
        to_decide,
        {"radweg.fields_of_action": Decision("both"), 'radweg.milestones["Planung"].due': Decision("theirs")},
    )
    assert decided.pushed
    remote = network.remote_data("radweg")
    assert remote["fields_of_action"] == [
        "menschen",
        "mobilitaet",
        "energie",
        "umwelt",
    ]  # mine first, theirs where it follows
    assert remote["milestones"] == [{"title": "Planung", "due": date(2026, 5, 31)}]
    assert "Fields of action of radweg: both (" in decided.message


def test_sync_on_a_terminal_offers_to_decide_at_once(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from portfolio.cli.app import cli

    network, first, second = _diverged(tmp_path)
    monkeypatch.setattr("portfolio.cli.resolve.interactive", lambda: True)
    monkeypatch.setattr("portfolio.cli.collab.interactive", lambda: True)
    result = CliRunner().invoke(cli, ["--repo", str(second), "sync"], input="y\nt\nm\nt\ny\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Decide them now, field by field?" in result.output
    remote = network.remote_data("radweg")
    assert (remote["title"], remote["status"], remote["summary"]) == (
        "Radweg Rheine–Mesum (Ausbau)",
        "on_hold",
        "Von first",
    )
    assert head(second) == network.remote_head()


def test_sync_without_a_terminal_points_to_resolve(tmp_path):
    network, first, second = _diverged(tmp_path)
    result = portfolio(second, "sync")
    assert result.exit_code == 1
    assert "To decide: run 'portfolio resolve'" in result.stderr
