"""``portfolio history`` on the bundled portfolio (this repository's own projects/) shows the status
moves committed there, as an independent reading of each committed version says."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio.cli.app import cli

SOURCE = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=SOURCE, capture_output=True, text=True, check=True).stdout


def _bundled_ids() -> list[str]:
    try:
        listed = _git("ls-tree", "--name-only", "HEAD", "--", "projects/")
    except (subprocess.CalledProcessError, FileNotFoundError):
        return []
    return sorted(Path(name).stem for name in listed.split() if name.endswith(".toml"))


def _status(revision: str, path: str) -> str | None:
    try:
        return tomllib.loads(_git("show", f"{revision}:{path}")).get("status")
    except (subprocess.CalledProcessError, tomllib.TOMLDecodeError):
        return None


def _committed_moves(project_id: str) -> list[tuple]:
    """(old, new, commit) for each commit that moved the status, read version by version with git show."""
    path = f"projects/{project_id}.toml"
    moves = []
    for sha in _git("log", "--no-merges", "--full-history", "--format=%H", "--", path).split():
        old, new = _status(f"{sha}^", path), _status(sha, path)
        if old and new and old != new:
            moves.append((old, new, sha))
    return sorted(moves)


def test_history_of_the_bundled_portfolio_shows_its_status_moves():
    ids = _bundled_ids()
    if not ids:
        pytest.skip("this checkout has no committed projects/*.toml yet")
    moved = 0
    for project_id in ids:
        expected_moves = _committed_moves(project_id)
        result = CliRunner().invoke(
            cli, ["--repo", str(SOURCE), "history", project_id, "--format", "json", "--reverse"]
        )
        assert result.exit_code == 0, result.output
        events = json.loads(result.output)["events"]
        moves = sorted(
            (*event["changes"]["status"], event["commit"])
            for event in events
            if event["kind"] == "changed" and None not in event["changes"].get("status", [None])
        )
        assert moves == expected_moves, project_id
        moved += len(moves)
    assert moved > 0, "the bundled portfolio has no committed status move"
