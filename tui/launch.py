"""Opening the UI as ``portfolio`` does: the files start loading in a child process before Textual
is imported (a quarter of a second of the UI's start-up, during which the child reads and validates
on the other core; see tui.load_process). Imports nothing of Textual itself."""

from __future__ import annotations

from pathlib import Path


def run(root: Path) -> None:
    from tui.load_process import LoadProcess

    load_process = LoadProcess.start(root)
    from tui.app import run as run_app

    run_app(root, load_process)
