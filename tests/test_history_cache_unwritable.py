"""A git directory the cache cannot be written to (a shared repository): history works without it."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from pathlib import Path

from history_fixtures import fresh_events

from portfolio.history.engine import compute
from portfolio.history.views import History

COMMANDS = [["history", "radweg"], ["log"], ["blame", "radweg"], ["timeline"], ["report"]]


def _events(root: Path) -> list[dict]:
    return [event.to_json(with_id=True) for event in History(compute(root)).events]


def test_a_file_in_the_way_of_the_cache_folder_leaves_the_history_right(repo):
    (repo / ".git" / "portfolio").write_text("not a folder")
    assert _events(repo) == fresh_events(repo)
    assert (repo / ".git" / "portfolio").read_text() == "not a folder"


def test_a_cache_folder_that_refuses_every_access_is_computed_without_it(repo, monkeypatch):
    """A shared repository's folder of another user: open, stat, mkdir, unlink all fail with EACCES."""
    cache_folder = str(repo / ".git" / "portfolio")

    def refusing(real):
        def call(path, *args, **options):
            if str(path).startswith(cache_folder):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **options)

        return call

    for owner, name in [(os, "open"), (os, "stat"), (os, "replace"), (builtins, "open")]:
        monkeypatch.setattr(owner, name, refusing(getattr(owner, name)))
    for name in ["mkdir", "unlink", "exists", "is_file", "stat"]:
        monkeypatch.setattr(Path, name, refusing(getattr(Path, name)))
    assert _events(repo) == fresh_events(repo)


def test_the_commands_work_and_say_nothing_alarming(repo):
    (repo / ".git" / "portfolio").write_text("not a folder")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for command in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "portfolio", "--repo", str(repo), *command],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, (command, result.stderr)
        assert not any(word in result.stderr for word in ("Traceback", "Error", "Fehler")), (command, result.stderr)
        assert len(result.stderr.strip().splitlines()) <= 1, (command, result.stderr)
