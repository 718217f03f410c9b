"""``portfolio sync`` against bare remotes in tmp: merges, conflicts, and every refusal changes nothing."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from collab_fixtures import edit, git, head, local_data, make_network, portfolio, repository_state

from portfolio.git.remote import PushRejected, RemoteUnreachable
from portfolio.git.sync import NotReadyToSync, SyncConflict, sync


def _no_operation_in_progress(root: Path) -> None:
    status = git(root, "status")
    for words in ("rebase in progress", "You have unmerged paths", "All conflicts fixed", "merging"):
        assert words not in status
    git_dir = root / ".git"
    assert not any((git_dir / marker).exists() for marker in ("rebase-merge", "rebase-apply", "MERGE_HEAD"))
    assert git(root, "worktree", "list", "--porcelain").count("worktree ") == 1  # no temporary work tree left


def _refused(root: Path, *expected: str):
    """``portfolio sync`` exits 2, says each of ``expected``, and leaves the repository as it was."""
    before = repository_state(root)
    result = portfolio(root, "sync")
    assert result.exit_code == 2, result.output
    for text in expected:
        assert text in result.stderr, result.stderr
    assert repository_state(root) == before
    return result


def test_two_clones_change_different_fields_and_both_sync(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="concept")
    edit(second, "radweg", municipalities=["rheine", "greven"])
    one = portfolio(first, "sync")
    assert one.exit_code == 0, one.output
    assert one.output == "sent 1 commit to origin/main\n"
    two = portfolio(second, "sync")
    assert two.exit_code == 0, two.output
    assert two.output == "received 1 commit from origin/main and sent 1 commit on top of them\n"
    remote = network.remote_data("radweg")
    assert remote["status"] == "concept" and remote["municipalities"] == ["rheine", "greven"]
    assert head(second) == network.remote_head()
    assert git(second, "status", "--porcelain") == ""
    _no_operation_in_progress(second)
    again = portfolio(first, "sync")
    assert again.exit_code == 0 and again.output == "received 1 commit from origin/main\n"
    assert local_data(first, "radweg") == remote


def test_both_add_different_municipalities_and_the_merge_has_both(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", municipalities=["rheine", "emsdetten"])
    edit(second, "radweg", municipalities=["rheine", "ochtrup"])
    assert portfolio(first, "sync").exit_code == 0
    assert portfolio(second, "sync").exit_code == 0
    assert network.remote_data("radweg")["municipalities"] == ["rheine", "emsdetten", "ochtrup"]


def test_the_same_field_changed_differently_stops_sync_and_changes_nothing(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="concept")
    assert portfolio(first, "sync").exit_code == 0
    remote_before = network.remote_head()
    local_commit = edit(second, "radweg", status="on_hold", topics=["radverkehr", "schule"])
    before = repository_state(second)
    result = portfolio(second, "sync")
    assert result.exit_code == 1
    assert "nothing was changed" in result.stderr
    assert 'project radweg: status was changed on both sides: remote "concept", local "on_hold"' in result.stderr
    assert repository_state(second) == before  # HEAD, branch, status and every file as before
    assert head(second) == local_commit  # the local commit is still on the branch
    assert network.remote_head() == remote_before  # the remote is unchanged
    _no_operation_in_progress(second)


def test_a_conflict_reported_by_the_core_names_project_and_field(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", kpis=[{"name": "Radfahrende", "target": 150}])
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", kpis=[{"name": "Radfahrende", "target": 200}])
    with pytest.raises(SyncConflict) as raised:
        sync(second)
    (conflict,) = raised.value.conflicts
    assert conflict.project_id == "radweg"
    assert [summary["where"] for summary in conflict.fields] == ['kpis["Radfahrende"].target']
    assert raised.value.exit_code == 1


def test_a_project_removed_remotely_and_changed_locally_is_named(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    git(first, "rm", "--quiet", "projects/radweg.toml")
    git(first, "commit", "--quiet", "-m", "Remove radweg")
    assert portfolio(first, "sync").exit_code == 0
    edit(second, "radweg", status="concept")
    result = portfolio(second, "sync")
    assert result.exit_code == 1
    assert "project radweg: removed by remote, changed by local" in result.stderr
    _no_operation_in_progress(second)


def test_progress_is_reported_step_by_step(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="concept")
    assert sync(first).outcome == "pushed"
    edit(second, "radweg", summary="Neu")
    steps: list[str] = []
    result = sync(second, progress=lambda step, message: steps.append(step))
    assert steps == ["check", "fetch", "integrate", "push", "update", "done"]
    assert (result.outcome, result.received, result.sent) == ("rebased", 1, 1)
    assert sync(second).outcome == "up-to-date"


def test_a_clone_without_setup_still_merges_field_by_field(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second", setup=False)
    edit(first, "radweg", municipalities=["rheine", "emsdetten"])
    assert sync(first).outcome == "pushed"
    edit(second, "radweg", municipalities=["rheine", "ochtrup"])
    assert sync(second).outcome == "rebased"
    assert network.remote_data("radweg")["municipalities"] == ["rheine", "emsdetten", "ochtrup"]
    assert git(second, "config", "--local", "--get-regexp", r"^merge\.", check=False) == ""  # nothing written


def test_a_repository_without_the_gitattributes_line_still_merges_field_by_field_in_sync(tmp_path):
    network = make_network(tmp_path)
    admin = network.clone("admin", setup=False)
    git(admin, "rm", "--quiet", ".gitattributes")
    git(admin, "commit", "--quiet", "-m", "No attributes")
    git(admin, "push", "--quiet")
    first, second = network.clone("first", setup=False), network.clone("second", setup=False)
    edit(first, "radweg", municipalities=["rheine", "emsdetten"])
    assert sync(first).outcome == "pushed"
    edit(second, "radweg", municipalities=["rheine", "ochtrup"])
    assert sync(second).outcome == "rebased"
    assert network.remote_data("radweg")["municipalities"] == ["rheine", "emsdetten", "ochtrup"]
    assert not (second / ".gitattributes").exists()


def test_local_history_with_a_merge_is_merged_not_flattened(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="concept")
    assert sync(first).outcome == "pushed"
    git(second, "switch", "--quiet", "-c", "side")
    edit(second, "radweg", topics=["radverkehr", "schule"])
    git(second, "switch", "--quiet", "main")
    edit(second, "radweg", summary="Neu")
    git(second, "merge", "--quiet", "--no-ff", "--no-edit", "side")
    assert sync(second).outcome == "merged"
    remote = network.remote_data("radweg")
    assert (remote["status"], remote["summary"], remote["topics"]) == ("concept", "Neu", ["radverkehr", "schule"])
    assert len(git(network.remote, "log", "--merges", "--format=%H", "main").split()) == 2


def _hook(root: Path, body: str) -> None:
    hook = root / ".git" / "hooks" / "pre-push"
    hook.write_text("#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n" + body)
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def test_push_rejected_because_the_remote_moved_is_retried_once(tmp_path):
    network = make_network(tmp_path)
    first, other = network.clone("first"), network.clone("other")
    edit(other, "radweg", summary="Von nebenan")  # pushed by the hook, while first is syncing
    _hook(
        first,
        f'[ -e "{tmp_path}/moved" ] && exit 0\ntouch "{tmp_path}/moved"\n'
        f'git -C "{other}" push --quiet origin HEAD:main >/dev/null 2>&1\nexit 0\n',
    )
    edit(first, "radweg", status="concept")
    steps: list[str] = []
    result = sync(first, progress=lambda step, message: steps.append(step))
    assert result.retried and "retry" in steps
    remote = network.remote_data("radweg")
    assert (remote["status"], remote["summary"]) == ("concept", "Von nebenan")
    assert head(first) == network.remote_head()


def test_push_rejected_again_and_again_says_so_and_changes_nothing(tmp_path):
    network = make_network(tmp_path)
    first, other = network.clone("first"), network.clone("other")
    _hook(
        first,
        f'git -C "{other}" commit --quiet --allow-empty -m "again" >/dev/null 2>&1\n'
        f'git -C "{other}" push --quiet origin HEAD:main >/dev/null 2>&1\nexit 0\n',
    )
    edit(first, "radweg", status="concept")
    before = repository_state(first)
    result = portfolio(first, "sync")
    assert result.exit_code == 2
    assert "received new commits again while syncing; nothing was overwritten" in result.stderr
    assert repository_state(first) == before
    assert network.remote_data("radweg")["status"] == "idea"
    with pytest.raises(PushRejected):
        sync(first)


@pytest.mark.parametrize("url", ["{tmp}/nowhere.git", "https://someone:s3cret@127.0.0.1:1/portfolio.git"])
def test_an_unreachable_remote_gives_a_clear_message_and_changes_nothing(tmp_path, url):
    network = make_network(tmp_path)
    root = network.clone("a")
    edit(root, "radweg", status="concept")
    git(root, "remote", "set-url", "origin", url.format(tmp=tmp_path))
    result = _refused(root, "error: cannot fetch from the remote 'origin'", "nothing was changed")
    assert "s3cret" not in result.stderr
    with pytest.raises(RemoteUnreachable):
        sync(root)


def test_no_upstream_gives_a_clear_message_and_changes_nothing(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    edit(root, "radweg", status="concept")
    git(root, "branch", "--unset-upstream")
    _refused(root, "the branch 'main' has no upstream branch", "git branch --set-upstream-to=origin/main")
    assert network.remote_data("radweg")["status"] == "idea"
    with_remote = portfolio(root, "sync", "--remote", "origin")  # naming the remote is enough
    assert with_remote.exit_code == 0, with_remote.output
    assert network.remote_data("radweg")["status"] == "concept"
    unknown = portfolio(root, "sync", "--remote", "upstream")
    assert unknown.exit_code == 2 and "there is no remote 'upstream'" in unknown.stderr


@pytest.mark.parametrize("change", ["modified", "staged", "new project"])
def test_uncommitted_changes_give_a_clear_message_and_change_nothing(tmp_path, change):
    network = make_network(tmp_path)
    first, root = network.clone("first"), network.clone("a")
    edit(first, "radweg", status="concept")
    assert sync(first).outcome == "pushed"
    path = root / "projects" / ("neu.toml" if change == "new project" else "radweg.toml")
    path.write_text((root / "projects" / "radweg.toml").read_text().replace("idea", "planning"))
    if change == "staged":
        git(root, "add", "projects/radweg.toml")
    _refused(root, "there are changes that are not committed", path.relative_to(root).as_posix())


def test_detached_head_gives_a_clear_message_and_changes_nothing(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "--detach")
    _refused(root, "HEAD is detached")
    with pytest.raises(NotReadyToSync):
        sync(root)


def test_an_operation_in_progress_gives_a_clear_message(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "-c", "other")
    edit(root, "radweg", status="concept")
    git(root, "switch", "--quiet", "main")
    edit(root, "radweg", status="on_hold")
    git(root, "merge", "other", check=False)
    result = portfolio(root, "sync")
    assert result.exit_code == 2 and "a merge is in progress" in result.stderr


def test_objects_that_fail_gits_checks_are_refused_and_change_nothing(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    edit(root, "radweg", status="concept")
    tree, parent = git(network.remote, "rev-parse", "main^{tree}", "main").split()
    bad = (
        f"tree {tree}\nparent {parent}\nauthor Someone NoEmail 1700000000 +0000\n"
        "committer Someone <someone@example.org> 1700000000 +0000\n\nmalformed\n"
    )
    done = subprocess.run(
        ["git", "hash-object", "--literally", "-w", "-t", "commit", "--stdin"],
        cwd=network.remote,
        input=bad,
        capture_output=True,
        text=True,
        check=True,
    )
    git(network.remote, "update-ref", "refs/heads/main", done.stdout.strip())
    _refused(root, "sent objects that fail git's checks; nothing was changed", "missingEmail")
