"""Driving the app in tests: wait for workers and the messages they post, never sleep."""

from __future__ import annotations

import html
import re

from textual.pilot import Pilot
from textual.widgets import DataTable


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and every message they posted is handled (handlers may start workers)."""
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in pilot.app.workers):
                return


async def type_text(pilot: Pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


def cell_text(table: DataTable, row: int, column: int) -> str:
    value = table.get_row_at(row)[column]
    return str(getattr(value, "plain", value))


def column_text(table: DataTable, column: int) -> list[str]:
    return [cell_text(table, row, column) for row in range(table.row_count)]


def screen_text(pilot: Pilot) -> str:
    """What the terminal shows, as text (read from the screenshot the app exports)."""
    svg = pilot.app.export_screenshot()
    lines = re.findall(r'<g class="[^"]*-matrix">(.*?)</g>', svg, flags=re.S)
    body = lines[0] if lines else svg
    texts = re.findall(r"<text[^>]*>(.*?)</text>", body, flags=re.S)
    return "".join(html.unescape(text) for text in texts).replace("\xa0", " ")
