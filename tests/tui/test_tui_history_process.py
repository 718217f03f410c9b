"""The history process: answers like the engine, reports errors, restarts after a crash, stops at once."""

from __future__ import annotations

import pytest

from portfolio.errors import PortfolioError
from tui.history_process import HistoryProcess


def test_answers_errors_restart_and_close(tui_repo):
    history = HistoryProcess()
    try:
        events, blame = history.project_history(tui_repo, "solarkataster")
        assert [row.change for row in events][:2] == ["status: concept → implementation", "status: idea → concept"]
        assert {row.field for row in blame} >= {"title", "status"}
        with pytest.raises(PortfolioError, match="gibt-es-nicht"):
            history.project_history(tui_repo, "gibt-es-nicht")
        first = history._child
        first.kill()
        first.wait()
        points = history.status_flow(tui_repo)  # a dead child is replaced
        assert points[0].when == "2026-01" and sum(points[0].counts.values()) == 5
        assert history._child is not first
    finally:
        child = history._child
        history.close()
    assert child.poll() is not None and history._child is None
