"""User-derived text is shown literally: markup is not interpreted, clicks run no action, control
characters are shown escaped, and nothing crashes."""

from __future__ import annotations

import pytest
from factories import write_project
from textual.widgets import DataTable, Input, Static
from tui_helpers import (
    add_project,
    cell_text,
    column_text,
    commit,
    detail_text,
    open_history,
    screen_text,
    settle,
    type_text,
)

from tui.app import create_app

CLICK_TITLE = "[@click=app.quit]x[/]"
BOLD_TITLE = "fix [/bold] later"


@pytest.fixture
def hostile_repo(portfolio_root):
    add_project(
        portfolio_root, "click-title", title=CLICK_TITLE, summary="[red]not red[/red] and [link=https://x]l[/link]"
    )
    add_project(portfolio_root, "bold-title", title=BOLD_TITLE, lead="[b]Lead[/b]", partners=["[@click=app.bell]p[/]"])
    # A file name with a terminal escape sequence: listed as broken, the ESC shown as \x1b.
    (portfolio_root / "projects" / "evil\x1b[31mred.toml").write_text('title = "x"\n', encoding="utf-8")
    return portfolio_root


async def test_markup_in_titles_is_shown_literally_in_table_detail_and_palette(hostile_repo):
    app = create_app(hostile_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        titles = dict(zip(column_text(table, 0), column_text(table, 1)))
        assert titles == {"bold-title": BOLD_TITLE, "click-title": CLICK_TITLE}
        text = screen_text(pilot)
        assert CLICK_TITLE in text and BOLD_TITLE in text
        table.move_cursor(row=column_text(table, 0).index("click-title"))
        await pilot.pause()
        fields = detail_text(app)
        assert CLICK_TITLE in fields and "[red]not red[/red] and [link=https://x]l[/link]" in fields
        table.move_cursor(row=column_text(table, 0).index("bold-title"))
        await pilot.pause()
        fields = detail_text(app)
        assert "[b]Lead[/b]" in fields and "[@click=app.bell]p[/]" in fields
        await pilot.press("ctrl+p")
        await type_text(pilot, "click")
        await settle(pilot)
        assert CLICK_TITLE in screen_text(pilot)
        await pilot.press("escape")


async def test_clicking_the_markup_title_runs_no_action(hostile_repo):
    app = create_app(hostile_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        row = column_text(table, 0).index("click-title")
        title_x = table.ordered_columns[0].get_render_width(table) + 1
        # Rendered as markup, the title would be a clickable "x" at its first cell; click there and along it.
        for column in (*range(title_x, title_x + 3), *range(title_x + 3, title_x + len(CLICK_TITLE), 5)):
            assert await pilot.click("#projects", offset=(column, row + 1))
        table.move_cursor(row=row)
        await pilot.pause()
        fields = app.screen.query_one("#fields", Static)
        assert CLICK_TITLE in detail_text(app).splitlines()[1]  # the title row, after the id and path
        for line in (1, 2):
            for column in (*range(17, 24), 30):
                await pilot.click(fields, offset=(column, line))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen.id == "main"


async def test_control_characters_in_file_names_are_shown_escaped(hostile_repo):
    app = create_app(hostile_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        broken = str(app.screen.query_one("#broken", Static).content)
        assert "projects/evil\\x1b[31mred.toml" in broken
        assert "\x1b" not in broken
        assert "\x1b" not in screen_text(pilot)


async def test_search_for_markup_text_does_not_crash(hostile_repo):
    app = create_app(hostile_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "[/bold]")
        assert column_text(app.screen.query_one("#projects", DataTable), 0) == ["bold-title"]
        assert "[/bold]" in app.screen.query_one("#search", Input).value


async def test_commit_message_with_markup_is_notified_literally(hostile_repo):
    app = create_app(hostile_repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        table.move_cursor(row=column_text(table, 0).index("bold-title"))
        await pilot.press("s")
        await pilot.press("2")
        app.screen.query_one("#status-message", Input).value = "[@click=app.quit]go[/] [/bold]"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "main"
        notes = list(app._notifications)
        assert any("[@click=app.quit]go[/] [/bold]" in note.message for note in notes)
        assert all(note.markup is False for note in notes)
        assert "[@click=app.quit]go[/] [/bold]" in screen_text(pilot)  # the toast, shown literally


async def test_history_shows_hostile_authors_and_subjects_escaped(hostile_repo, monkeypatch):
    path = hostile_repo / "projects" / "bold-title.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"idea"', '"concept"'), encoding="utf-8")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "[bold]Mallory\x1b]0;pwned\x07[/bold]")
    commit(
        hostile_repo,
        ["projects/bold-title.toml"],
        "Status [@click=app.quit]q[/] \x1b[2J cleared",
        "2026-02-01T10:00:00+01:00",
    )
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    app = create_app(hostile_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        history = await open_history(pilot, "bold-title")
        assert cell_text(history, 0, 2) == "[bold]Mallory\\x1b]0;pwned\\x07[/bold]"
        assert cell_text(history, 0, 3) == "Status [@click=app.quit]q[/] \\x1b[2J cleared"
        assert "\x1b" not in screen_text(pilot)
        for column in range(0, history.size.width, 2):
            await pilot.click("#history", offset=(column, 1))
        assert app.is_running


async def test_a_failing_history_computation_is_a_message_not_a_crash(tui_repo):
    app = create_app(tui_repo)

    def broken(root, project_id):
        raise RuntimeError("cache [/bold] damaged")

    app.history.project_history = broken
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert "RuntimeError: cache [/bold] damaged" in str(app.screen.query_one("#history-note", Static).content)
        assert app.is_running


async def test_a_project_without_commits_has_no_history_and_says_why(tui_repo):
    write_project(tui_repo, "noch-nicht-committet", title="Noch nicht committet")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_history(pilot, "noch-nicht-committet")
        note = str(app.screen.query_one("#history-note", Static).content)
        assert note.startswith("No history:") and "noch-nicht-committet" in note
        assert app.screen.query_one("#history", DataTable).row_count == 0
