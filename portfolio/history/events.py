"""The event model: what one commit did to one project, field by field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..model import FIELD_NAMES

CREATED, CHANGED, RENAMED, DELETED, RESTORED = "created", "changed", "renamed", "deleted", "restored"
KINDS = (CREATED, CHANGED, RENAMED, DELETED, RESTORED)

Changes = Mapping[str, list]  # field -> [old, new]


def field_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, list]:
    """``field -> [old, new]`` for every field that differs (absent is None; lists and tables whole)."""
    old = old or {}
    new = new or {}
    changes = {}
    for name in FIELD_NAMES:
        before, after = old.get(name), new.get(name)
        if before != after:
            changes[name] = [before, after]
    return changes


@dataclass(frozen=True, slots=True)
class MergeInfo:
    """The merge commit that brought a change into the current branch."""

    commit: str
    subject: str

    def to_json(self) -> dict[str, str]:
        return {"commit": self.commit, "subject": self.subject}


@dataclass(frozen=True, slots=True)
class Event:
    """What one commit did to one project file.

    ``changes`` maps each field that differs to ``[old, new]``; values are the file's data in JSON
    form (dates as ISO strings), absent values are None. An invalid version has ``invalid`` set
    and no changes: the next valid version is compared with the last valid one. ``values`` are
    the project's values after the event (the last valid ones; before a deletion for ``deleted``).
    Treat the mappings as read-only: they are shared.
    """

    id: str
    path: str
    old_path: str | None
    commit: str
    author: str
    email: str
    date: str  # author date, ISO 8601 with offset
    subject: str
    kind: str
    changes: Changes
    invalid: str | None
    merged_in: MergeInfo | None
    values: Mapping[str, Any] | None
    commit_date: str  # committer date: when the commit was made (the author date is when it was written)

    def to_json(self, *, with_id: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id} if with_id else {}
        data.update({
            "commit": self.commit,
            "author": self.author,
            "email": self.email,
            "date": self.date,
            "subject": self.subject,
            "kind": self.kind,
            "changes": dict(self.changes),
            "invalid": self.invalid,
            "merged_in": self.merged_in.to_json() if self.merged_in else None,
            "path": self.path,
            "old_path": self.old_path,
        })
        return data
