"""Delete (d), restore a deleted project (u, or the command palette) and revert a change from the
history tab (z): each asks first, and each is one commit made by the core's own function."""

from __future__ import annotations

import git
from textual.widgets import DataTable, OptionList, Static
from tui_helpers import column_text, highlight, open_history, settle

from tui.app import create_app


def notifications(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


def head(root) -> git.Commit:
    return git.Repo(root).head.commit


def question(app) -> str:
    return str(app.screen.query_one("#confirm-question", Static).content)


def listed(app) -> list[str]:
    return column_text(app.screen.query_one("#projects", DataTable), 0)


async def test_d_asks_naming_the_project_and_cancel_leaves_everything(tui_repo):
    before = head(tui_repo).hexsha
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "wlan-rathaus")
        await pilot.press("d")
        assert app.screen.id == "confirm-delete"
        assert "wlan-rathaus" in question(app) and "Freies WLAN im Rathaus" in question(app)
        await pilot.press("enter")  # the safe answer is the default
        await settle(pilot)
        assert app.screen.id == "main"
        await pilot.press("d")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "main" and "wlan-rathaus" in listed(app)
    assert head(tui_repo).hexsha == before
    assert (tui_repo / "projects" / "wlan-rathaus.toml").exists()


async def test_d_confirmed_makes_one_commit_and_u_restores_the_project(tui_repo):
    before = head(tui_repo).hexsha
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "wlan-rathaus")
        await pilot.press("d")
        await pilot.click("#confirm-proceed")
        await settle(pilot)
        deleted = head(tui_repo)
        assert [parent.hexsha for parent in deleted.parents] == [before]
        assert deleted.summary == "Delete project wlan-rathaus: Freies WLAN im Rathaus"
        assert list(deleted.stats.files) == ["projects/wlan-rathaus.toml"]
        assert not (tui_repo / "projects" / "wlan-rathaus.toml").exists()
        assert "wlan-rathaus" not in listed(app)
        assert deleted.hexsha[:10] in notifications(app)
        # u lists the deleted projects (from the history); Enter restores the chosen one in one commit
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.id == "restore-picker"
        options = app.screen.query_one("#restore-options", OptionList)
        assert options.option_count == 1
        assert "Freies WLAN im Rathaus (wlan-rathaus)" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        restored = head(tui_repo)
        assert [parent.hexsha for parent in restored.parents] == [deleted.hexsha]
        assert restored.summary == "Restore project wlan-rathaus: Freies WLAN im Rathaus"
        assert 'status = "completed"' in (tui_repo / "projects" / "wlan-rathaus.toml").read_text()
        assert "wlan-rathaus" in listed(app)
        # nothing left to restore: said so, no list
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.id == "main"
        assert "No project has been deleted" in notifications(app)


async def test_restore_is_in_the_command_palette_and_the_keys_in_help(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Restore a deleted project…" in titles and "Delete project…" in titles
        await pilot.press("question_mark")
        keys = dict(
            zip(
                column_text(app.screen.query_one("#help-keys", DataTable), 0),
                column_text(app.screen.query_one("#help-keys", DataTable), 1),
            )
        )
        assert (keys["d"], keys["u"], keys["z"]) == ("Delete", "Restore", "Revert")


async def test_revert_from_the_history_tab_refuses_then_reverts(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        history = await open_history(pilot, "solarkataster")
        before = head(tui_repo).hexsha
        # the older status change: a later commit changed the status again, so it is refused
        app.set_focus(history)
        history.move_cursor(row=1)
        await pilot.pause()
        await pilot.press("z")
        assert app.screen.id == "confirm-revert"
        older = column_text(history, 3)[1]
        assert older in question(app) and "Status: Idee -> Konzeption" in question(app)
        await pilot.click("#confirm-proceed")
        await settle(pilot)
        assert head(tui_repo).hexsha == before
        later = git.Repo(tui_repo).git.rev_parse("HEAD")[:12]
        assert app.screen.id == "revert-choice"  # the refusal, and a choice per field (see below)
        assert "a later change touched these fields" in str(
            app.screen.query_one("#revert-choice-title", Static).content
        )
        values = "\n".join(str(block.render()) for block in app.screen.query(".choice-values"))
        assert "Status\n  before:     Idee\n  set by it:  Konzeption\n  now:        Umsetzung\n" in values
        assert f"changed later in {later[:10]} (Status of solarkataster: concept -> implementation)" in values
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "main" and head(tui_repo).hexsha == before
        # the newest change can be reverted: a new commit puts the status back
        history.move_cursor(row=0)
        await pilot.pause()
        await pilot.press("z")
        await pilot.click("#confirm-proceed")
        await settle(pilot)
        reverted = head(tui_repo)
        assert reverted.parents[0].hexsha == before
        assert reverted.summary.startswith("Revert: Status of solarkataster")
        assert 'status = "concept"' in (tui_repo / "projects" / "solarkataster.toml").read_text()


async def test_revert_outside_the_history_tab_says_how(tui_repo):
    before = head(tui_repo).hexsha
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "solarkataster")
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.id == "main"
        assert "Open the history tab (h)" in notifications(app)
    assert head(tui_repo).hexsha == before


def rename_message(app) -> str:
    return str(app.screen.query_one("#rename-message", Static).content)


async def test_R_refuses_a_bad_and_a_taken_id_then_renames_and_highlights(tui_repo):
    from textual.widgets import Input
    from tui_helpers import add_project

    add_project(tui_repo, "karte", title="Karte", depends_on=["solarkataster"], when="2026-04-01T09:00:00+01:00")
    before = head(tui_repo).hexsha
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "solarkataster")
        await pilot.press("R")
        assert app.screen.id == "rename"
        box = app.screen.query_one("#rename-id", Input)
        assert box.value == "solarkataster"
        assert "karte" in str(app.screen.query_one("#rename-dependents", Static).content)
        for refused_id, reason in (
            ("Solar_Kataster", "not a valid project id"),
            ("wlan-rathaus", "taken by the project wlan-rathaus"),
        ):
            box.value = refused_id
            await pilot.pause()
            assert reason in rename_message(app)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.id == "rename" and head(tui_repo).hexsha == before
        box.value = "solar-dach"
        await pilot.pause()
        assert rename_message(app) == ""
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "main"
        renamed = head(tui_repo)
        assert [parent.hexsha for parent in renamed.parents] == [before]
        assert renamed.summary == "Rename project solarkataster to solar-dach"
        status = git.Repo(tui_repo).git.show("-M", "--name-status", "--format=", "HEAD").splitlines()
        assert "R100\tprojects/solarkataster.toml\tprojects/solar-dach.toml" in status
        assert "M\tprojects/karte.toml" in status
        assert '"solar-dach"' in (tui_repo / "projects" / "karte.toml").read_text()
        table = app.screen.query_one("#projects", DataTable)
        assert listed(app)[table.cursor_row] == "solar-dach"
        assert "solarkataster" not in listed(app)


async def test_R_escape_renames_nothing_and_is_in_the_palette_and_help(tui_repo):
    before = head(tui_repo).hexsha
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "wlan-rathaus")
        await pilot.press("R")
        await pilot.press("x", "escape")
        await settle(pilot)
        assert app.screen.id == "main" and "wlan-rathaus" in listed(app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Rename project…" in titles
        await pilot.press("question_mark")
        help_keys = app.screen.query_one("#help-keys", DataTable)
        keys = dict(zip(column_text(help_keys, 0), column_text(help_keys, 1)))
        assert keys["R"] == "Rename"
    assert head(tui_repo).hexsha == before


SOLAR = {
    "title": "Solarkataster für den Kreis",
    "municipalities": ["kreis-steinfurt"],
    "fields_of_action": ["energie", "umwelt"],
}


async def _open_revert_choice(pilot, root) -> str:
    """Two more commits of solarkataster, the older one reverted from the history tab: refused, so
    the choice screen opens. Returns the sha of the commit to revert."""
    from tui_helpers import add_project

    app = pilot.app
    older = add_project(
        root,
        "solarkataster",
        "Operation",
        status="operation",
        summary="Erste Fassung",
        lead="Kreis",
        **SOLAR,
        when="2026-04-07T09:00:00+01:00",
    )
    add_project(
        root,
        "solarkataster",
        "Completed",
        status="completed",
        summary="Zweite Fassung",
        lead="Kreis",
        **SOLAR,
        when="2026-05-07T09:00:00+01:00",
    )
    app.screen.reload()
    await settle(pilot)
    history = await open_history(pilot, "solarkataster")
    app.set_focus(history)
    history.move_cursor(row=1)
    await pilot.pause()
    await pilot.press("z")
    await pilot.click("#confirm-proceed")
    await settle(pilot)
    assert app.screen.id == "revert-choice"
    return older


def choice_number(screen, field: str) -> int:
    return [row.field for row in screen.plan.fields].index(field)


async def test_a_refused_revert_is_decided_per_field_before_and_now(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        older = await _open_revert_choice(pilot, tui_repo)
        before = head(tui_repo).hexsha
        screen = app.screen
        text = "\n".join(str(block.render()) for block in screen.query(".choice-values"))
        assert "Status\n  before:     Umsetzung\n  set by it:  Betrieb\n  now:        Abgeschlossen" in text
        assert "Erste Fassung" in text and "Zweite Fassung" in text
        assert "Lead" in str(screen.query_one("#revert-choice-put-back", Static).content)
        await pilot.press("ctrl+s")  # nothing chosen: refused, nothing changed
        await settle(pilot)
        assert app.screen.id == "revert-choice" and head(tui_repo).hexsha == before
        await pilot.click(f"#choice-{choice_number(screen, 'status')}-before")
        await pilot.click(f"#choice-{choice_number(screen, 'summary')}-now")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
        reverted = head(tui_repo)
        assert [parent.hexsha for parent in reverted.parents] == [before]
        text = (tui_repo / "projects" / "solarkataster.toml").read_text()
        assert 'status = "implementation"' in text and 'summary = "Zweite Fassung"' in text and "lead" not in text
        later = reverted.parents[0].hexsha[:12]
        assert reverted.message.splitlines() == [
            f"Revert: Lead, Status of solarkataster ({older[:12]})",
            "",
            'Lead: "Kreis" -> –',
            f"Status: back to the value before (Umsetzung), over the later change in {later}",
            f'Summary: kept as it is now ("Zweite Fassung"); changed later in {later}',
        ]
        assert reverted.hexsha[:10] in notifications(app)


async def test_escape_on_the_revert_choice_changes_nothing(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_revert_choice(pilot, tui_repo)
        before = head(tui_repo).hexsha
        original = (tui_repo / "projects" / "solarkataster.toml").read_bytes()
        await pilot.click(f"#choice-{choice_number(app.screen, 'status')}-before")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "main"
        assert head(tui_repo).hexsha == before
        assert (tui_repo / "projects" / "solarkataster.toml").read_bytes() == original
        assert git.Repo(tui_repo).git.status("--porcelain") == ""


async def test_an_edited_value_on_the_revert_choice(tui_repo):
    from textual.widgets import Input

    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_revert_choice(pilot, tui_repo)
        screen = app.screen
        status, summary = choice_number(screen, "status"), choice_number(screen, "summary")
        await pilot.click(f"#choice-{status}-edited")
        assert not screen.query_one(f"#edited-{status}", Input).disabled
        screen.query_one(f"#edited-{status}", Input).value = "no-such-status"
        await pilot.click(f"#choice-{summary}-now")
        before = head(tui_repo).hexsha
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "revert-choice" and head(tui_repo).hexsha == before
        error = str(screen.query_one("#revert-choice-error", Static).content)
        assert "would not be valid" in error and "no-such-status" in error
        screen.query_one(f"#edited-{status}", Input).value = "planning"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main"
        assert 'status = "planning"' in (tui_repo / "projects" / "solarkataster.toml").read_text()
        assert "Status: edited (Planung)" in head(tui_repo).message
