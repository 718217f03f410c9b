"""Quitting at any moment of the start-up ends the app cleanly: callbacks waiting for the next
refresh run even after the screen is taken down, and must not touch what is gone (seen: quitting
in the frame that painted the validated table raised a MountError from the detail pane's tabs)."""

from __future__ import annotations

import asyncio

from tui.app import PortfolioApp
from tui.widgets.project_table import ProjectTable


async def run_until_ended(app: PortfolioApp) -> None:
    async with app.run_test(size=(120, 40)):
        for _ in range(500):
            if not app.is_running:
                break
            await asyncio.sleep(0.01)
    assert not app.is_running
    assert app.return_code == 0, app.return_code  # an exception in a callback ends it with 1


async def test_quitting_in_the_frame_that_paints_the_validated_table(tui_repo):
    class QuitsWithTheValidatedTable(PortfolioApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and getattr(screen, "portfolio", None) is not None:
                table = screen.query_one(ProjectTable)
                if table.row_count and not table.filling:
                    self.exit()  # as ctrl+q in that frame: the detail pane's tabs were yet to come

    await run_until_ended(QuitsWithTheValidatedTable(tui_repo))
