"""The child process that computes history for the UI (see tui.history.process).

Reads one JSON request per line on stdin, writes one JSON answer per line on stdout:
``{"call": "project_history", "root": ..., "project_id": ..., "language": ...}`` or
``{"call": "status_flow", "root": ..., "language": ...}`` (the UI's language, null when none was
chosen), ``deleted_projects``, ``restore`` (``project_id``) and ``revert`` (``commit``,
``project_id``), ``revert_plan`` (the fields in a refused revert's way) and ``revert_with_choices``
(``choices``: field -> [side, edited text]): the changes that read the history are made here, by the same core functions as
``portfolio restore``/``revert``. Answered by ``{"ok": ...}`` or ``{"error": message, "user_error":
bool}`` (a refused revert adds ``"conflicts"``: the later commits and fields in its way). Imports
the core, never Textual.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from portfolio.errors import PortfolioError
from portfolio.i18n import chosen_language, reset_language, use_language
from tui.history import source as history_source


def speak(language: str | None) -> None:
    """Use the UI's language (None: none chosen, labels in the portfolio's own language)."""
    if language != chosen_language():
        if language:
            use_language(language)
        else:
            reset_language()


def answer(request: dict) -> dict:
    root = Path(request["root"])
    try:
        speak(request.get("language"))
        if request["call"] == "project_history":
            events, blame = history_source.project_history(root, request["project_id"])
            return {"ok": [[asdict(row) for row in events], [asdict(row) for row in blame]]}
        if request["call"] == "status_flow":
            return {"ok": [asdict(point) for point in history_source.status_flow(root)]}
        if request["call"] == "deleted_projects":
            return {"ok": [asdict(row) for row in history_source.deleted_projects(root)]}
        if request["call"] == "restore":
            return {"ok": asdict(history_source.restore(root, request["project_id"]))}
        if request["call"] == "revert":
            return {"ok": asdict(history_source.revert(root, request["commit"], request["project_id"]))}
        if request["call"] == "revert_plan":
            return {"ok": asdict(history_source.revert_plan(root, request["commit"], request["project_id"]))}
        if request["call"] == "revert_with_choices":
            done = history_source.revert_with_choices(
                root, request["commit"], request["project_id"], request["choices"]
            )
            return {"ok": asdict(done)}
        return {"error": f"unknown call {request['call']!r}", "user_error": False}
    except PortfolioError as error:
        conflicts = [asdict(each) for each in getattr(error, "conflicts", ())]
        details = "; ".join(problem.message for problem in getattr(error, "problems", ()))
        message = f"{error.message}: {details}" if details else error.message
        return {"error": message, "user_error": True, **({"conflicts": conflicts} if conflicts else {})}
    except Exception as error:  # reported to the UI as a message, never a crash of the child
        return {"error": f"{type(error).__name__}: {error}", "user_error": False}


def main() -> None:
    # Background work: on a small machine the UI (and the user's typing) comes first. git processes
    # started from here inherit the lower priority.
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(answer(json.loads(line)), ensure_ascii=False) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
