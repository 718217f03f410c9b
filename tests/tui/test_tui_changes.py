"""Changing the portfolio from the UI: new project, edit, status; every change one commit, or a clear refusal."""

from __future__ import annotations

import git
from textual.widgets import DataTable, Input, OptionList, SelectionList, Static
from tui_helpers import cell_text, column_text, highlight, settle, type_text

from tui.app import create_app
from tui.messages import ProjectSaved


def head(root):
    repo = git.Repo(root)
    try:
        commit = repo.head.commit
        return commit.hexsha, commit.message.strip(), sorted(commit.stats.files), commit.author.name
    finally:
        repo.close()


def notifications(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


async def test_new_project_through_the_form_makes_a_commit_with_the_file(tui_repo):
    seen = []
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        assert form.id == "project-form" and app.focused.id == "field-title"
        await type_text(pilot, "Radweg Rheine")
        assert form.query_one("#field-id", Input).value == "radweg-rheine"
        form.query_one("#field-municipalities", SelectionList).select("rheine")
        form.query_one("#field-fields-of-action", SelectionList).select("mobilitaet")
        form.query_one("#field-fields-of-action", SelectionList).select("umwelt")
        await pilot.pause()
        assert form.query_one("#commit-message", Input).value == "Add project radweg-rheine: Radweg Rheine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
        sha, message, files, author = head(tui_repo)
        assert message == "Add project radweg-rheine: Radweg Rheine"
        assert files == ["projects/radweg-rheine.toml"] and author == "Test Author"
        text = (tui_repo / "projects" / "radweg-rheine.toml").read_text(encoding="utf-8")
        assert 'fields_of_action = [\n    "mobilitaet",\n    "umwelt",\n]' in text
        saved = [message for message in seen if isinstance(message, ProjectSaved)]
        assert saved and saved[0].commit == sha
        table = app.screen.query_one("#projects", DataTable)
        assert cell_text(table, table.cursor_row, 0) == "radweg-rheine"
        assert sha[:10] in notifications(app)


async def test_new_project_id_collision_gets_a_number_and_a_typed_duplicate_is_refused(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        await type_text(pilot, "Solarkataster")
        assert form.query_one("#field-id", Input).value == "solarkataster-2"
        form.query_one("#field-id", Input).value = "solarkataster"
        form.query_one("#field-municipalities", SelectionList).select("rheine")
        form.query_one("#field-fields-of-action", SelectionList).select("energie")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "projects/solarkataster.toml already exists" in str(form.query_one("#error-id", Static).content)


async def test_edit_shows_validation_errors_next_to_fields_then_saves_when_fixed(tui_repo):
    app = create_app(tui_repo)
    before = head(tui_repo)[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "buergerdienste")
        await pilot.press("e")
        form = app.screen
        assert form.query_one("#field-id", Input).disabled
        form.query_one("#field-title", Input).value = "X"
        form.query_one("#field-budget-eur", Input).value = "viel Geld"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and head(tui_repo)[0] == before
        title_error = form.query_one("#error-title", Static)
        assert "at least 3 characters" in str(title_error.content) and title_error.has_class("shown")
        assert "budget_eur" in str(form.query_one("#error-budget_eur", Static).content)
        assert not form.query_one("#error-summary", Static).has_class("shown")
        assert form.query_one("#field-title", Input).has_class("invalid")
        assert "2 fields need attention" in notifications(app)
        form.query_one("#field-title", Input).value = "Digitale Bürgerdienste für alle"
        form.query_one("#field-budget-eur", Input).value = "25000"
        await pilot.pause()
        assert not form.query_one("#error-title", Static).has_class("shown")
        assert form.query_one("#commit-message", Input).value == "Update buergerdienste: Title, Budget"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
        sha, message, files, _author = head(tui_repo)
        assert sha != before and message == "Update buergerdienste: Title, Budget"
        assert files == ["projects/buergerdienste.toml"]
        assert "budget_eur = 25000" in (tui_repo / "projects" / "buergerdienste.toml").read_text(encoding="utf-8")


async def test_edited_commit_message_is_used(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "wlan-rathaus")
        await pilot.press("e")
        form = app.screen
        form.query_one("#field-summary", Input).value = "Gäste-WLAN"
        await pilot.pause()
        form.query_one("#commit-message", Input).value = "WLAN: Zusammenfassung ergänzt"
        await pilot.pause()
        form.query_one("#field-lead", Input).value = "Stadt Rheine"
        await pilot.pause()
        assert form.query_one("#commit-message", Input).value == "WLAN: Zusammenfassung ergänzt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert head(tui_repo)[1] == "WLAN: Zusammenfassung ergänzt"


async def test_status_change_with_a_digit_and_enter_commits(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "e-mobilitaet")
        await pilot.press("s")
        picker = app.screen
        options = picker.query_one("#status-options", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0].startswith("1  Idee") and labels[2].startswith("3  Planung") and "(current)" in labels[2]
        await pilot.press("4")
        message = picker.query_one("#status-message", Input)
        assert app.focused is message
        assert message.value == "Status of e-mobilitaet: Planning → Implementation"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "main"
        _sha, subject, files, _author = head(tui_repo)
        assert subject == "Status of e-mobilitaet: Planning → Implementation"
        assert files == ["projects/e-mobilitaet.toml"]
        table = app.screen.query_one("#projects", DataTable)
        statuses = dict(zip(column_text(table, 0), column_text(table, 2)))
        assert statuses["e-mobilitaet"] == "Umsetzung"


async def test_save_refused_when_the_file_changed_on_disk(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "gruenflaechen")
        await pilot.press("e")
        form = app.screen
        path = tui_repo / "projects" / "gruenflaechen.toml"
        edited_elsewhere = path.read_text(encoding="utf-8").replace("Grünflächen-Monitoring", "Grünflächen (Editor)")
        path.write_text(edited_elsewhere, encoding="utf-8")
        before = head(tui_repo)[0]
        form.query_one("#field-summary", Input).value = "Sensoren in Parks"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open, nothing typed is lost
        assert path.read_text(encoding="utf-8") == edited_elsewhere
        assert head(tui_repo)[0] == before
        assert "changed on disk since it was loaded" in notifications(app)
        assert "reload (r)" in notifications(app)
        await pilot.press("escape")
        assert app.screen.id == "confirm-discard"  # the form holds a change: asked before it is dropped
        await pilot.press("right", "enter")
        await pilot.press("r")
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        assert "Grünflächen (Editor)" in column_text(table, 1)


async def test_status_change_refused_when_the_file_changed_on_disk(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "wlan-rathaus")
        await pilot.press("s")
        path = tui_repo / "projects" / "wlan-rathaus.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("completed", "operation"), encoding="utf-8")
        await pilot.press("1")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "status-picker"
        assert 'status = "operation"' in path.read_text(encoding="utf-8")
        assert "changed on disk" in notifications(app)


async def test_missing_git_identity_is_a_clear_notification_and_nothing_is_written(tui_repo, no_git_identity):
    app = create_app(tui_repo)
    before = head(tui_repo)[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        await type_text(pilot, "Ohne Identität")
        form.query_one("#field-municipalities", SelectionList).select("greven")
        form.query_one("#field-fields-of-action", SelectionList).select("menschen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "git does not know who you are" in notifications(app)
        assert 'git config --global user.name "Your Name"' in notifications(app)
        assert not (tui_repo / "projects" / "ohne-identitaet.toml").exists()
        assert head(tui_repo)[0] == before


async def test_index_lock_merge_in_progress_and_detached_head_are_notifications_not_crashes(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "buergerdienste")
        lock = tui_repo / ".git" / "index.lock"
        lock.write_text("")
        await pilot.press("s")
        await pilot.press("2")
        await pilot.press("enter")
        await settle(pilot)
        assert "another git process is running" in notifications(app)
        lock.unlink()
        (tui_repo / ".git" / "MERGE_HEAD").write_text(head(tui_repo)[0] + "\n")
        await pilot.press("enter")
        await settle(pilot)
        assert "a merge is in progress" in notifications(app)
        (tui_repo / ".git" / "MERGE_HEAD").unlink()
        repo = git.Repo(tui_repo)
        repo.git.checkout("--detach")
        repo.close()
        await pilot.press("enter")
        await settle(pilot)
        assert "HEAD is detached" in notifications(app)
        assert app.screen.id == "status-picker" and app.is_running
        assert head(tui_repo)[1] == "Status of solarkataster: concept -> implementation"  # nothing was committed
