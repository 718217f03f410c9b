"""Run the history engine in a separate process, so that the event loop never waits for it.

Computing history holds Python's GIL for long stretches (parsing git's output); in a thread of the
UI's own process that stalls the event loop for 100 ms and more. A child process has its own GIL:
the UI's worker thread only waits for the answer. The child (``python -m tui.history.child``) is
started on first use and kept; it imports the core and no Textual. Requests and answers are JSON
lines; the child's errors come back as ``PortfolioError`` (the user's) or ``HistoryProcessError``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from threading import Lock
from typing import Any

from portfolio.errors import PortfolioError
from portfolio.i18n import _, chosen_language
from tui.history.rows import BlameRow, ChangeDone, DeletedRow, FlowPoint, HistoryRow, RevertFieldRow, RevertPlanRow


class HistoryProcessError(Exception):
    """The history computation failed for a reason that is not the user's (a bug, a crash)."""


class ChangeRefused(PortfolioError):
    """The history process refused a change; ``conflicts``: the later commits and fields in a revert's way
    (``[{"commit", "subject", "field"}]``, empty for other refusals), for a screen that resolves them."""

    exit_code = 1

    def __init__(self, message: str, conflicts: list[dict[str, str]]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


class HistoryProcess:
    def __init__(self) -> None:
        self._child: subprocess.Popen[str] | None = None
        self._lock = Lock()

    def _ensure_child(self) -> subprocess.Popen[str]:
        if self._child is None or self._child.poll() is not None:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "tui.history.child"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        return self._child

    def _ask(self, request: dict[str, Any]) -> Any:
        # The child speaks the UI's language: change descriptions, labels and dates as the UI shows them.
        request = {**request, "language": chosen_language()}
        with self._lock:
            for _attempt in (1, 2):  # a child that died is started again once
                self._ensure_child()
                assert self._child.stdin is not None and self._child.stdout is not None
                try:
                    self._child.stdin.write(json.dumps(request) + "\n")
                    self._child.stdin.flush()
                    line = self._child.stdout.readline()
                except (BrokenPipeError, OSError):
                    line = ""
                if line:
                    break
                self._stop_child()
            else:
                raise HistoryProcessError(_("the history process ended unexpectedly"))
        reply = json.loads(line)
        if "ok" in reply:
            return reply["ok"]
        if reply.get("conflicts"):
            raise ChangeRefused(reply["error"], reply["conflicts"])
        if reply.get("user_error"):
            raise PortfolioError(reply["error"])
        raise HistoryProcessError(reply["error"])

    def project_history(self, root: Path, project_id: str) -> tuple[list[HistoryRow], list[BlameRow]]:
        events, blame = self._ask({"call": "project_history", "root": str(root), "project_id": project_id})
        return [HistoryRow(**row) for row in events], [BlameRow(**row) for row in blame]

    def status_flow(self, root: Path) -> list[FlowPoint]:
        return [FlowPoint(**point) for point in self._ask({"call": "status_flow", "root": str(root)})]

    def deleted_projects(self, root: Path) -> list[DeletedRow]:
        return [DeletedRow(**row) for row in self._ask({"call": "deleted_projects", "root": str(root)})]

    def restore(self, root: Path, project_id: str) -> ChangeDone:
        """Restore a deleted project (a commit made by the history process, as ``portfolio restore``)."""
        return ChangeDone(**self._ask({"call": "restore", "root": str(root), "project_id": project_id}))

    def revert(self, root: Path, commit: str, project_id: str) -> ChangeDone:
        """Revert one change of a project (as ``portfolio revert``); ChangeRefused names what is in the way."""
        request = {"call": "revert", "root": str(root), "commit": commit, "project_id": project_id}
        return ChangeDone(**self._ask(request))

    def revert_plan(self, root: Path, commit: str, project_id: str) -> RevertPlanRow:
        """The fields a later change is in the way of, with their values before, set and now (for a choice)."""
        plan = self._ask({"call": "revert_plan", "root": str(root), "commit": commit, "project_id": project_id})
        fields = tuple(RevertFieldRow(**row) for row in plan.pop("fields"))
        put_back = tuple(plan.pop("put_back"))
        return RevertPlanRow(**plan, fields=fields, put_back=put_back)

    def revert_with_choices(
        self, root: Path, commit: str, project_id: str, choices: dict[str, tuple[str, str]]
    ) -> ChangeDone:
        """Revert with a decision per field in a later change's way: field -> (now|before|edited, edited text)."""
        request = {
            "call": "revert_with_choices",
            "root": str(root),
            "commit": commit,
            "project_id": project_id,
            "choices": {name: list(choice) for name, choice in choices.items()},
        }
        return ChangeDone(**self._ask(request))

    def _stop_child(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=2)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()

    def close(self) -> None:
        """Stop the child at once: the engine's cache survives an interrupted computation."""
        with self._lock:
            self._stop_child()
