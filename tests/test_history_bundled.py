"""``portfolio history`` on the bundled portfolio (this repository's own projects/) shows the status
moves committed there, as an independent reading of each committed version says."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio.cli import cli

SOURCE = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=SOURCE, capture_output=True, text=True, check=True).stdout


def _bundled_ids() -> list[str]:
    try:
        listed = _git("ls-tree", "--name-only", "HEAD", "--", "projects/")
    except (subprocess.CalledProcessError, FileNotFoundError):
        return []
    return sorted(Path(name).stem for name in listed.split() if name.endswith(".toml"))


def _committed_statuses(project_id: str) -> list[str]:
    """Status of each committed version of the file, oldest first (no renames in the bundled data)."""
    path = f"projects/{project_id}.toml"
    statuses = []
    for sha in _git("log", "--first-parent", "--reverse", "--format=%H", "--", path).split():
        try:
            text = _git("show", f"{sha}:{path}")
            statuses.append(tomllib.loads(text).get("status"))
        except (subprocess.CalledProcessError, tomllib.TOMLDecodeError):
            continue
    return statuses


def test_history_of_the_bundled_portfolio_shows_its_status_moves():
    ids = _bundled_ids()
    if not ids:
        pytest.skip("this checkout has no committed projects/*.toml yet")
    moved = 0
    for project_id in ids:
        expected = _committed_statuses(project_id)
        expected_moves = [(old, new) for old, new in zip(expected, expected[1:]) if old != new]
        result = CliRunner().invoke(cli, ["--repo", str(SOURCE), "history", project_id, "--format", "json",
                                          "--reverse"])
        assert result.exit_code == 0, result.output
        events = json.loads(result.output)["events"]
        moves = [tuple(event["changes"]["status"]) for event in events
                 if "status" in event["changes"] and event["kind"] == "changed" and event["merged_in"] is None]
        assert moves == expected_moves, project_id
        moved += len(moves)
    assert moved > 0, "the bundled portfolio has no committed status move"
