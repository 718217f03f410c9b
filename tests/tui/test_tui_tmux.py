"""The real app in a real terminal: scripts/tui_smoke.sh drives it under tmux and reads the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tui_smoke.sh"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_main_flows_in_a_real_terminal(tmp_path):
    environment = dict(os.environ, PORTFOLIO=f"{sys.executable} -m portfolio", TMUX_TMPDIR=str(tmp_path))
    environment.pop("TMUX", None)  # run our own tmux server even when the tests run inside tmux
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=environment, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all flows passed" in result.stdout
