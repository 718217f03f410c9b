"""The project form: structured rows for milestones, funding and KPIs, typed by keyboard only; a form
never loses what was typed (closing asks, a refused save keeps it); dropdowns and lists of choices
jump by typing; at 80x24 every control, Save and Cancel included, can be reached."""

from __future__ import annotations

import tomllib
from datetime import date

import git
from textual.widgets import Checkbox, Input, Select, SelectionList, Static
from tui_helpers import add_project, highlight, settle, type_text

from tui.app import create_app
from tui.widgets.jump import TypedPrefix, first_match


def head(root) -> tuple[str, str]:
    repo = git.Repo(root)
    try:
        return repo.head.commit.hexsha, repo.head.commit.message.strip()
    finally:
        repo.close()


def notifications(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


def within(inner, outer) -> bool:
    """Whether a widget's region is shown (not empty) and wholly inside ``outer``."""
    return inner.area > 0 and outer.contains_region(inner)


async def open_edit(pilot, project_id: str, size_note: str = ""):
    await settle(pilot)
    await highlight(pilot, project_id)
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    assert form.id == "project-form", size_note
    return form


async def test_milestones_funding_and_kpis_are_edited_in_rows_by_keyboard_and_saved(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_edit(pilot, "buergerdienste")
        # Milestones: Enter on the add button makes row 0; ctrl+n a row below the focused one.
        form.set_focus(form.query_one("#field-milestones-add"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused.id == "field-milestones-0-title"
        await type_text(pilot, "Start")
        await pilot.press("tab")
        await type_text(pilot, "1.3.2026")  # a date as people write it
        await pilot.press("tab", "space")  # done
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.focused.id == "field-milestones-1-title"
        await type_text(pilot, "Ende")
        await pilot.press("tab")
        await type_text(pilot, "2026-12-31")
        await pilot.press("alt+up")  # "Ende" moves above "Start", the focus with it
        await settle(pilot)
        assert app.focused.id == "field-milestones-0-due"
        assert form.query_one("#field-milestones-0-title", Input).value == "Ende"
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Weg damit")
        await pilot.press("ctrl+r")  # removes the focused row again
        await settle(pilot)
        assert not form.query("#field-milestones-2-title")
        # Funding: the status is a dropdown of the vocabulary; typing its first letters chooses it.
        form.set_focus(form.query_one("#field-funding-add"))
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Land NRW")
        await pilot.press("tab")
        await type_text(pilot, "Digitalisierung")
        await pilot.press("tab")
        await type_text(pilot, "150,000")
        await pilot.press("tab")
        assert app.focused.id == "field-funding-0-status"
        await type_text(pilot, "bew")
        assert form.query_one("#field-funding-0-status", Select).value == "granted"
        # KPIs
        form.set_focus(form.query_one("#field-kpis-add"))
        await pilot.press("enter")
        await settle(pilot)
        for text in ("Nutzer", "Personen", "0", "2.5"):
            await type_text(pilot, text)
            await pilot.press("tab")
        await settle(pilot)
        assert form.query_one("#commit-message", Input).value == "Update buergerdienste: Funding, Milestones, KPIs"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main", notifications(app)
    data = tomllib.loads((tui_repo / "projects" / "buergerdienste.toml").read_text(encoding="utf-8"))
    assert data["milestones"] == [
        {"title": "Ende", "due": date(2026, 12, 31)},
        {"title": "Start", "due": date(2026, 3, 1), "done": True},
    ]
    assert data["funding"] == [
        {"source": "Land NRW", "programme": "Digitalisierung", "amount_eur": 150000, "status": "granted"}
    ]
    assert data["kpis"] == [{"name": "Nutzer", "unit": "Personen", "baseline": 0, "target": 2.5}]
    assert head(tui_repo)[1] == "Update buergerdienste: Funding, Milestones, KPIs"


async def test_the_rows_show_what_the_file_holds_and_a_bad_part_is_marked_in_its_row(tui_repo):
    add_project(
        tui_repo,
        "radweg",
        title="Radweg-Netz",
        milestones=[{"title": "Planung", "due": date(2026, 5, 1), "done": True}, {"title": "Bau"}],
        funding=[{"source": "Bund", "amount_eur": 90000}],
        when="2026-01-10T09:00:00+01:00",
    )
    before = head(tui_repo)[0]
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_edit(pilot, "radweg")
        assert form.query_one("#field-milestones-0-title", Input).value == "Planung"
        assert form.query_one("#field-milestones-0-due", Input).value == "2026-05-01"
        assert form.query_one("#field-milestones-0-done", Checkbox).value is True
        assert form.query_one("#field-milestones-1-done", Checkbox).value is False
        assert form.query_one("#field-funding-0-amount-eur", Input).value == "90000"
        assert form.query_one("#field-funding-0-status", Select).value is Select.NULL
        form.query_one("#field-milestones-1-due", Input).value = "irgendwann"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and head(tui_repo)[0] == before
        row_error = form.query_one("#field-milestones-1-error", Static)
        assert row_error.has_class("shown") and "Milestone 2, Due (milestones.due)" in str(row_error.content)
        assert form.query_one("#field-milestones-1-due", Input).has_class("invalid")
        assert not form.query_one("#field-milestones-0-due", Input).has_class("invalid")
        assert not form.query_one("#field-milestones-0-error", Static).has_class("shown")
        assert app.focused.id == "field-milestones-1-due"  # the focus goes to what needs attention
        assert "1 field needs attention" in notifications(app)


async def test_escape_with_changes_asks_keep_editing_keeps_every_value_and_discard_closes(tui_repo):
    before = head(tui_repo)[0]
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        await type_text(pilot, "Radweg Rheine")
        form.query_one("#field-municipalities", SelectionList).select("rheine")
        form.set_focus(form.query_one("#field-milestones-add"))
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Start")
        typed = form.snapshot()
        await pilot.press("escape")
        assert app.screen.id == "confirm-discard"
        assert app.focused.id == "confirm-keep"  # the safe answer is the default
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and form.snapshot() == typed
        await pilot.press("escape")
        await pilot.press("escape")  # escape on the question: keep editing too
        assert app.screen is form and form.snapshot() == typed
        await pilot.press("escape")
        await pilot.press("right", "enter")  # Discard
        await settle(pilot)
        assert app.screen.id == "main"
    assert head(tui_repo)[0] == before
    assert not (tui_repo / "projects" / "radweg-rheine.toml").exists()


async def test_escape_on_an_unchanged_form_closes_at_once(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert app.screen.id == "project-form"
        await pilot.press("escape")
        assert app.screen.id == "main"
        form = await open_edit(pilot, "gruenflaechen")
        form.query_one("#field-summary", Input).value = "etwas"
        await pilot.pause()
        form.query_one("#field-summary", Input).value = ""  # typed and taken back: nothing changed
        await pilot.pause()
        await pilot.press("escape")
        assert app.screen.id == "main"


async def test_a_save_refused_by_the_check_keeps_every_value(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_edit(pilot, "e-mobilitaet")
        form.query_one("#field-title", Input).value = "X"
        form.query_one("#field-budget-eur", Input).value = "viel"
        form.set_focus(form.query_one("#field-kpis-add"))
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Ladevorgänge")
        await pilot.press("tab", "tab")
        await type_text(pilot, "sehr viele")
        typed = form.snapshot()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "3 fields need attention" in notifications(app)
        assert form.snapshot() == typed
        assert form.query_one("#field-kpis-0-baseline", Input).value == "sehr viele"


async def test_a_save_refused_by_git_keeps_every_value(tui_repo, no_git_identity):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        await type_text(pilot, "Ohne Identität")
        form.query_one("#field-municipalities", SelectionList).select("greven")
        form.query_one("#field-fields-of-action", SelectionList).select("menschen")
        form.set_focus(form.query_one("#field-milestones-add"))
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Start")
        form.query_one("#commit-message", Input).value = "Eigene Nachricht"
        await pilot.pause()
        typed = form.snapshot()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "git does not know who you are" in notifications(app)
        assert app.screen is form and form.snapshot() == typed
        assert str(form.query_one("#form-title", Static).content) == "New project"


async def test_the_title_is_in_view_and_focused_when_the_form_opens(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("n", "e"):
            await pilot.press(key)
            await settle(pilot)
            form = app.screen
            title = form.query_one("#field-title", Input)
            assert app.focused is title, key
            fields = form.query_one("#form-fields")
            caption = form.query(".field-caption").first()
            assert str(caption.content) == "Title" and within(caption.region, fields.region), key  # its caption too
            assert within(title.region, fields.region) and within(title.region, form.region), key
            assert fields.scroll_y == 0, key
            await pilot.press("escape")


async def test_typing_in_a_list_of_choices_or_a_dropdown_jumps_to_the_option(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        municipalities = form.query_one("#field-municipalities", SelectionList)
        form.set_focus(municipalities)
        await type_text(pilot, "rh")
        assert municipalities.get_option_at_index(municipalities.highlighted).value == "rheine"
        await pilot.press("space")
        assert municipalities.selected == ["rheine"]
        await type_text(pilot, "hö")
        highlighted = municipalities.get_option_at_index(municipalities.highlighted).value
        assert highlighted == "hoerstel"
        status = form.query_one("#field-status", Select)
        form.set_focus(status)
        await type_text(pilot, "pla")  # closed: the value follows
        assert status.value == "planning"
        await pilot.press("enter")  # open: the highlight follows, Enter takes it
        await type_text(pilot, "um")
        await pilot.press("enter")
        assert status.value == "implementation"


def test_typed_letters_form_one_prefix_until_a_pause():
    now = [0.0]
    typed = TypedPrefix(pause=1.0, clock=lambda: now[0])
    assert typed.add("r") == "r"
    now[0] = 0.5
    assert typed.add("h") == "rh"
    now[0] = 2.0
    assert typed.add("g") == "g"
    labels = ["Greven", "Hörstel", "Kreis Steinfurt", "Rheine", "Steinfurt", "3. Planung"]
    assert first_match(labels, "rh") == 3
    assert first_match(labels, "ho") == first_match(labels, "HÖ") == 1
    assert first_match(labels, "stein") == 4  # a label that starts with it before one with such a word
    assert first_match(labels[:3], "stein") == 2
    assert first_match(labels, "pla") == 5  # the number of a status is not typed
    assert first_match(labels, "xyz") is None


async def test_at_80x24_every_control_save_and_cancel_are_reached_by_keyboard_and_in_view(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_edit(pilot, "e-mobilitaet")
        await pilot.press("shift+tab")  # from the title backwards: the last control is Cancel
        assert app.focused.id == "cancel" and within(app.focused.region, app.screen.region)
        await pilot.press("shift+tab")
        assert app.focused.id == "save" and within(app.focused.region, app.screen.region)
        seen = ["save"]
        for _ in range(120):  # once round the form with Tab, back to Save
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            if focused.id == "save":
                break
            seen.append(focused.id)
            assert within(focused.region, app.screen.region), focused.id
            if focused in form.query_one("#form-fields").query("*"):
                assert within(focused.region, form.query_one("#form-fields").region), focused.id
        assert seen[:3] == ["save", "cancel", "field-title"] and seen[-1] == "commit-message"
        for wanted in ("field-municipalities", "field-milestones-add", "field-kpis-add", "field-notes"):
            assert wanted in seen
        assert len(seen) == len(set(seen))
        await pilot.press("tab")
        assert app.focused.id == "cancel"
        await pilot.press("enter")  # Cancel, pressed from the keyboard: nothing changed, the form closes
        assert app.screen.id == "main"


async def test_at_80x24_a_new_row_is_scrolled_into_view_with_the_focus(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_edit(pilot, "e-mobilitaet")
        fields = form.query_one("#form-fields")
        form.set_focus(form.query_one("#field-funding-add"))
        for row in range(3):
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert app.focused.id == f"field-funding-{row}-source"
            assert within(app.focused.region, fields.region), row
            await type_text(pilot, f"Quelle {row}")
        await pilot.press("alt+up")
        await settle(pilot)
        assert app.focused.id == "field-funding-1-source" and within(app.focused.region, fields.region)


async def test_the_status_picker_jumps_by_typing_and_its_digits_still_choose(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, "e-mobilitaet")
        await pilot.press("s")
        options = app.screen.query_one("#status-options")
        await type_text(pilot, "betr")
        assert options.get_option_at_index(options.highlighted).id == "operation"
        await pilot.press("2")
        assert app.screen.query_one("#status-message", Input).value == ("Status of e-mobilitaet: Planning → Concept")


async def test_in_german_the_rows_show_and_read_numbers_and_amounts_as_germans_write_them(tui_repo):
    from portfolio.i18n import use_language

    add_project(
        tui_repo,
        "radweg",
        title="Radweg-Netz",
        kpis=[{"name": "Anteil", "unit": "%", "baseline": 2.5, "target": 12.75}],
        when="2026-01-10T09:00:00+01:00",
    )
    use_language("de")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_edit(pilot, "radweg")
        assert form.query_one("#field-kpis-0-baseline", Input).value == "2,5"
        assert form.query_one("#field-kpis-0-target", Input).value == "12,75"
        form.set_focus(form.query_one("#field-funding-add"))
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Bund")
        await pilot.press("tab", "tab")
        await type_text(pilot, "150.000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "main", notifications(app)
    data = tomllib.loads((tui_repo / "projects" / "radweg.toml").read_text(encoding="utf-8"))
    assert data["funding"] == [{"source": "Bund", "amount_eur": 150000}]
    assert data["kpis"] == [{"name": "Anteil", "unit": "%", "baseline": 2.5, "target": 12.75}]


async def test_quitting_the_app_from_a_form_with_changes_asks_first(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        await type_text(pilot, "Radweg Rheine")
        typed = form.snapshot()
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.screen.id == "confirm-discard" and app.is_running
        await pilot.press("enter")  # keep editing
        await settle(pilot)
        assert app.screen is form and form.snapshot() == typed and app.is_running
        await pilot.press("ctrl+q")
        await pilot.press("right", "enter")  # discard: the app ends
        await settle(pilot)
        assert app.return_code == 0 and not app.is_running


async def test_quitting_from_an_unchanged_form_quits_at_once(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
