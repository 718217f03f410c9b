"""Driving the app in tests: wait for workers and the messages they post, never sleep."""

from __future__ import annotations

import html
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factories import write_project
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable

from portfolio.git import repository


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and every message they posted is handled (handlers may start workers)."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(LAYOUT_WAIT if _layout_pending(pilot) else None)
        if not _busy(pilot):
            await pilot.pause()
            if not _busy(pilot):
                return


# Textual lays a screen out on its update timer, a frame after a widget asked for it: a pause for
# messages can end before that (twice a test read the detail pane still one line high).
LAYOUT_WAIT = 0.02


def _busy(pilot: Pilot) -> bool:
    return (
        any(worker.is_running for worker in pilot.app.workers)
        or _filling(pilot)
        or _first_views_coming(pilot)
        or _layout_pending(pilot)
    )


def _layout_pending(pilot: Pilot) -> bool:
    """A layout the screen has not done yet (Textual's own records: a test helper may read them)."""
    screen = pilot.app.screen
    return bool(getattr(screen, "_layout_required", False)) or any(
        getattr(widget, "_layout_required", False) for widget in screen.walk_children()
    )


def _filling(pilot: Pilot) -> bool:
    """A project table still adding rows in pieces (tui.widgets.project_table)."""
    return any(getattr(table, "filling", False) for table in pilot.app.screen.query("#projects"))


def _first_views_coming(pilot: Pilot) -> bool:
    """The main screen between its first validated table and the detail pane laid out after it, a
    frame later (tui.screens.main): a snapshot taken then showed the fields cut to one line."""
    painted = getattr(pilot.app.screen, "_validated_painted", None)
    return painted is not None and not painted.is_set()


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
    return "".join(screen_lines(pilot))


def screen_lines(pilot: Pilot) -> list[str]:
    """What the terminal shows, line by line, each text at its column (read from the exported screenshot)."""
    svg = pilot.app.export_screenshot()
    cell_width = 12.2  # the width of one cell in Textual's screenshots
    rows: dict[int, str] = {}
    for x, line, text in re.findall(
        r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]*?-line-(\d+)\)">(.*?)</text>', svg, flags=re.S
    ):
        row, column = int(line), round(float(x) / cell_width)
        shown = html.unescape(text).replace("\xa0", " ")
        current = rows.get(row, "")
        rows[row] = current.ljust(column)[:column] + shown + current[column + len(shown) :]
    return [rows.get(row, "").rstrip() for row in range(max(rows, default=-1) + 1)]


def widget_text(widget: Widget) -> str:
    """Every line the widget renders (also those scrolled out of view), as text."""
    strips = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    return "\n".join(strip.text.rstrip() for strip in strips)


def detail_text(app) -> str:
    """What the detail pane's Fields tab shows for the highlighted project."""
    return widget_text(app.screen.query_one("#fields"))


@contextmanager
def fixed_git_date(when: str) -> Iterator[None]:
    """Commits made inside get this author and committer date (and so the same commit id in every run)."""
    old = {name: os.environ.get(name) for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")}
    os.environ["GIT_AUTHOR_DATE"] = os.environ["GIT_COMMITTER_DATE"] = when
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def commit(root: Path, paths: list[str], message: str, when: str = "2026-01-01T10:00:00+01:00") -> str:
    """Commit with a fixed date, so that history tables and snapshots are reproducible."""
    with fixed_git_date(when):
        return repository.commit_paths(root, paths, message)


def add_project(
    root: Path, project_id: str, message: str | None = None, when: str = "2026-01-01T10:00:00+01:00", **fields
) -> str:
    write_project(root, project_id, **fields)
    return commit(root, [f"projects/{project_id}.toml"], message or f"Add project {project_id}", when)


async def highlight(pilot: Pilot, project_id: str) -> None:
    """Move the table's cursor to a project (the detail pane follows)."""
    table = pilot.app.screen.query_one("#projects", DataTable)
    table.move_cursor(row=column_text(table, 0).index(project_id))
    await pilot.pause()


async def open_history(pilot: Pilot, project_id: str) -> DataTable:
    """Highlight a project, open its history (h) and wait for it: the history table."""
    await highlight(pilot, project_id)
    await pilot.press("h")
    await settle(pilot)
    return pilot.app.screen.query_one("#history", DataTable)


def held_validation(monkeypatch) -> threading.Event:
    """Hold the UI's validating load until the returned event is set: the first look stays on screen."""
    from tui import loading

    may_start = threading.Event()
    full_load = loading.load

    def held_load(root, *rest):
        may_start.wait(10)
        return full_load(root, *rest)

    monkeypatch.setattr(loading, "load", held_load)
    return may_start


async def first_look_in_table(pilot: Pilot, table: DataTable) -> None:
    """Wait until the first look at the files fills the table."""
    for _ in range(200):
        if table.row_count and not table.filling:
            return
        await pilot.pause()
    raise AssertionError("the first look never reached the table")


def app_showing(widget: Widget):
    """A bare Textual app with ``widget`` as its only content: a widget tested on its own."""
    from textual.app import App

    class Host(App):
        def compose(self):
            yield widget

    return Host()
