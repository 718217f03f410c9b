"""Driving the app in tests: wait for workers and the messages they post, never sleep."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and every message they posted is handled (handlers may start workers)."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            return


def column_text(table: DataTable, column: int) -> list[str]:
    return [str(getattr(table.get_row_at(row)[column], "plain", table.get_row_at(row)[column]))
            for row in range(table.row_count)]


def screen_text(pilot: Pilot) -> str:
    """What the terminal would show, as plain text."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_update(full=True).strips) \
        if False else _export_text(pilot)


def _export_text(pilot: Pilot) -> str:
    svg = pilot.app.export_screenshot()
    import html
    import re

    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return "".join(html.unescape(text) for text in texts).replace("\xa0", " ")
