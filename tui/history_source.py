"""The one place where the UI meets the history engine (``portfolio.history``, issue 3).

Widgets show ``HistoryRow``, ``BlameRow`` and ``FlowPoint``; only this module knows the engine's
shapes. The functions run in thread workers. When the engine is not installed they raise
``HistoryUnavailable`` and the UI says so instead of showing an empty tab.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

from portfolio.errors import PortfolioError
from portfolio.i18n import _


class HistoryUnavailable(PortfolioError):
    pass


@dataclass(frozen=True)
class HistoryRow:
    when: str
    author: str
    change: str
    subject: str
    merged_in: str
    commit: str


@dataclass(frozen=True)
class BlameRow:
    field: str
    value: str
    author: str
    when: str
    commit: str


@dataclass(frozen=True)
class FlowPoint:
    when: str
    counts: Mapping[str, int]


def _engine() -> Any:
    try:
        return importlib.import_module("portfolio.history")
    except ModuleNotFoundError as error:
        if error.name != "portfolio.history":
            raise
        raise HistoryUnavailable(_("the history engine (portfolio.history) is not installed yet")) from None


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _short(value: Any, limit: int = 40) -> str:
    if value is None:
        return "–"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_changes(event: Any) -> str:
    """``status: idea → planning; title: … → …`` or what kind of event it was."""
    if _get(event, "invalid"):
        return _("file not valid in this commit")
    changes = _get(event, "changes") or {}
    kind = str(_get(event, "kind") or "")
    parts = [f"{name}: {_short(old)} → {_short(new)}" for name, (old, new) in changes.items()]
    if kind in ("created", "added", "add") and changes:
        return _("created") + (f" ({_short(_get(event, 'changes', {}).get('status', [None, None])[1])})"
                               if "status" in changes else "")
    if kind in ("deleted", "removed", "delete"):
        return _("deleted")
    if kind in ("renamed", "rename"):
        return _("renamed from {path}").format(path=_get(event, "old_path") or "?") + ("; " + "; ".join(parts) if parts else "")
    return "; ".join(parts) or kind or _("no field changed")


def project_history(root: Path, project_id: str) -> list[HistoryRow]:
    """The project's events, newest first."""
    events = _engine().project_history(root, project_id)
    rows = [
        HistoryRow(
            when=_when(_get(event, "date")),
            author=str(_get(event, "author") or ""),
            change=describe_changes(event),
            subject=str(_get(event, "subject") or ""),
            merged_in=_short(_get(event, "merged_in") or "", 60) if _get(event, "merged_in") else "",
            commit=str(_get(event, "commit") or "")[:10],
        )
        for event in events
    ]
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows


def project_blame(root: Path, project_id: str) -> list[BlameRow]:
    """Who set each field of the project's current version."""
    result = _engine().blame(root, project_id)
    entries = result.items() if isinstance(result, Mapping) else ((_get(item, "field"), item) for item in result)
    rows = []
    for field, entry in entries:
        rows.append(BlameRow(
            field=str(field),
            value=_short(_get(entry, "value"), 50),
            author=str(_get(entry, "author") or ""),
            when=_when(_get(entry, "date")),
            commit=str(_get(entry, "commit") or "")[:10],
        ))
    return rows


def status_flow(root: Path) -> list[FlowPoint]:
    """Status counts per month, oldest first (for the cumulative-flow chart)."""
    series = _engine().status_counts_over_time(root, "month")
    if isinstance(series, Mapping):
        series = [{"date": when, "counts": counts} for when, counts in series.items()]
    return [FlowPoint(_when(_get(point, "date") or _get(point, "when")), dict(_get(point, "counts") or {}))
            for point in series]
