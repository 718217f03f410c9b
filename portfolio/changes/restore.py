"""Restoring a deleted project from the history, one change over ``changes.commit``'s primitive.

``portfolio restore ID`` and the UI's "Restore a deleted project…" (through the history process)
call ``restore_project``: the project's last valid version before its deletion is written back
(a ``restored`` event in the history). Refused when a project of that id exists, when the id was
renamed away, and when there is no valid version to go back to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.changes.assignments import validated_values
from portfolio.changes.commit import Change, ProjectWrite, write_and_commit
from portfolio.changes.lifecycle import refuse_taken
from portfolio.domain.ids import project_relpath, require_valid_id
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import PortfolioError, ProjectNotFound
from portfolio.history import load_history
from portfolio.history.events import DELETED
from portfolio.history.views import History
from portfolio.i18n import _


@dataclass(frozen=True)
class DeletedProject:
    """A project whose file the current branch deleted: its id, its last title, the deleting commit."""

    id: str
    title: str
    commit: str
    date: str
    subject: str


def deleted_projects(history: History) -> list[DeletedProject]:
    """The projects the current branch has deleted (and not restored or renamed back), newest first."""
    found: dict[str, DeletedProject] = {}
    for event in history.events:
        if event.kind != DELETED or event.path not in history.state.deleted or event.path in found:
            continue
        title = str((event.values or {}).get("title", ""))
        found[event.path] = DeletedProject(event.id, title, event.commit, event.date, event.subject)
    return list(found.values())


def restore_message(project_id: str, title: str) -> str:
    return _("Restore project {id}: {title}").format(id=project_id, title=title)


def _last_valid_values(history: History, project_id: str) -> dict:
    events = history.project_events(project_id)
    newest = events[0]
    path = project_relpath(project_id)
    if newest.path != path:
        raise PortfolioError(
            _("{id} was renamed to {new} in commit {commit}; there is nothing to restore").format(
                id=project_id, new=newest.id, commit=newest.commit[:12]
            )
        )
    if newest.kind != DELETED:
        raise ProjectNotFound(_("{id} was not deleted; there is nothing to restore").format(id=project_id))
    if not newest.values:
        raise PortfolioError(_("{id} never had a valid version; there is nothing to restore").format(id=project_id))
    return dict(newest.values)


def restore_project(
    root: Path,
    project_id: str,
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
    history: History | None = None,
) -> Change:
    """Write a deleted project back as its last valid version was, and commit it."""
    require_valid_id(project_id)
    refuse_taken(root, project_id)
    vocabulary = vocabulary or load_vocabulary(root)
    values = _last_valid_values(history or load_history(root), project_id)
    project = validated_values(values, vocabulary, project_relpath(project_id))
    text = restore_message(project_id, project.title) if message is None else message
    return write_and_commit(root, [ProjectWrite(project_id, project)], text, commit=commit)
