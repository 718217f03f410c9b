"""Events from real commits: authors and dates, renames, deletes, invalid versions, merges."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from history_fixtures import commit, git, save, write

from portfolio.domain.fields import registry
from portfolio.errors import ProjectNotFound
from portfolio.history import (
    all_events,
    blame,
    load_history,
    project_history,
    status_at,
    status_counts_over_time,
)
from portfolio.history.events import field_changes

PROJECTS = Path(__file__).resolve().parents[1] / "projects"


@pytest.fixture
def story(portfolio_root: Path) -> dict:
    """A small portfolio history with every kind of event, and a merged pull request."""
    root = portfolio_root
    shas = {}
    shas["create"] = save(
        root, "radweg", "Add radweg", author="anna", when="2026-01-05T10:00:00+01:00", title="Radweg-Netz"
    )
    shas["plan"] = save(
        root,
        "radweg",
        "Plan radweg",
        author="bernd",
        when="2026-02-03T09:30:00+01:00",
        title="Radweg-Netz",
        status="planning",
        municipalities=["rheine", "greven"],
    )
    shas["broken"] = save(
        root,
        "radweg",
        "WIP radweg",
        author="cem",
        when="2026-02-10T12:00:00+01:00",
        title="Radweg-Netz",
        status="in-arbeit",
        municipalities=["rheine", "greven"],
    )
    shas["fixed"] = save(
        root,
        "radweg",
        "Build radweg",
        author="anna",
        when="2026-03-02T08:00:00+01:00",
        title="Radweg-Netz",
        status="implementation",
        municipalities=["rheine", "greven"],
    )
    shas["other"] = save(
        root, "schulen", "Add schulen", author="bernd", when="2026-03-03T08:00:00+01:00", title="Digitale Schulen"
    )
    git(root, "mv", "projects/radweg.toml", "projects/radwege.toml")
    shas["rename"] = commit(root, "Rename radweg", author="cem", when="2026-03-10T08:00:00+01:00")
    (root / "projects" / "schulen.toml").unlink()
    shas["delete"] = commit(root, "Drop schulen", author="anna", when="2026-04-01T08:00:00+02:00")
    shas["restore"] = save(
        root,
        "schulen",
        "Bring back schulen",
        author="bernd",
        when="2026-04-20T08:00:00+02:00",
        title="Digitale Schulen",
        status="concept",
    )
    # a pull request: a branch with its own commit, merged with a merge commit
    git(root, "switch", "-q", "-c", "feature")
    shas["branch"] = save(
        root,
        "radwege",
        "Radwege in Emsdetten",
        author="cem",
        when="2026-05-04T08:00:00+02:00",
        title="Radweg-Netz",
        status="implementation",
        municipalities=["rheine", "greven", "emsdetten"],
    )
    git(root, "switch", "-q", "main")
    shas["main-side"] = save(
        root,
        "schulen",
        "Schulen planned",
        author="anna",
        when="2026-05-05T08:00:00+02:00",
        title="Digitale Schulen",
        status="planning",
    )
    git(
        root,
        "merge",
        "--no-ff",
        "-q",
        "-m",
        "Merge pull request #7 from feature",
        "feature",
        author="bernd",
        when="2026-05-06T08:00:00+02:00",
    )
    shas["merge"] = git(root, "rev-parse", "HEAD")
    return {"root": root, "shas": shas}


def test_events_carry_commit_author_date_subject_and_field_changes(story):
    events = project_history(story["root"], "radwege")
    plan = next(event for event in events if event.commit == story["shas"]["plan"])
    assert (plan.author, plan.email, plan.date, plan.subject, plan.kind) == (
        "Bernd Brandt",
        "bernd@example.org",
        "2026-02-03T09:30:00+01:00",
        "Plan radweg",
        "changed",
    )
    assert plan.changes == {"status": ["idea", "planning"], "municipalities": [["rheine"], ["rheine", "greven"]]}
    assert len(plan.commit) == 40 and plan.invalid is None and plan.merged_in is None
    created = events[-1]
    assert created.kind == "created" and created.commit == story["shas"]["create"]
    assert created.changes["title"] == [None, "Radweg-Netz"] and all(
        old is None for old, _new in created.changes.values()
    )


def test_an_invalid_version_is_an_event_and_the_next_valid_one_is_diffed_against_the_last_valid(story):
    events = {event.commit: event for event in project_history(story["root"], "radwege")}
    broken = events[story["shas"]["broken"]]
    assert broken.changes == {} and "unknown status 'in-arbeit'" in broken.invalid and broken.invalid.startswith("3:")
    fixed = events[story["shas"]["fixed"]]
    assert fixed.invalid is None and fixed.changes == {"status": ["planning", "implementation"]}


def test_a_rename_keeps_the_history_and_the_old_id_answers_up_to_the_rename(story):
    new_id = [event.commit for event in project_history(story["root"], "radwege")]
    shas = story["shas"]
    assert new_id[-5:] == [shas["rename"], shas["fixed"], shas["broken"], shas["plan"], shas["create"]]
    renamed = project_history(story["root"], "radwege")[1]
    assert (renamed.kind, renamed.old_path, renamed.path, renamed.changes) == (
        "renamed",
        "projects/radweg.toml",
        "projects/radwege.toml",
        {},
    )
    old_id = project_history(story["root"], "radweg")
    assert [event.commit for event in old_id] == new_id[-5:]


def test_delete_and_restore_and_a_deleted_project_stays_queryable(story):
    events = project_history(story["root"], "schulen")
    kinds = [(event.kind, event.commit) for event in events]
    shas = story["shas"]
    assert kinds == [
        ("changed", shas["main-side"]),
        ("restored", shas["restore"]),
        ("deleted", shas["delete"]),
        ("created", shas["other"]),
    ]
    deleted = events[2]
    assert deleted.changes["title"] == ["Digitale Schulen", None] and deleted.values["status"] == "idea"
    assert events[1].changes == {"status": ["idea", "concept"]}  # restored: compared with the version deleted


def test_merged_work_is_attributed_to_its_commit_and_names_the_merge(story):
    shas = story["shas"]
    events = project_history(story["root"], "radwege")
    branch = events[0]
    assert branch.commit == shas["branch"] and branch.author == "Cem Çelik"
    assert branch.merged_in is not None
    assert (branch.merged_in.commit, branch.merged_in.subject) == (shas["merge"], "Merge pull request #7 from feature")
    assert branch.changes == {"municipalities": [["rheine", "greven"], ["rheine", "greven", "emsdetten"]]}
    # the merge itself made nothing new: no event of its own; work on main is not "merged in"
    everything = all_events(story["root"])
    assert all(event.commit != shas["merge"] for event in everything)
    assert next(e for e in everything if e.commit == shas["main-side"]).merged_in is None


def test_a_conflict_resolved_in_the_merge_is_the_merge_s_own_event(portfolio_root):
    root = portfolio_root
    save(root, "ampel", "Add ampel", title="Smarte Ampel")
    git(root, "switch", "-q", "-c", "pr")
    branch = save(
        root,
        "ampel",
        "Ampel in planning",
        author="cem",
        when="2026-02-01T10:00:00+01:00",
        title="Smarte Ampel",
        status="planning",
    )
    git(root, "switch", "-q", "main")
    main = save(
        root,
        "ampel",
        "Ampel in concept",
        author="bernd",
        when="2026-02-02T10:00:00+01:00",
        title="Smarte Ampel",
        status="concept",
        summary="Kurz",
    )
    git(root, "merge", "-q", "pr", check=False, when="2026-02-03T10:00:00+01:00")
    write(root, "ampel", title="Smarte Ampel", status="implementation", summary="Kurz")
    git(root, "add", "projects/ampel.toml")
    git(root, "commit", "-q", "--no-edit", author="anna", when="2026-02-03T10:00:00+01:00")
    merge = git(root, "rev-parse", "HEAD")
    events = {event.commit: event for event in project_history(root, "ampel")}
    assert events[merge].changes == {"status": ["concept", "implementation"]}  # summary came from main
    assert events[merge].merged_in is None and events[branch].merged_in.commit == merge
    assert events[main].merged_in is None


def test_empty_repository_has_no_events(tmp_path):
    root = tmp_path / "empty"
    (root / "projects").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    assert all_events(root) == []
    assert status_counts_over_time(root) == []
    with pytest.raises(ProjectNotFound):
        project_history(root, "anything")


def test_repository_whose_commits_never_touch_projects(portfolio_root):
    (portfolio_root / "README.md").write_text("hello\n", encoding="utf-8")
    git(portfolio_root, "add", "README.md")
    git(portfolio_root, "commit", "-q", "-m", "Readme")
    assert all_events(portfolio_root) == []
    with pytest.raises(ProjectNotFound) as raised:
        project_history(portfolio_root, "radweg")
    assert raised.value.exit_code == 1


def test_status_at_a_date_follows_the_branch(story):
    root = story["root"]
    assert status_at(root, date(2026, 1, 4)) == {}
    assert status_at(root, date(2026, 2, 3)) == {"radweg": "planning"}
    assert status_at(root, date(2026, 2, 15)) == {
        "radweg": "planning"
    }  # the invalid version keeps the last valid status
    assert status_at(root, date(2026, 4, 5)) == {"radwege": "implementation"}
    assert status_at(root, datetime(2026, 5, 5, 7, 0, tzinfo=UTC)) == {
        "radwege": "implementation",
        "schulen": "planning",
    }


def test_timeline_counts_per_status_per_month(story):
    periods = {period.label: dict(period.counts) for period in status_counts_over_time(story["root"], by="month")}
    assert periods["2026-01"]["idea"] == 1
    assert periods["2026-02"]["planning"] == 1 and periods["2026-02"]["idea"] == 0
    assert periods["2026-03"]["implementation"] == 1 and periods["2026-03"]["idea"] == 1
    assert periods["2026-04"] == {**periods["2026-04"], "implementation": 1, "concept": 1, "idea": 0}
    quarters = [period.label for period in status_counts_over_time(story["root"], by="quarter")]
    assert quarters[:2] == ["2026-Q1", "2026-Q2"]
    weeks = status_counts_over_time(story["root"], by="week")
    assert weeks[0].label == "2026-W02" and weeks[0].start.weekday() == 0


def test_blame_names_the_commit_that_last_set_each_field(story):
    shas = story["shas"]
    blamed = {item.field: item for item in blame(story["root"], "radwege")}
    assert blamed["status"].commit == shas["fixed"] and blamed["status"].value == "implementation"
    assert blamed["municipalities"].commit == shas["branch"]
    assert blamed["municipalities"].merged_in.commit == shas["merge"]
    assert blamed["title"].commit == shas["create"] and blamed["title"].author == "Anna Albers"
    with pytest.raises(ProjectNotFound):
        blame(story["root"], "radweg")  # renamed away: not in the current version


def test_history_object_serves_every_view_from_one_computation(story):
    history = load_history(story["root"])
    assert [event.commit for event in history.events[:2]] == [story["shas"]["main-side"], story["shas"]["branch"]]
    assert history.known_ids() == {"radweg", "radwege", "schulen"}


def _changes_field_by_field(old, new):
    """The definition: every field of the registry, in its order, whose values differ."""
    old, new = old or {}, new or {}
    pairs = ((name, old.get(name), new.get(name)) for name in registry().names)
    return {name: [before, after] for name, before, after in pairs if before != after}


def test_field_changes_are_the_fields_whose_values_differ_in_the_registrys_order():
    import copy
    import random
    import tomllib

    from portfolio.domain.project_record import json_data

    rng = random.Random(17)
    projects = [json_data(tomllib.loads(path.read_text(encoding="utf-8"))) for path in sorted(PROJECTS.glob("*.toml"))]
    tried = 0
    for _ in range(3000):
        old = dict(rng.choice(projects))
        new = copy.deepcopy(old) if rng.random() < 0.3 else dict(old)  # equal values, not the same objects
        for name in rng.sample(list(new), rng.randint(0, 4)):
            choice = rng.random()
            if choice < 0.3:
                del new[name]
            elif choice < 0.6:
                new[name] = rng.choice(projects).get(name, "anders")
            else:
                new[name] = copy.deepcopy(new[name])
        if rng.random() < 0.2:
            new["not-a-field"] = 1
        if rng.random() < 0.2:
            new["summary"] = None  # an absent value and None are the same
        if rng.random() < 0.3:
            items = list(new.items())
            rng.shuffle(items)
            new = dict(items)
        for before, after in ((old, new), (new, old), (None, new), (old, None)):
            assert list(field_changes(before, after).items()) == list(_changes_field_by_field(before, after).items())
            tried += 1
    assert tried == 12000
