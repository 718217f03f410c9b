"""Deleting, restoring and renaming a project, each one change over ``changes.commit``'s primitive.

``portfolio delete``/``restore``/``rename`` and the UI's delete and restore actions call these, so
that every face refuses the same things with the same words:

- ``delete_project`` removes ``projects/<id>.toml`` in one commit; the history keeps the project
  (a ``deleted`` event). Refused while other projects depend on it.
- ``restore_project`` writes a deleted project back from its last valid version in the history
  (a ``restored`` event). Refused when a project of that id exists, or the id was renamed away.
- ``rename_project`` changes the id: the old file removed and the same text written under the new
  name (git sees a rename, similarity 100%), and every ``depends_on`` naming the old id changed,
  all in one commit. The history follows the rename (``history NEW`` shows the events before it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.changes.assignments import validated
from portfolio.changes.commit import Change, ProjectRemoval, ProjectWrite, Step, write_and_commit
from portfolio.domain.ids import invalid_id_message, is_valid_id, project_relpath
from portfolio.domain.records import Portfolio
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import PortfolioError, ProjectExists, ProjectNotFound
from portfolio.files.listing import list_project_files
from portfolio.files.store import load_portfolio, load_project
from portfolio.history import load_history
from portfolio.history.events import DELETED
from portfolio.history.views import History
from portfolio.i18n import _


class DependedOn(PortfolioError):
    exit_code = 1


@dataclass(frozen=True)
class DeletedProject:
    """A project whose file the current branch deleted: its id, its last title, the deleting commit."""

    id: str
    title: str
    commit: str
    date: str
    subject: str


def _existing(root: Path) -> dict[str, str]:
    """Folded id -> id of every project file there is."""
    return {other.casefold(): other for other, _path in list_project_files(root)[0]}


def _refuse_taken(root: Path, project_id: str) -> None:
    existing = _existing(root)
    if project_id.casefold() in existing:
        raise ProjectExists(
            _("project {id!r} already exists ({path})").format(
                id=project_id, path=project_relpath(existing[project_id.casefold()])
            )
        )


def dependents(portfolio: Portfolio, project_id: str) -> list[str]:
    """The ids of the valid projects whose ``depends_on`` names ``project_id``, sorted."""
    return sorted(
        other.id
        for other in portfolio.projects.values()
        if other.id != project_id and project_id in other.project.depends_on
    )


def delete_message(project_id: str, title: str) -> str:
    return _("Delete project {id}: {title}").format(id=project_id, title=title)


def delete_project(
    root: Path,
    project_id: str,
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
) -> Change:
    """Remove a project's file and commit that (``commit``: else only remove it)."""
    vocabulary = vocabulary or load_vocabulary(root)
    loaded = load_project(root, project_id, vocabulary)
    depending = dependents(load_portfolio(root, vocabulary), project_id)
    if depending:
        raise DependedOn(
            _("{id} is not deleted: {others} depend on it; remove it from their depends_on first").format(
                id=project_id, others=", ".join(depending)
            )
        )
    text = delete_message(project_id, loaded.project.title) if message is None else message
    return write_and_commit(root, [ProjectRemoval(loaded)], text, commit=commit)


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
    if not is_valid_id(project_id):
        raise PortfolioError(invalid_id_message(project_id))
    _refuse_taken(root, project_id)
    vocabulary = vocabulary or load_vocabulary(root)
    values = _last_valid_values(history or load_history(root), project_id)
    project = validated(values, vocabulary, project_relpath(project_id))
    text = restore_message(project_id, project.title) if message is None else message
    return write_and_commit(root, [ProjectWrite(project_id, project)], text, commit=commit)


def rename_message(old_id: str, new_id: str) -> str:
    return _("Rename project {old} to {new}").format(old=old_id, new=new_id)


def rename_project(
    root: Path,
    old_id: str,
    new_id: str,
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
) -> Change:
    """Give a project a new id (its file name) and every ``depends_on`` naming it the new id, in one commit."""
    if not is_valid_id(new_id):
        raise PortfolioError(invalid_id_message(new_id))
    vocabulary = vocabulary or load_vocabulary(root)
    loaded = load_project(root, old_id, vocabulary)
    if new_id == old_id:
        raise PortfolioError(_("{id} already has that id; nothing was changed").format(id=old_id))
    _refuse_taken(root, new_id)
    steps: list[Step] = [ProjectRemoval(loaded), ProjectWrite(new_id, loaded.project, text=loaded.text)]
    portfolio = load_portfolio(root, vocabulary)
    for other_id in dependents(portfolio, old_id):
        other = portfolio.projects[other_id]
        data = other.project.to_data()
        data["depends_on"] = [new_id if each == old_id else each for each in data.get("depends_on", [])]
        steps.append(ProjectWrite(other_id, validated(data, vocabulary, other.path), other))
    text = rename_message(old_id, new_id) if message is None else message
    return write_and_commit(root, steps, text, commit=commit)
