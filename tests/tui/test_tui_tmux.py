"""The real app in a real terminal: scripts/tui_smoke.sh drives it under tmux and reads the screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from system_tools import required_program

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tui_smoke.sh"


def test_main_flows_in_a_real_terminal(tmp_path):
    required_program(("tmux",), "tmux")
    environment = dict(os.environ, PORTFOLIO=f"{sys.executable} -m portfolio", TMUX_TMPDIR=str(tmp_path))
    environment.pop("TMUX", None)  # run our own tmux server even when the tests run inside tmux
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=environment, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all flows passed" in result.stdout
