"""Marking a milestone done from the main screen: x, then Enter, one commit; the detail pane shows it."""

from __future__ import annotations

import tomllib
from datetime import date

import git
from textual.widgets import OptionList
from tui_helpers import add_project, detail_text, highlight, settle, type_text

from portfolio.changes.milestones import milestone_done_message, with_milestone_done
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from tui.app import create_app

MILESTONES = [
    {"title": "Konzept", "due": date(2026, 2, 1), "done": True},
    {"title": "Ausschreibung", "due": date(2026, 6, 30)},
    {"title": "Inbetriebnahme"},
]


def log(root) -> list[tuple[str, list[str]]]:
    repo = git.Repo(root)
    try:
        return [(commit.message.strip(), sorted(commit.stats.files)) for commit in repo.iter_commits(max_count=3)]
    finally:
        repo.close()


def commit_count(root) -> int:
    repo = git.Repo(root)
    try:
        return len(list(repo.iter_commits()))
    finally:
        repo.close()


def milestones_in_file(root, project_id: str) -> list[dict]:
    return tomllib.loads((root / "projects" / f"{project_id}.toml").read_text(encoding="utf-8"))["milestones"]


async def test_d_then_enter_marks_the_first_open_milestone_done_with_one_commit(tui_repo):
    add_project(tui_repo, "radweg", title="Radweg-Netz", milestones=MILESTONES, when="2026-01-10T09:00:00+01:00")
    commits_before = commit_count(tui_repo)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "radweg")
        assert "[ ] Ausschreibung" in detail_text(app)
        await pilot.press("x")
        picker = app.screen
        assert picker.id == "milestone-picker"
        options = picker.query_one("#milestone-options", OptionList)
        prompts = [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]
        assert prompts[0].startswith("Ausschreibung") and prompts[1] == "Inbetriebnahme"  # the open ones only
        assert options.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "main"
        assert "[x] Ausschreibung" in detail_text(app) and "[ ] Inbetriebnahme" in detail_text(app)
    assert milestones_in_file(tui_repo, "radweg") == [
        {"title": "Konzept", "due": date(2026, 2, 1), "done": True},
        {"title": "Ausschreibung", "due": date(2026, 6, 30), "done": True},
        {"title": "Inbetriebnahme"},
    ]
    assert log(tui_repo)[0] == ("Milestone of radweg done: Ausschreibung", ["projects/radweg.toml"])
    assert commit_count(tui_repo) == commits_before + 1


async def test_typing_jumps_to_a_milestone_and_escape_changes_nothing(tui_repo):
    add_project(tui_repo, "radweg", title="Radweg-Netz", milestones=MILESTONES, when="2026-01-10T09:00:00+01:00")
    app = create_app(tui_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await highlight(pilot, "radweg")
        await pilot.press("x")
        await type_text(pilot, "inb")
        assert app.screen.query_one("#milestone-options", OptionList).highlighted == 1
        await pilot.press("escape")
        assert app.screen.id == "main" and milestones_in_file(tui_repo, "radweg") == MILESTONES
        await pilot.press("x")
        await type_text(pilot, "inb")
        await pilot.press("enter")
        await settle(pilot)
    assert milestones_in_file(tui_repo, "radweg")[2] == {"title": "Inbetriebnahme", "done": True}
    assert log(tui_repo)[0][0] == "Milestone of radweg done: Inbetriebnahme"


async def test_without_open_milestones_d_says_so_and_opens_nothing(tui_repo):
    add_project(
        tui_repo, "fertig", title="Fertiges Projekt", milestones=[MILESTONES[0]], when="2026-01-10T09:00:00+01:00"
    )
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for project_id, said in (("fertig", "fertig has no open milestones."), ("buergerdienste", "no milestones")):
            await highlight(pilot, project_id)
            await pilot.press("x")
            assert app.screen.id == "main"
            assert said in "\n".join(str(notification.message) for notification in app._notifications)


async def test_a_refused_commit_leaves_the_picker_open_and_the_file_as_it_was(tui_repo):
    add_project(tui_repo, "radweg", title="Radweg-Netz", milestones=MILESTONES, when="2026-01-10T09:00:00+01:00")
    path = tui_repo / "projects" / "radweg.toml"
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "radweg")
        await pilot.press("x")
        edited_elsewhere = path.read_text(encoding="utf-8").replace("Radweg-Netz", "Radwegenetz")
        path.write_text(edited_elsewhere, encoding="utf-8")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "milestone-picker"
        assert "changed on disk" in "\n".join(str(notification.message) for notification in app._notifications)
    assert path.read_text(encoding="utf-8") == edited_elsewhere


def test_with_milestone_done_changes_that_milestone_only():
    vocabulary = load_vocabulary()
    project = parse_project(
        {
            "title": "Radweg-Netz",
            "module": 2,
            "status": "idea",
            "municipalities": ["rheine"],
            "fields_of_action": ["mobilitaet"],
            "milestones": MILESTONES,
        },
        vocabulary,
    )
    done = with_milestone_done(project, "Inbetriebnahme", vocabulary, "projects/radweg.toml")
    assert [milestone.done for milestone in done.milestones] == [True, False, True]
    assert done.model_copy(update={"milestones": project.milestones}) == project
    assert milestone_done_message("radweg", "Inbetriebnahme") == "Milestone of radweg done: Inbetriebnahme"
