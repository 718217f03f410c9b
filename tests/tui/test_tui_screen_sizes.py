"""The UI at 80x24 and at 120x40, in German and English: every key of the key bar visible, the region
matrix complete at 120 columns and its municipality column in place when it scrolls sideways.

Also Textual's own texts that remained English: the screenshot and the theme names."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.geometry import Size
from textual.widgets import DataTable
from tui_helpers import screen_lines, settle

from portfolio.i18n import use_language
from tui.app import create_app
from tui.palette import THEMES, Palette
from tui.widgets.key_bar import KeyBar, fitted_entries

SIZES = [(80, 24), (120, 40)]


def test_a_narrow_key_bar_keeps_help_quit_and_the_palette_in_words_and_every_key():
    entries = [("/", "Suche", "search"), ("n", "Neu", "new"), ("e", "Bearbeiten", "edit")]
    entries += [("?", "Hilfe", "help"), ("q", "Beenden", "quit"), ("^p", "Befehle", "command-palette")]
    assert fitted_entries(entries, 200) == entries
    narrow = fitted_entries(entries, 51)
    assert [key for key, _words, _id in narrow] == ["/", "n", "e", "?", "q", "^p"]
    assert dict((binding_id, words) for _key, words, binding_id in narrow) == {
        "search": "Suche",
        "new": "Neu",
        "edit": "",  # the last optional key gives its words up first
        "help": "Hilfe",
        "quit": "Beenden",
        "command-palette": "Befehle",
    }
    tiny = fitted_entries(entries, 32)
    assert [binding_id for _key, _words, binding_id in tiny] == ["help", "quit", "command-palette"]
    assert all(words for _key, words, _id in tiny)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_every_key_of_the_main_screen_is_on_the_key_bar(tui_repo: Path, language: str, size):
    use_language(language)
    app = create_app(tui_repo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        line = screen_lines(pilot)[size[1] - 1]
        for binding in bar.shown_bindings():
            assert f" {app.get_key_display(binding)} " in line + " ", (binding.key, line)
        for binding_id in ("help", "quit", "command-palette"):
            binding = next(b for b in bar.shown_bindings() if b.id == binding_id)
            assert f"{app.get_key_display(binding)} {binding.description}" in line


@pytest.mark.parametrize("language", ["de", "en"])
async def test_the_region_matrix_shows_every_field_at_120_columns(tui_repo: Path, language: str):
    use_language(language)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        vocabulary = app.main_screen.portfolio.vocabulary
        matrix = app.screen.query_one("#region-matrix", DataTable)
        assert matrix.fixed_columns == 1
        assert matrix.virtual_size.width <= matrix.size.width  # nothing to scroll: every field is in view
        header = screen_lines(pilot)[3]
        for field in vocabulary.fields_of_action:
            label = vocabulary.label("field", field.slug)
            assert label in header or vocabulary.short_label(field.slug) in header, (label, header)


@pytest.mark.parametrize("language", ["de", "en"])
async def test_at_80_columns_the_matrix_keeps_the_municipalities_when_it_scrolls_right(tui_repo: Path, language):
    use_language(language)
    app = create_app(tui_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        vocabulary = app.main_screen.portfolio.vocabulary
        matrix = app.screen.query_one("#region-matrix", DataTable)
        last = len(vocabulary.fields_of_action)
        for _ in range(last):
            await pilot.press("right")
        await pilot.pause()
        lines = screen_lines(pilot)
        first_name = vocabulary.municipalities[0].name
        assert any(line.startswith(f" {first_name}") for line in lines), lines
        assert vocabulary.short_label(vocabulary.fields_of_action[-1].slug) in lines[3]
        assert matrix.cursor_coordinate.column == last
        cell_line = str(app.screen.query_one("#region-cell").render())
        assert first_name in cell_line and vocabulary.label("field", vocabulary.fields_of_action[-1].slug) in cell_line
        # The statistics take the matrix's place on demand, and give it back.
        await pilot.press("t")
        assert app.screen.query_one("#region-right").display and not app.screen.query_one("#region-left").display
        await pilot.press("t")
        assert app.screen.query_one("#region-left").display and app.focused is matrix


async def test_the_screenshot_is_saved_where_the_ui_says_in_its_language(
    tui_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    use_language("de")
    monkeypatch.chdir(tmp_path)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Bildschirmfoto" in commands and "Screenshot" not in commands
        path = app.save_screen_picture()
        assert path is not None and path.parent == tmp_path
        assert path.read_text(encoding="utf-8").lstrip().startswith("<svg")
        await pilot.pause()
        notices = [notification.message for notification in app._notifications]
        assert f"Bildschirmfoto gespeichert: {path}" in notices


async def test_a_screenshot_that_cannot_be_written_is_told_not_raised(
    tui_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    use_language("en")
    missing = tmp_path / "gone"
    missing.mkdir()
    monkeypatch.chdir(missing)
    missing.rmdir()
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.save_screen_picture() is None
        await pilot.pause()
        assert [notification.title for notification in app._notifications] == ["No screenshot"]


async def test_the_themes_are_named_in_the_ui_language(tui_repo: Path, monkeypatch: pytest.MonkeyPatch):
    use_language("de")
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.search_themes()
        await pilot.pause()
        assert isinstance(app.screen, Palette)
        await pilot.press(*"hell")
        await pilot.pause(0.3)
        shown = " ".join(screen_lines(pilot))
        assert "Hell" in shown and "textual-light" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme in ("textual-light", "solarized-light", "ansi-light")
        assert set(THEMES) <= set(app.available_themes)


@pytest.mark.parametrize("language", ["de", "en"])
async def test_the_title_gets_the_room_and_less_important_columns_give_way_at_80(tui_repo: Path, language: str):
    use_language(language)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", DataTable)
        widths = {str(column.key.value): column.width for column in table.ordered_columns}
        assert {"id", "title", "status", "municipalities", "field"} <= set(widths)
        longest_title = max(len(stored.project.title) for stored in app.main_screen.portfolio.projects.values())
        assert widths["title"] >= min(40, longest_title) and widths["title"] > 2 * widths["id"], widths
        before = [table.get_row_at(row) for row in range(table.row_count)]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = {str(column.key.value): column.width for column in table.ordered_columns}
        assert list(narrow) == ["id", "title", "status", "municipalities"], narrow
        assert narrow["title"] >= min(28, longest_title) and narrow["title"] > narrow["id"], narrow
        status_labels = [app.main_screen.portfolio.vocabulary.label("status", s) for s in ("completed", "deferred")]
        assert narrow["status"] >= max(len(label) for label in status_labels)  # never cut
        assert table.row_count == len(before)
        assert sum(narrow.values()) + 2 * len(narrow) <= 80 - 2
        # The keyboard's sort goes through the columns shown: from the municipalities back to the id.
        table.sort_by("municipalities")
        await pilot.press("o")
        await settle(pilot)
        assert table.sort_column == "id"
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "field" in [str(column.key.value) for column in table.ordered_columns]


async def test_a_resize_to_the_size_laid_out_lays_nothing_out_again_and_another_size_does(tui_repo: Path):
    """Textual sends two resizes to the size the first frame was laid out at (see
    ``MainScreen.on_resize``): the main screen skips them, and still follows a real one."""
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        laid_out = []
        relayout = screen._refresh_layout

        def counted(size=None, scroll=False):
            laid_out.append(size)
            relayout(size, scroll)

        screen._refresh_layout = counted
        before = screen_lines(pilot)
        screen.post_message(events.Resize(Size(120, 40), Size(120, 40)))
        await settle(pilot)
        assert laid_out == [] and screen_lines(pilot) == before
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert Size(100, 30) in laid_out and screen.outer_size == Size(100, 30)
        table = screen.query_one("#projects", DataTable)
        assert table.outer_size.width == 100 and len(screen_lines(pilot)) == 30


# -- snapshots at 80x24 and 120x40, both languages (120x40: tests/tui/test_tui_language.py) -------------


def _app_in(language: str, root: Path):
    use_language(language)  # as `portfolio --lang LANG` does before the UI starts
    return create_app(root)


@pytest.mark.parametrize("language", ["de", "en"])
def test_main_screen_at_80x24(snap_compare, tui_repo: Path, language: str):
    assert snap_compare(_app_in(language, tui_repo), terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("language", ["de", "en"])
def test_new_project_form_at_80x24(snap_compare, tui_repo: Path, language: str):
    async def open_the_form(pilot):
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(_app_in(language, tui_repo), terminal_size=(80, 24), run_before=open_the_form)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_region_view(snap_compare, tui_repo: Path, language: str, size):
    async def open_the_region(pilot):
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(_app_in(language, tui_repo), terminal_size=size, run_before=open_the_region)
