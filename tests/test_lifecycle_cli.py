"""Delete, restore, rename and revert through the real CLI, on real git repositories."""

from __future__ import annotations

from datetime import date

import git
import pytest
from history_fixtures import git as run_git
from history_fixtures import save

from portfolio.changes.lifecycle import delete_project, rename_project
from portfolio.errors import GitError
from portfolio.history import load_history, project_history


def head(root) -> str:
    return git.Repo(root).head.commit.hexsha


def name_status(root, revision="HEAD") -> list[str]:
    return run_git(root, "show", "--format=", "--name-status", "-M", revision).splitlines()


def is_clean(root) -> bool:
    return run_git(root, "status", "--porcelain", "--untracked-files=all") == ""


@pytest.fixture
def two(portfolio_root):
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    save(portfolio_root, "schulen", "Add schulen", title="Digitale Schulen", depends_on=["radweg"])
    return portfolio_root


def test_delete_makes_one_commit_and_the_history_keeps_the_project(run, two):
    before = head(two)
    result = run("--lang", "en", "delete", "schulen")
    assert result.exit_code == 0, result.output
    assert "deleted projects/schulen.toml in commit" in result.output
    assert not (two / "projects" / "schulen.toml").exists()
    assert git.Repo(two).head.commit.parents[0].hexsha == before
    assert name_status(two) == ["D\tprojects/schulen.toml"]
    assert git.Repo(two).head.commit.message.strip() == "Delete project schulen: Digitale Schulen"
    assert [event.kind for event in project_history(two, "schulen")] == ["deleted", "created"]
    assert is_clean(two)


def test_delete_is_refused_while_another_project_depends_on_it(run, two):
    before = head(two)
    result = run("--lang", "en", "delete", "radweg")
    assert result.exit_code == 1
    assert "schulen depend on it" in result.output
    assert head(two) == before and (two / "projects" / "radweg.toml").exists()


def test_delete_with_message_and_without_commit(run, two):
    before = head(two)
    result = run("--lang", "en", "delete", "schulen", "--no-commit")
    assert result.exit_code == 0 and "not committed" in result.output
    assert head(two) == before and not (two / "projects" / "schulen.toml").exists()
    run_git(two, "checkout", "--", "projects/schulen.toml")
    assert run("delete", "schulen", "-m", "Gone for good").exit_code == 0
    assert git.Repo(two).head.commit.message.strip() == "Gone for good"


def test_restore_brings_back_the_last_valid_version(run, two):
    milestones = [{"title": "Start", "due": date(2027, 3, 1), "done": True}]
    save(
        two,
        "schulen",
        "Plan schulen",
        title="Digitale Schulen",
        status="planning",
        depends_on=["radweg"],
        start=date(2027, 1, 1),
        milestones=milestones,
    )
    run_git(two, "rm", "-q", "projects/schulen.toml")
    run_git(two, "commit", "-q", "-m", "Remove schulen by hand")
    (two / "projects" / "schulen.toml").write_text("not = [valid\n")  # an invalid version, then deleted again
    run_git(two, "add", "projects/schulen.toml")
    run_git(two, "commit", "-q", "-m", "Broken schulen")
    run_git(two, "rm", "-q", "projects/schulen.toml")
    run_git(two, "commit", "-q", "-m", "Remove broken schulen")
    result = run("--lang", "en", "restore", "schulen")
    assert result.exit_code == 0, result.output
    assert "restored projects/schulen.toml" in result.output
    text = (two / "projects" / "schulen.toml").read_text()
    assert 'status = "planning"' in text and '"radweg"' in text and "start = 2027-01-01" in text
    assert '{ title = "Start", due = 2027-03-01, done = true }' in text
    assert name_status(two) == ["A\tprojects/schulen.toml"]
    assert project_history(two, "schulen")[0].kind == "restored"
    again = run("--lang", "en", "restore", "schulen")
    assert again.exit_code == 1 and "already exists" in again.output


def test_restore_refuses_an_id_that_was_never_deleted(run, two):
    assert run("restore", "radweg").exit_code == 1
    result = run("--lang", "en", "restore", "nie-da")
    assert result.exit_code == 1 and "no commit of the current branch" in result.output


def test_rename_is_one_commit_git_sees_as_a_rename_with_references_updated(run, two):
    original = (two / "projects" / "radweg.toml").read_bytes()
    result = run("--lang", "en", "rename", "radweg", "radnetz")
    assert result.exit_code == 0, result.output
    assert "depends_on updated in 1 other project" in result.output
    assert sorted(name_status(two)) == ["M\tprojects/schulen.toml", "R100\tprojects/radweg.toml\tprojects/radnetz.toml"]
    assert (two / "projects" / "radnetz.toml").read_bytes() == original
    assert '"radnetz"' in (two / "projects" / "schulen.toml").read_text()
    assert is_clean(two)
    # the history follows the rename: the new id shows the events before it
    assert [event.kind for event in project_history(two, "radnetz")] == ["renamed", "created"]
    shown = run("--lang", "en", "history", "radnetz")
    assert "Add radweg" in shown.output and "renamed" in shown.output


def test_rename_refuses_a_taken_or_invalid_id(run, two):
    before = head(two)
    taken = run("--lang", "en", "rename", "radweg", "schulen")
    assert taken.exit_code == 1 and "already exists" in taken.output
    invalid = run("--lang", "en", "rename", "radweg", "Rad_Weg")
    assert invalid.exit_code == 1 and "not a valid project id" in invalid.output
    missing = run("--lang", "en", "rename", "nie-da", "neu-da")
    assert missing.exit_code == 1
    assert head(two) == before and is_clean(two)


def test_a_refused_commit_puts_back_removed_files_and_the_index(two):
    hook = two / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = head(two)
    original = (two / "projects" / "radweg.toml").read_bytes()
    with pytest.raises(GitError, match="refused by the hook"):
        rename_project(two, "radweg", "radnetz")
    with pytest.raises(GitError, match="refused by the hook"):
        delete_project(two, "schulen")
    assert (two / "projects" / "radweg.toml").read_bytes() == original
    assert (two / "projects" / "schulen.toml").exists()
    assert not (two / "projects" / "radnetz.toml").exists()
    assert head(two) == before and is_clean(two)


def test_revert_puts_the_fields_back_as_a_new_commit(run, two):
    changed = save(two, "radweg", "Budget", title="Radweg-Netz", budget_eur=1000, status="planning")
    save(two, "radweg", "Summary", title="Radweg-Netz", budget_eur=1000, status="planning", summary="Kurz")
    result = run("--lang", "en", "revert", changed)
    assert result.exit_code == 0, result.output
    text = (two / "projects" / "radweg.toml").read_text()
    assert "budget_eur" not in text and 'status = "idea"' in text and 'summary = "Kurz"' in text
    message = git.Repo(two).head.commit.message
    assert message.startswith(f"Revert: Status, Budget of radweg ({changed[:12]})")
    assert "Status: Planning -> Idea" in message
    german = save(two, "radweg", "Again", title="Radweg-Netz", summary="Kurz", lead="Kreis")
    run("--lang", "de", "revert", german)
    assert git.Repo(two).head.commit.message.startswith("Rückgängig: ")


def test_revert_is_refused_when_a_later_change_touched_the_field(run, two):
    changed = save(two, "radweg", "Plan", title="Radweg-Netz", status="planning")
    later = save(two, "radweg", "Build", title="Radweg-Netz", status="implementation")
    before = head(two)
    result = run("--lang", "en", "revert", changed)
    assert result.exit_code == 1
    assert f"Status in commit {later[:12]} (Build)" in result.output
    assert head(two) == before and is_clean(two)


def test_revert_needs_the_id_when_the_commit_changed_several_projects(run, two):
    (two / "projects" / "radweg.toml").write_text((two / "projects" / "radweg.toml").read_text() + 'lead = "A"\n')
    (two / "projects" / "schulen.toml").write_text((two / "projects" / "schulen.toml").read_text() + 'lead = "B"\n')
    both = run_git(two, "commit", "-qam", "Leads") or head(two)
    result = run("--lang", "en", "revert", both)
    assert result.exit_code == 1 and "several projects (radweg, schulen)" in result.output
    assert run("--lang", "en", "revert", both, "schulen").exit_code == 0
    assert "lead" not in (two / "projects" / "schulen.toml").read_text()
    assert 'lead = "A"' in (two / "projects" / "radweg.toml").read_text()
    assert run("--lang", "en", "revert", "no-such-commit").exit_code == 1


def test_revert_follows_a_later_rename(run, two):
    changed = save(two, "radweg", "Budget", title="Radweg-Netz", budget_eur=1000)
    assert run("rename", "radweg", "radnetz").exit_code == 0
    assert run("--lang", "en", "revert", changed, "radnetz").exit_code == 0
    assert "budget_eur" not in (two / "projects" / "radnetz.toml").read_text()
    assert load_history(two).project_events("radnetz")[0].kind == "changed"


def test_revert_of_a_milestone_says_it_entry_by_entry_and_keeps_dates(run, two):
    start = {"title": "Start", "due": date(2027, 1, 31)}
    save(two, "radweg", "Milestones", title="Radweg-Netz", milestones=[start, {"title": "Bau"}])
    done = save(
        two, "radweg", "Start done", title="Radweg-Netz", milestones=[{**start, "done": True}, {"title": "Bau"}]
    )
    assert run("--lang", "en", "revert", done).exit_code == 0
    message = git.Repo(two).head.commit.message
    assert message.startswith(f"Revert: Milestones of radweg ({done[:12]})")
    assert "Milestone “Start”: not done" in message
    text = (two / "projects" / "radweg.toml").read_text()
    assert '{ title = "Start", due = 2027-01-31 }' in text and '{ title = "Bau" }' in text


def test_restore_of_a_renamed_id_and_revert_of_a_creation_say_what_to_do(run, two):
    created = head(two)
    assert run("rename", "schulen", "schulnetz").exit_code == 0
    renamed = run("--lang", "en", "restore", "schulen")
    assert renamed.exit_code == 2 and "was renamed to schulnetz" in renamed.output
    before = head(two)
    creation = run("--lang", "en", "revert", created)
    assert creation.exit_code == 1
    assert "it created schulnetz; 'portfolio delete schulnetz' removes it" in creation.output
    assert head(two) == before


def test_revert_in_a_later_change_s_way_shows_the_values_and_take_decides_per_field(run, two):
    changed = save(two, "radweg", "Plan", title="Radweg-Netz", status="planning", budget_eur=1000, lead="Kreis")
    later = save(two, "radweg", "Build", title="Radweg-Netz", status="implementation", budget_eur=2000, lead="Kreis")
    before = head(two)
    refused = run("--lang", "en", "revert", changed)
    assert refused.exit_code == 1
    assert "status (Status)" in refused.output and "budget_eur (Budget)" in refused.output
    assert "before:" in refused.output and "now:" in refused.output and "--take FIELD=now" in refused.output
    undecided = run("--lang", "en", "revert", changed, "--take", "status=before")
    assert undecided.exit_code == 2 and "not decided: budget_eur" in undecided.output
    assert head(two) == before and is_clean(two)
    result = run("--lang", "en", "revert", changed, "--take", "status=before", "--take", "budget_eur=now")
    assert result.exit_code == 0, result.output
    text = (two / "projects" / "radweg.toml").read_text()
    assert 'status = "idea"' in text and "budget_eur = 2000" in text and 'lead = "Kreis"' not in text
    commit = git.Repo(two).head.commit
    assert commit.parents[0].hexsha == before
    message = commit.message
    assert message.startswith(f"Revert: Lead, Status of radweg ({changed[:12]})")
    assert f"Status: back to the value before (Idea), over the later change in {later[:12]}" in message
    assert f"Budget: kept as it is now (€2,000); changed later in {later[:12]}" in message
    assert 'Lead: "Kreis" -> –' in message


def test_revert_take_an_edited_value(run, two):
    changed = save(two, "radweg", "Plan", title="Radweg-Netz", status="planning")
    save(two, "radweg", "Build", title="Radweg-Netz", status="implementation")
    result = run("--lang", "en", "revert", changed, "--take", "status=concept")
    assert result.exit_code == 0, result.output
    assert 'status = "concept"' in (two / "projects" / "radweg.toml").read_text()
    assert "Status: edited (Concept)" in git.Repo(two).head.commit.message
    wrong = run("--lang", "en", "revert", changed, "--take", "title=x")
    assert wrong.exit_code == 2 and "no later change is in the way there" in wrong.output


def test_revert_take_in_german_says_rueckgaengig_and_what_was_decided(run, two):
    changed = save(two, "radweg", "Plan", title="Radweg-Netz", status="planning")
    save(two, "radweg", "Build", title="Radweg-Netz", status="implementation")
    result = run("--lang", "de", "revert", changed, "--take", "status=now")
    assert result.exit_code == 0 and "nichts zu ändern" in result.output
    assert run("--lang", "de", "revert", changed, "--take", "status=before").exit_code == 0
    message = git.Repo(two).head.commit.message
    assert message.startswith(f"Rückgängig: Status von radweg ({changed[:12]})")
    assert "Status: zurück auf den Wert davor (Idee)" in message


def test_revert_with_choices_refuses_an_unknown_side_and_writes_nothing(two):
    from portfolio.changes.revert import RevertChoice, UndecidedRevert, revert_with_choices

    changed = save(two, "radweg", "Plan", title="Radweg-Netz", status="planning")
    save(two, "radweg", "Build", title="Radweg-Netz", status="implementation")
    before = head(two)
    with pytest.raises(UndecidedRevert):
        revert_with_choices(two, changed, None, {"status": RevertChoice("mine")})
    assert head(two) == before and is_clean(two)
