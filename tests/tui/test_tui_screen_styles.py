"""What the main screen's first frame leaves out of its styling changes nothing there: the rules of
the other screens (tui/screens.tcss) join the stylesheet after the first frame, once the load has
settled or when the first of them opens, and a dialog looks as with both files read at start-up;
the widgets are not styled a second time when the screen first resumes (Textual's default, right
after they were styled), and the first frame's styles are those of the second styling."""

from __future__ import annotations

from tui_helpers import settle

from tui.app import PortfolioApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.widgets.project_table import ProjectTable


def styles_of(screen) -> list[tuple[str, str]]:
    """Every node of ``screen`` (itself included) with the CSS its styles come to."""
    return [(node.css_identifier, node.styles.css) for node in screen.walk_children(with_self=True)]


def added(app: PortfolioApp) -> bool:
    return (str(app.SCREENS_CSS_PATH), "") in app.stylesheet.source


class BothFilesAtStart(PortfolioApp):
    """As before the rules were split: both files read with the app's own CSS."""

    CSS_PATH = [PortfolioApp.CSS_PATH, PortfolioApp.SCREENS_CSS_PATH]


class Watched(PortfolioApp):
    """Says whether the other screens' rules were there when the first frame with rows was drawn."""

    added_at_first_rows: bool | None = None

    def _display(self, screen, renderable) -> None:
        super()._display(screen, renderable)
        table = next(iter(screen.query(ProjectTable)), None) if renderable is not None else None
        if table is not None and table.row_count and self.added_at_first_rows is None:
            self.added_at_first_rows = added(self)


class NeverSettled(PortfolioApp):
    """The main screen's ask at the load's end goes unanswered: the rules come with the first other screen."""

    pushing = False

    def add_screens_css(self) -> None:
        if self.pushing:
            super().add_screens_css()

    def push_screen(self, screen, *arguments, **options):
        self.pushing = True
        try:
            return super().push_screen(screen, *arguments, **options)
        finally:
            self.pushing = False


class StyledTwice(Watched):
    """Textual's way: every widget of the main screen styled again when the screen first resumes."""

    def get_default_screen(self):
        screen = super().get_default_screen()
        screen._resumed = True  # as if resumed before: nothing is left out
        return screen


class StylesAtFirstRows(Watched):
    first_rows_styles = None

    def _display(self, screen, renderable) -> None:
        super()._display(screen, renderable)
        if self.added_at_first_rows is not None and self.first_rows_styles is None:
            self.first_rows_styles = styles_of(screen)


class StyledTwiceAtFirstRows(StyledTwice, StylesAtFirstRows):
    pass


async def test_the_first_frame_without_the_second_styling_has_the_styles_it_would_have_had(tui_repo):
    frames = []
    for kind in (StylesAtFirstRows, StyledTwiceAtFirstRows):
        app = kind(tui_repo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            frames.append(app.first_rows_styles)
    once, twice = frames
    assert once is not None and len(once) > 20
    assert once == twice


async def test_the_other_screens_rules_come_after_the_first_frame_and_change_nothing_on_the_main_screen(tui_repo):
    app = Watched(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.added_at_first_rows is False
        assert added(app)  # once the load settled
        split = styles_of(app.screen)
    whole_app = BothFilesAtStart(tui_repo)
    async with whole_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert styles_of(whole_app.screen) == split


async def test_a_dialog_opened_before_the_load_settled_is_styled_as_with_both_files_at_start(tui_repo):
    seen = {}
    for kind in (NeverSettled, BothFilesAtStart):
        app = kind(tui_repo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert added(app) is (kind is BothFilesAtStart)
            for dialog in (ConfirmScreen("Projekt löschen?", "Behalten", "Löschen"), HelpScreen(app.screen)):
                await app.push_screen(dialog)
                await pilot.pause()
                assert added(app)
                seen.setdefault(type(dialog).__name__, []).append(styles_of(dialog))
                app.pop_screen()
                await pilot.pause()
    for name, (split, whole) in seen.items():
        assert split == whole, name
    frame = seen["ConfirmScreen"][0]
    assert any(identifier == "Vertical#confirm-frame" and "width: 60" in css for identifier, css in frame), frame
