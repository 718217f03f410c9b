"""Deleting and renaming a project, each one change over ``changes.commit``'s primitive.

``portfolio delete``/``restore``/``rename`` and the UI's delete and restore actions call these, so
that every face refuses the same things with the same words:

- ``delete_project`` removes ``projects/<id>.toml`` in one commit; the history keeps the project
  (a ``deleted`` event). Refused while other projects depend on it or adopted it.
- ``restore_project`` (``changes.restore``, apart: it reads the history) writes a deleted project
  back from its last valid version.
- ``rename_project`` changes the id: the old file removed and the same text written under the new
  name (git sees a rename, similarity 100%), and every ``depends_on`` and ``adopted_from`` naming
  the old id changed, all in one commit. The history follows the rename (``history NEW`` shows the events before it).
"""

from __future__ import annotations

from pathlib import Path

from portfolio.changes.assignments import validated
from portfolio.changes.commit import Change, ProjectRemoval, ProjectWrite, Step, write_and_commit
from portfolio.domain.ids import project_relpath, require_valid_id
from portfolio.domain.records import Portfolio, StoredProject
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import PortfolioError, ProjectExists
from portfolio.files.listing import list_project_files
from portfolio.files.loading import load_portfolio, load_project
from portfolio.i18n import _


class DependedOn(PortfolioError):
    exit_code = 1


def _existing(root: Path) -> dict[str, str]:
    """Folded id -> id of every project file there is."""
    return {other.casefold(): other for other, _path in list_project_files(root)[0]}


def refuse_taken(root: Path, project_id: str) -> None:
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
    loaded: StoredProject | None = None,
) -> Change:
    """Remove a project's file and commit that (``commit``: else only remove it).

    ``loaded``: the project as the caller showed it (a file changed since is refused); else read now.
    """
    vocabulary = vocabulary or load_vocabulary(root)
    loaded = loaded or load_project(root, project_id, vocabulary)
    portfolio = load_portfolio(root, vocabulary)
    depending = dependents(portfolio, project_id)
    if depending:
        raise DependedOn(
            _("{id} is not deleted: {others} depend on it; remove it from their depends_on first").format(
                id=project_id, others=", ".join(depending)
            )
        )
    adopters = [other for other in portfolio.adopters_of(project_id) if other != project_id]
    if adopters:
        raise DependedOn(
            _("{id} is not deleted: {others} adopted it; remove their adopted_from first").format(
                id=project_id, others=", ".join(adopters)
            )
        )
    text = delete_message(project_id, loaded.project.title) if message is None else message
    return write_and_commit(root, [ProjectRemoval(loaded)], text, commit=commit)


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
    """Give a project a new id (its file name) and every ``depends_on`` and ``adopted_from`` naming it the
    new id, in one commit."""
    require_valid_id(new_id)
    vocabulary = vocabulary or load_vocabulary(root)
    loaded = load_project(root, old_id, vocabulary)
    if new_id == old_id:
        raise PortfolioError(_("{id} already has that id; nothing was changed").format(id=old_id))
    refuse_taken(root, new_id)
    steps: list[Step] = [ProjectRemoval(loaded), ProjectWrite(new_id, loaded.project, text=loaded.text)]
    portfolio = load_portfolio(root, vocabulary)
    for other_id in sorted(set(dependents(portfolio, old_id)) | set(portfolio.adopters_of(old_id)) - {old_id}):
        other = portfolio.projects[other_id]
        data = other.project.to_data()
        if "depends_on" in data:
            data["depends_on"] = [new_id if each == old_id else each for each in data["depends_on"]]
        if data.get("adopted_from") == old_id:
            data["adopted_from"] = new_id
        steps.append(ProjectWrite(other_id, validated(data, vocabulary, other.path), other))
    text = rename_message(old_id, new_id) if message is None else message
    return write_and_commit(root, steps, text, commit=commit)
