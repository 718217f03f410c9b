"""Fifty generated concurrent edits across three clones, synced in random order (fixed seed).

Every edit that sync did not report as a conflict must be in the final remote state, and every
file there must pass ``portfolio check --strict``. A clone whose sync reports a conflict resolves it
as a person would: it takes the remote's value for each field that was named, and makes its other
edits again on top of the remote's state.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from collab_fixtures import edit, git, local_data, make_network, portfolio
from factories import minimal_project

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.git.sync import SyncConflict, sync

SEED = 20210903
EDITS = 50

PROJECTS = {
    "radweg": minimal_project(title="Radweg Rheine-Mesum", municipalities=["rheine"], fields_of_action=["mobilitaet"]),
    "lorawan": minimal_project(
        title="LoRaWAN-Netz",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["technologie"],
        topics=["sensorik"],
        milestones=[{"title": "Gateways", "due": date(2026, 6, 30)}],
    ),
    "kiosk": minimal_project(title="Gesundheitskiosk", municipalities=["hopsten"], fields_of_action=["menschen"]),
}


@dataclass(frozen=True)
class Edit:
    project: str
    field: str
    op: str  # "set", "add", "remove", "done"
    value: Any


def _apply(root: Path, change: Edit) -> bool:
    """Make ``change`` in ``root`` as a commit; False when it no longer applies (nothing to do)."""
    data = local_data(root, change.project)
    if change.op == "set":
        if data.get(change.field) == change.value:
            return False
        edit(root, change.project, **{change.field: change.value})
    elif change.op in ("add", "remove"):
        items = list(data.get(change.field, []))
        if change.field == "milestones":
            if any(item["title"] == change.value["title"] for item in items):
                return False
            items.append(change.value)
        elif change.op == "add":
            if change.value in items:
                return False
            items.append(change.value)
        else:
            if change.value not in items:
                return False
            items.remove(change.value)
        edit(root, change.project, **{change.field: items})
    else:  # mark a milestone done
        items = data["milestones"]
        if all(item["title"] != change.value or item.get("done") for item in items):
            return False
        edit(
            root,
            change.project,
            milestones=[{**item, "done": True} if item["title"] == change.value else item for item in items],
        )
    return True


def _random_edit(rng: random.Random, root: Path, number: int, vocabulary) -> Edit:
    project = rng.choice(sorted(PROJECTS))
    data = local_data(root, project)
    kind = rng.choice(["status", "budget", "summary", "municipality", "topic", "untopic", "milestone", "done"])
    if kind == "status":
        return Edit(project, "status", "set", rng.choice([s for s in vocabulary.status_slugs if s != data["status"]]))
    if kind == "budget":
        return Edit(project, "budget_eur", "set", number * 1000)
    if kind == "summary":
        return Edit(project, "summary", "set", f"Stand {number}")
    if kind == "municipality":
        choices = [m for m in vocabulary.municipality_slugs if m not in data["municipalities"]]
        return Edit(project, "municipalities", "add", rng.choice(choices))
    own_topics = [topic for topic in data.get("topics", []) if topic.startswith("thema-")]
    if kind == "untopic" and own_topics:
        return Edit(project, "topics", "remove", rng.choice(own_topics))
    open_milestones = [item["title"] for item in data.get("milestones", []) if not item.get("done")]
    if kind == "done" and open_milestones:
        return Edit(project, "milestones", "done", rng.choice(open_milestones))
    if kind == "milestone":
        return Edit(
            project,
            "milestones",
            "add",
            {"title": f"Meilenstein {number}", "due": date(2026, 1, 1).replace(month=rng.randint(1, 12))},
        )
    return Edit(project, "topics", "add", f"thema-{number}")


def test_fifty_concurrent_edits_across_three_clones(tmp_path):
    started = time.monotonic()
    rng = random.Random(SEED)
    vocabulary = load_vocabulary()
    network = make_network(tmp_path, PROJECTS)
    clones = [network.clone(name) for name in ("a", "b", "c")]
    pending: dict[Path, list[Edit]] = {clone: [] for clone in clones}
    pushed: list[Edit] = []
    reported: list[Edit] = []
    outcomes: list[str] = []

    def sync_clone(clone: Path) -> None:
        try:
            outcomes.append(sync(clone).outcome)
        except SyncConflict as conflict:
            outcomes.append("conflict")
            named = set()
            for file in conflict.conflicts:
                assert file.project_id in PROJECTS and file.fields, file  # named by project and field
                named.update((file.project_id, summary["field"]) for summary in file.fields)
            dropped = [change for change in pending[clone] if (change.project, change.field) in named]
            assert dropped, (named, pending[clone])  # a conflict is always about one of our own edits
            reported.extend(dropped)
            again = [change for change in pending[clone] if (change.project, change.field) not in named]
            git(clone, "fetch", "--quiet", "origin")
            git(clone, "reset", "--quiet", "--hard", "origin/main")
            pending[clone] = [change for change in again if _apply(clone, change)]
            return
        pushed.extend(pending[clone])
        pending[clone] = []

    made = 0
    while made < EDITS:
        clone = rng.choice(clones)
        if rng.random() < 0.6:
            change = _random_edit(rng, clone, made + 1, vocabulary)
            if _apply(clone, change):
                pending[clone].append(change)
                made += 1
        else:
            sync_clone(clone)
    for _round in range(5):
        for clone in clones:
            if pending[clone]:
                sync_clone(clone)
    assert not any(pending.values())

    final = {project: network.remote_data(project) for project in PROJECTS}
    last_set: dict[tuple[str, str], Any] = {}
    last_item_op: dict[tuple[str, str, str], str] = {}
    for change in pushed:
        if change.op == "set":
            last_set[(change.project, change.field)] = change.value
        elif change.op == "done":
            assert any(
                item["title"] == change.value and item.get("done") for item in final[change.project]["milestones"]
            )
        else:
            key = change.value["title"] if change.field == "milestones" else change.value
            last_item_op[(change.project, change.field, key)] = change.op
    for (project, name), value in last_set.items():
        assert final[project].get(name) == value, (project, name)
    for (project, name, key), op in last_item_op.items():
        present = [item["title"] if name == "milestones" else item for item in final[project].get(name, [])]
        assert (key in present) == (op == "add"), (project, name, key, op)

    check_clone = tmp_path / "check"
    git(tmp_path, "clone", "--quiet", str(network.remote), str(check_clone))
    check = portfolio(check_clone, "check", "--strict")
    assert check.exit_code == 0, check.output
    # The run exercised what it claims: merges of concurrent edits, and conflicts that were named.
    assert outcomes.count("rebased") >= 5 and 1 <= outcomes.count("conflict") < len(outcomes) // 2, outcomes
    assert len(pushed) + len(reported) >= EDITS
    assert time.monotonic() - started < 60
