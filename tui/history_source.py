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
    """``2026-01-07 09:00`` from the engine's ISO 8601 text (or a date/datetime)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _merged(value: Any) -> str:
    """The subject of the merge (pull request) that brought a change in, or ""."""
    if not value:
        return ""
    subject = _get(value, "subject")
    return str(subject) if subject else str(value)


def _short(value: Any, limit: int = 40) -> str:
    if value is None:
        return "–"
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_changes(event: Any) -> str:
    """``status: idea → planning; title: … → …``, or what kind of event it was."""
    kind = str(_get(event, "kind") or "")
    invalid = _get(event, "invalid")
    if invalid:
        return _("not valid in this commit: {reason}").format(reason=_short(invalid, 80))
    changes = _get(event, "changes") or {}
    if kind == "created":
        status = changes.get("status", [None, None])[1]
        return _("created") + (f" ({status})" if status else "")
    if kind == "deleted":
        return _("deleted")
    parts = [f"{name}: {_short(old)} → {_short(new)}" for name, (old, new) in changes.items()]
    if kind == "renamed":
        parts.insert(0, _("renamed from {path}").format(path=_get(event, "old_path") or "?"))
    elif kind == "restored":
        parts.insert(0, _("restored"))
    return "; ".join(parts) or _("no field changed")


def _history_row(event: Any) -> HistoryRow:
    return HistoryRow(
        when=_when(_get(event, "date")),
        author=str(_get(event, "author") or ""),
        change=describe_changes(event),
        subject=str(_get(event, "subject") or ""),
        merged_in=_merged(_get(event, "merged_in")),
        commit=str(_get(event, "commit") or "")[:10],
    )


def _blame_row(entry: Any) -> BlameRow:
    return BlameRow(
        field=str(_get(entry, "field")),
        value=_short(_get(entry, "value"), 50),
        author=str(_get(entry, "author") or ""),
        when=_when(_get(entry, "date")),
        commit=str(_get(entry, "commit") or "")[:10],
    )


def project_history(root: Path, project_id: str) -> tuple[list[HistoryRow], list[BlameRow]]:
    """The project's events (newest first) and who set each field, from one computation."""
    history = _engine().load_history(root)
    events = history.project_events(project_id)
    return [_history_row(event) for event in events], [_blame_row(entry) for entry in history.blame(project_id)]


def status_flow(root: Path, by: str = "month") -> list[FlowPoint]:
    """Status counts at the end of each period, oldest first (for the cumulative-flow chart)."""
    periods = _engine().status_counts_over_time(root, by)
    return [FlowPoint(str(_get(period, "label")), dict(_get(period, "counts") or {})) for period in periods]
