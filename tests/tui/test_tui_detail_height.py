"""The detail pane's fields get the height of what they show, however late their own message loop runs.

Four test runs, and one start-up in ~40 of a loop on a loaded machine, showed the fields cut to
their first line. Traced in Textual 8: a Static asked for a layout that its message loop has not
passed on yet (it passes it on when it next idles) is measured by any screen layout that comes
first, and the measure is kept; an update in that time asks for no new one. Here the fields' loop
is held back, as a loaded machine holds it: the one-line message is measured, the project shown."""

from __future__ import annotations

import tomllib
from pathlib import Path

from portfolio.domain.parsing import parse_project
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import load_vocabulary

REPOSITORY = Path(__file__).resolve().parents[2]


def bundled_project():
    vocabulary = load_vocabulary(REPOSITORY)
    path = sorted((REPOSITORY / "projects").glob("*.toml"))[0]
    project = parse_project(tomllib.loads(path.read_text(encoding="utf-8")), vocabulary)
    return StoredProject(path.stem, f"projects/{path.name}", project, "", ""), vocabulary


async def test_fields_shown_while_their_message_loop_lags_get_their_height(monkeypatch):
    from textual.app import App
    from textual.widget import Widget

    from tui.app import PortfolioApp
    from tui.widgets.detail import ProjectDetail

    stored, vocabulary = bundled_project()
    measured = []

    class Host(App):
        CSS_PATH = PortfolioApp.CSS_PATH  # the app's layout: room for the scrollbar, so the width stays

        def compose(self):
            yield ProjectDetail()

        def on_mount(self):
            self.screen.screen_layout_refresh_signal.subscribe(self.screen, self.laid_out, immediate=True)

        def laid_out(self, screen):
            fields = screen.query("#fields")
            if not measured and fields and fields.first().size.height:
                measured.append(fields.first().size.height)  # the message measured: now the project
                screen.query_one(ProjectDetail).show_project(stored, vocabulary)

    async with Host().run_test(size=(100, 40)) as pilot:
        detail = pilot.app.query_one(ProjectDetail)
        passes_on = Widget._check_refresh  # Textual's idle step: it passes a widget's layout to the screen

        def held_back(widget):  # the fields' until the message is measured
            if widget.id != "fields" or measured:
                passes_on(widget)

        monkeypatch.setattr(Widget, "_check_refresh", held_back)
        detail.tabs()
        detail.show_message("Checking the project files…")  # as the main screen does, the tabs not yet mounted
        await detail.tabs_mounted()
        for _ in range(10):
            await pilot.pause(0.02)
        assert measured == [1]
        fields = pilot.app.query_one("#fields")
        assert fields.size.height == len(fields.render_lines(fields.content_region.reset_offset)) > 5
