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


@dataclass(frozen=True)
class RevertFieldRow:
    """A field of a revert a later change is in the way of: its values as texts, and the later commits."""

    field: str
    caption: str
    before: str  # before the reverted commit
    reverted: str  # what the reverted commit set
    now: str  # now, after the later change
    later: str  # the later commits that changed it (short ids and subjects)


@dataclass(frozen=True)
class RevertPlanRow:
    """What a revert puts back by itself (``put_back``: captions) and the fields to decide."""

    project_id: str  # the id now
    commit: str  # the whole commit id of the change reverted
    subject: str
    fields: tuple[RevertFieldRow, ...]
    put_back: tuple[str, ...]
