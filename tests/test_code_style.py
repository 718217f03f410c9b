"""The code keeps one style: ruff's lint rules and its formatter (configuration in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent


def _ruff() -> list[str]:
    beside = Path(sys.executable).with_name("ruff")  # installed with the test extras, in this environment
    found = str(beside) if beside.exists() else shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed: it comes with the test extras ('.[test]')")
    return [found]


@pytest.mark.parametrize(
    "command", [["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]], ids=["lint", "format"]
)
def test_ruff_finds_nothing(command: list[str]) -> None:
    result = subprocess.run([*_ruff(), *command], cwd=SOURCE, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
