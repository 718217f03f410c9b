"""What the UI shows of history: plain rows, made in the history process (tui.history.source)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class HistoryRow:
    when: str
    author: str
    change: str
    subject: str
    merged_in: str
    commit: str
    sha: str = ""  # the whole commit id (``commit`` is its first characters, as shown)


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


@dataclass(frozen=True)
class DeletedRow:
    """A project the current branch deleted, as the restore list shows it."""

    id: str
    title: str
    when: str
    commit: str


@dataclass(frozen=True)
class ChangeDone:
    """A change the history process made (a restore, a revert): its commit and its message."""

    project_id: str
    commit: str
    message: str
