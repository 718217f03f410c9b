"""One project's history from its own commits (portfolio.history.one_project) against the whole history.

The whole history (portfolio.history.engine, no cache) is the reference: for every id that ever
existed in a generated history of hundreds of commits with merges, renames, deletions, restores,
invalid versions and conflicts resolved in merges, and in hand-made histories of the cases that
need more than the project's own file, the events must be the same, field by field. Each is asked
three times: as a clone has it, with git's commit-graph with changed paths (``portfolio setup``),
where other gits answer (portfolio.git.path_log), and with a graph of the older half of the
commits only (commits made since).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_run import CliRun
from history_fixtures import commit, drop_commit_graph, git, save, write

from portfolio.errors import ProjectNotFound
from portfolio.git.commit_graph import has_changed_paths, write_commit_graph
from portfolio.git.repository import open_repo
from portfolio.history import project_history_at
from portfolio.history.cache_place import CACHE_NAME
from portfolio.history.engine import compute
from portfolio.history.one_project import project_events_alone
from portfolio.history.views import History

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate_history import generate  # noqa: E402


def whole(root: Path) -> History:
    return History(compute(root, use_cache=False))


def as_json(events) -> list[dict]:
    return [event.to_json(with_id=True) for event in events]


@contextmanager
def changed_path_filters(root: Path, *, partial: bool = False) -> Iterator[None]:
    """git's commit-graph with changed paths while inside, none again afterwards. ``partial``: of
    the older half of the commits only, as a clone has it after commits made since ``setup``."""
    if partial:
        commits = git(root, "rev-list", "HEAD").split()
        older = commits[len(commits) // 2]
        subprocess.run(
            ["git", "commit-graph", "write", "--stdin-commits", "--changed-paths"],
            cwd=root,
            input=older + "\n",
            capture_output=True,
            text=True,
            check=True,
        )
    else:
        with open_repo(root) as repo:
            write_commit_graph(repo)
    with open_repo(root) as repo:
        assert has_changed_paths(repo)
    try:
        yield
    finally:
        drop_commit_graph(root)


def _alone(root: Path, project_id: str) -> list[dict] | None:
    answer = project_events_alone(root, project_id)
    return None if answer is None else as_json(answer[0])


def alone(root: Path, project_id: str) -> list[dict] | None:
    """The events of one project alone; the same with git's changed-path filters (asserted)."""
    drop_commit_graph(root)
    without = _alone(root, project_id)
    for partial in (False, True):
        with changed_path_filters(root, partial=partial):
            assert _alone(root, project_id) == without, (project_id, partial)
    return without


def assert_left_to_the_whole_history(root: Path, project_id: str) -> None:
    """Not answered alone, and the history then comes from the whole history, at HEAD."""
    assert project_events_alone(root, project_id) is None
    events, head = project_history_at(root, project_id)
    assert as_json(events) == as_json(whole(root).project_events(project_id))
    assert head == git(root, "rev-parse", "HEAD")


@pytest.mark.parametrize(
    ("seed", "merge_every", "same_second"), [(7, 25, False), (11, 6, False), (23, 9, False), (11, 6, True)]
)
def test_every_project_of_a_generated_history_has_the_events_of_the_whole_history(
    tmp_path, seed, merge_every, same_second
):
    root = generate(
        tmp_path / "portfolio", projects=14, commits=160, seed=seed, merge_every=merge_every, same_second=same_second
    )
    history = whole(root)
    ids = sorted(history.known_ids())
    answered = renamed = 0
    for project_id in ids:
        expected = as_json(history.project_events(project_id))
        got = alone(root, project_id)
        if got is None:  # renamed more often than one pass more pays for
            continue
        answered += 1
        renamed += any(event["kind"] == "renamed" for event in got)
        assert got == expected, project_id
    assert answered >= len(ids) * 2 // 3
    assert not (root / ".git" / "portfolio").exists()  # nothing was cached on the way
    if seed == 7:
        assert renamed, "the generated history should have renamed projects answered alone"


def test_an_earlier_name_is_read_in_a_second_pass(portfolio_root):
    root = portfolio_root
    save(root, "altname", "Add altname", title="Alter Name")
    save(root, "altname", "Plan altname", author="bernd", title="Alter Name", status="planning")
    git(root, "mv", "projects/altname.toml", "projects/neuname.toml")
    commit(root, "Rename altname", author="cem", when="2026-02-01T10:00:00+01:00")
    save(root, "neuname", "Start neuname", title="Alter Name", status="implementation")
    expected = as_json(whole(root).project_events("neuname"))
    assert [event["kind"] for event in expected] == ["changed", "renamed", "changed", "created"]
    assert alone(root, "neuname") == expected
    assert alone(root, "altname") == as_json(whole(root).project_events("altname"))


def test_a_project_renamed_twice_is_left_to_the_whole_history(portfolio_root):
    root = portfolio_root
    save(root, "erstens", "Add erstens", title="Eins")
    git(root, "mv", "projects/erstens.toml", "projects/zweitens.toml")
    commit(root, "Rename to zweitens")
    git(root, "mv", "projects/zweitens.toml", "projects/drittens.toml")
    commit(root, "Rename to drittens")
    assert_left_to_the_whole_history(root, "drittens")


def test_a_rename_merged_from_a_branch_and_a_conflict_resolved_in_the_merge(portfolio_root):
    root = portfolio_root
    save(root, "ampel", "Add ampel", title="Smarte Ampel")
    git(root, "switch", "-q", "-c", "pr")
    git(root, "mv", "projects/ampel.toml", "projects/verkehr.toml")
    commit(root, "Rename ampel", author="cem", when="2026-02-01T10:00:00+01:00")
    save(root, "verkehr", "Verkehr in planning", author="cem", title="Smarte Ampel", status="planning")
    git(root, "switch", "-q", "main")
    save(root, "ampel", "Ampel in concept", author="bernd", title="Smarte Ampel", status="concept", summary="Kurz")
    git(root, "merge", "-q", "--no-ff", "pr", check=False, when="2026-02-03T10:00:00+01:00")
    git(root, "rm", "-q", "--cached", "--ignore-unmatch", "projects/ampel.toml")
    (root / "projects" / "ampel.toml").unlink(missing_ok=True)
    write(root, "verkehr", title="Smarte Ampel", status="implementation", summary="Kurz")
    git(root, "add", "-A", "projects")
    git(root, "commit", "-q", "--no-edit", author="anna", when="2026-02-03T10:00:00+01:00")
    history = whole(root)
    for project_id in ("verkehr", "ampel"):
        expected = as_json(history.project_events(project_id))
        assert any(event.get("merged_in") for event in expected)
        assert alone(root, project_id) == expected, project_id


def test_a_merge_that_renames_onto_a_file_of_the_other_branch_reads_that_file_s_history(portfolio_root):
    root = portfolio_root
    long_summary = "Ein Sensor je Kreuzung, ausgelesen alle zehn Minuten, Daten offen im Portal."
    save(root, "quelle", "Add quelle", title="Sensoren an Ampeln", summary=long_summary)
    git(root, "switch", "-q", "-c", "pr")
    save(root, "ziel", "Add ziel", author="cem", title="Ziel auf dem Zweig", status="planning")
    git(root, "switch", "-q", "main")
    save(root, "anderes", "Something else", title="Anderes")
    git(root, "merge", "-q", "--no-ff", "--no-commit", "pr", when="2026-02-03T10:00:00+01:00")
    git(root, "rm", "-q", "projects/quelle.toml")
    write(root, "ziel", title="Sensoren an Ampeln", summary=long_summary, status="concept")
    git(root, "add", "-A", "projects")
    git(root, "commit", "-q", "--no-edit", when="2026-02-03T10:00:00+01:00")
    renames = git(root, "diff-tree", "-M", "-r", "--name-status", "HEAD^1", "HEAD", "--", "projects/")
    assert "R" in renames.split()[0]  # the merge renamed quelle onto the branch's ziel
    history = whole(root)
    for project_id in ("quelle", "ziel"):
        assert alone(root, project_id) == as_json(history.project_events(project_id)), project_id


def test_deleted_restored_and_invalid_versions(portfolio_root):
    root = portfolio_root
    save(root, "kita", "Add kita", title="Kita-App")
    save(root, "kita", "Break kita", text='title = "Kita-App"\nstatus = "no-such-status"\n')
    save(root, "kita", "Fix kita", title="Kita-App", status="planning")
    git(root, "rm", "-q", "projects/kita.toml")
    commit(root, "Delete kita")
    save(root, "kita", "Restore kita", title="Kita-App", status="concept")
    expected = as_json(whole(root).project_events("kita"))
    assert {"deleted", "restored"} <= {event["kind"] for event in expected}
    assert any(event.get("invalid") for event in expected)
    assert alone(root, "kita") == expected


def test_a_rename_from_a_name_git_reads_as_a_pattern_is_left_to_the_whole_history(portfolio_root):
    root = portfolio_root
    write(root, "quelle", title="Quelle")
    (root / "projects" / "quelle.toml").rename(root / "projects" / "alt[1].toml")
    commit(root, "Add a file with a bracket in its name")
    git(root, "mv", "projects/alt[1].toml", "projects/ziel.toml")
    commit(root, "Rename it")
    assert_left_to_the_whole_history(root, "ziel")


def test_a_computed_history_is_used_once_it_exists(repo):
    assert project_events_alone(repo, "radweg") is not None
    compute(repo)  # writes the cache
    assert project_events_alone(repo, "radweg") is None
    events, head = project_history_at(repo, "radweg")
    assert [event.kind for event in events] == ["changed", "created"]
    assert head == git(repo, "rev-parse", "HEAD")


def test_an_id_that_never_existed_is_refused_as_by_the_whole_history(repo):
    with pytest.raises(ProjectNotFound) as by_whole:
        whole(repo).project_events("gibt-es-nicht")
    with pytest.raises(ProjectNotFound) as by_itself:
        project_events_alone(repo, "gibt-es-nicht")
    assert str(by_itself.value) == str(by_whole.value)


def test_the_history_command_writes_the_same_before_and_after_the_whole_history_is_computed(tmp_path):
    root = generate(tmp_path / "portfolio", projects=12, commits=120, seed=7, merge_every=7)
    run = CliRun(root)
    ids = sorted(whole(root).known_ids())
    questions = [(project_id, output) for project_id in ids for output in ("text", "json")]
    alone_outputs = {question: run("history", question[0], "--format", question[1]) for question in questions}
    assert not (root / ".git" / "portfolio" / CACHE_NAME).exists()
    shutil.rmtree(root / ".git" / "portfolio" / "outputs")
    compute(root)
    for question, before in alone_outputs.items():
        after = run("history", question[0], "--format", question[1])
        assert (after.exit_code, after.output) == (before.exit_code, before.output), question
    assert any('"kind": "renamed"' in before.output for before in alone_outputs.values())


def test_progress_is_told_for_the_pass_and_ends_once_at_the_total(repo):
    reported = []
    answer = project_events_alone(repo, "radweg", lambda done, total: reported.append((done, total)))
    assert answer is not None
    total = int(git(repo, "rev-list", "--count", "HEAD"))
    assert reported and reported[-1] == (total, total)
    assert [point for point in reported if point[0] == total] == [(total, total)]
