"""The history process: answers like the engine, reports errors, restarts after a crash, stops at once."""

from __future__ import annotations

import pytest

from portfolio.errors import PortfolioError
from portfolio.i18n import use_language
from tui.history.process import HistoryProcess


def test_answers_errors_restart_and_close(tui_repo):
    history = HistoryProcess()
    try:
        events, blame = history.project_history(tui_repo, "solarkataster")
        # No language chosen (as in every test): English messages, labels in the portfolio's language.
        assert [row.change for row in events] == [
            "Status: Konzeption -> Umsetzung",
            "Status: Idee -> Konzeption",
            "created (Idee)",
        ]
        assert events[0].when == "2026-03-07 09:00"
        assert {row.field for row in blame} >= {"Title", "Status"}
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


def test_the_child_speaks_the_language_of_the_ui(tui_repo):
    history = HistoryProcess()
    try:
        use_language("en")
        events, blame = history.project_history(tui_repo, "solarkataster")
        assert [row.change for row in events][0] == "Status: Concept -> Implementation"
        use_language("de")  # the same child, now in German: labels, captions and dates as `portfolio --lang de history`
        events, blame = history.project_history(tui_repo, "solarkataster")
        assert [row.change for row in events] == [
            "Status: Konzeption -> Umsetzung",
            "Status: Idee -> Konzeption",
            "angelegt (Idee)",
        ]
        assert events[0].when == "07.03.2026 09:00"
        assert {row.field for row in blame} >= {"Titel", "Status", "Kommunen"}
    finally:
        history.close()
