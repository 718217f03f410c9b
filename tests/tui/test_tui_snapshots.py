"""Snapshots at 120x40 of the main screen, the form, the history tab and the region view.

Update after an intended change of the look: ``pytest tests/tui/test_tui_snapshots.py --snapshot-update``
and review the SVG files in ``__snapshots__``.
"""

from __future__ import annotations

from tui_helpers import open_history, settle, type_text

from tui.app import create_app

SIZE = (120, 40)


def test_main_screen(snap_compare, tui_repo):
    assert snap_compare(create_app(tui_repo), terminal_size=SIZE, run_before=settle)


def test_form_with_validation_errors(snap_compare, tui_repo):
    async def fill_in(pilot):
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Radweg Rheine")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(create_app(tui_repo), terminal_size=SIZE, run_before=fill_in)


def test_history_tab(snap_compare, tui_repo):
    async def open_solarkataster_history(pilot):
        await settle(pilot)
        await open_history(pilot, "solarkataster")

    assert snap_compare(create_app(tui_repo), terminal_size=SIZE, run_before=open_solarkataster_history)


def test_region_view(snap_compare, tui_repo):
    async def open_region(pilot):
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(create_app(tui_repo), terminal_size=SIZE, run_before=open_region)
