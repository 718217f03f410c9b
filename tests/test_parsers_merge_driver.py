"""The merge driver as git runs it: a missing file, a FIFO, /dev/zero or a symlink is a clear
failed merge (exit 1), never a hang, a traceback or a read without limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w
from factories import minimal_project

GOOD = tomli_w.dumps(minimal_project(), multiline_strings=True)


def run_driver(*files: str) -> subprocess.CompletedProcess:
    worktree = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(worktree), "PORTFOLIO_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "portfolio", "merge-driver", *files, "projects/a.toml"],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )


def _special(tmp_path: Path, kind: str) -> str:
    if kind == "missing":
        return str(tmp_path / "gone.toml")
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
        return str(tmp_path / "pipe")
    if kind == "dev-zero":
        return "/dev/zero"
    if kind == "symlink":
        (tmp_path / "target.toml").write_text(GOOD, encoding="utf-8")
        (tmp_path / "link.toml").symlink_to(tmp_path / "target.toml")
        return str(tmp_path / "link.toml")
    (tmp_path / "huge.toml").write_bytes(b"a" * (2 * 1024 * 1024))
    return str(tmp_path / "huge.toml")


@pytest.mark.parametrize("kind", ["missing", "fifo", "dev-zero", "symlink", "too-large"])
@pytest.mark.parametrize("side", [0, 1, 2])
def test_a_version_that_is_no_regular_file_fails_the_merge_clearly(tmp_path, kind, side):
    files = []
    for name in ("base", "ours", "theirs"):
        path = tmp_path / f"{name}.toml"
        path.write_text(GOOD, encoding="utf-8")
        files.append(str(path))
    files[side] = _special(tmp_path, kind)

    result = run_driver(*files)

    assert result.returncode == 1, result.stderr
    assert files[side] in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
