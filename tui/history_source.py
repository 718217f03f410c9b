"""The one place where the UI meets the history engine (``portfolio.history``).

Widgets show ``HistoryRow``, ``BlameRow`` and ``FlowPoint`` (tui.history_rows): plain texts made here
from the engine's events, so that no widget knows the engine's shapes. The functions run in the
history process (tui.history_child); the UI's own process never imports the engine.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from portfolio.history import Event, FieldBlame, MergeInfo, load_history, status_counts_over_time
from portfolio.i18n import _

from .history_rows import BlameRow, FlowPoint, HistoryRow


def _when(text: str) -> str:
    """``2026-01-07 09:00`` from the engine's ISO 8601 date."""
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return str(text or "")


def _merged(merge: MergeInfo | None) -> str:
    """The subject of the merge (a pull request) that brought the change into this branch."""
    return merge.subject if merge else ""


def _short(value: Any, limit: int = 40) -> str:
    if value is None:
        return "–"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_changes(event: Event) -> str:
    """``status: idea → planning; title: … → …``, or what kind of event it was."""
    if event.invalid:
        return _("not valid in this commit: {reason}").format(reason=_short(event.invalid, 80))
    changes = event.changes or {}
    if event.kind == "created":
        status = (changes.get("status") or [None, None])[1]
        return _("created") + (f" ({status})" if status else "")
    if event.kind == "deleted":
        return _("deleted")
    parts = [f"{name}: {_short(old)} → {_short(new)}" for name, (old, new) in changes.items()]
    if event.kind == "renamed":
        parts.insert(0, _("renamed from {path}").format(path=event.old_path or "?"))
    elif event.kind == "restored":
        parts.insert(0, _("restored"))
    return "; ".join(parts) or _("no field changed")


def _history_row(event: Event) -> HistoryRow:
    return HistoryRow(_when(event.date), event.author, describe_changes(event), event.subject,
                      _merged(event.merged_in), event.commit[:10])


def _blame_row(entry: FieldBlame) -> BlameRow:
    return BlameRow(entry.field, _short(entry.value, 50), entry.author, _when(entry.date), entry.commit[:10])


def project_history(root: Path, project_id: str) -> tuple[list[HistoryRow], list[BlameRow]]:
    """The project's events (newest first) and who set each field, from one computation."""
    history = load_history(root)
    events = history.project_events(project_id)
    return [_history_row(event) for event in events], [_blame_row(entry) for entry in history.blame(project_id)]


def status_flow(root: Path, by: str = "month") -> list[FlowPoint]:
    """Status counts at the end of each period, oldest first (for the cumulative-flow chart)."""
    return [FlowPoint(period.label, dict(period.counts)) for period in status_counts_over_time(root, by)]
