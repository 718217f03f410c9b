"""The changes a person makes to one project, each one function over ``changes.commit``'s primitive.

``portfolio new`` and the UI's New form call ``create_project``; ``portfolio set`` calls
``update_fields``, the UI's Edit form and status picker ``update_project``. Each face only gathers
the values and shows the outcome, so all of them refuse the same things with the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from portfolio.changes.assignments import apply_assignments, assigned, parse_assignment, validated
from portfolio.changes.commit import Change, ProjectWrite, write_and_commit
from portfolio.changes.messages import change_message, new_project_message
from portfolio.domain.ids import project_relpath, require_valid_id
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import ProjectExists
from portfolio.files.listing import list_project_files
from portfolio.files.loading import load_project
from portfolio.i18n import _


def create_project(
    root: Path,
    project_id: str,
    project: ProjectRecord | Mapping[str, Any],
    *,
    assignments: Sequence[str] = (),
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
) -> Change:
    """Write ``projects/<project_id>.toml`` for a new project and commit it (``commit``: else only write).

    ``project`` is a validated project or its data (validated here, after the id), ``assignments``
    ``KEY=VALUE`` texts applied to the data first, as ``update_fields`` applies them. ``message``
    ``None`` says "Add project ID: TITLE"; an empty one is refused.
    """
    require_valid_id(project_id)
    existing = {other.casefold(): other for other, _path in list_project_files(root)[0]}
    if project_id.casefold() in existing:
        raise ProjectExists(
            _("project {id!r} already exists ({path})").format(
                id=project_id, path=project_relpath(existing[project_id.casefold()])
            )
        )
    vocabulary = vocabulary or load_vocabulary(root)
    if assignments:
        data = project.to_data() if isinstance(project, ProjectRecord) else dict(project)
        project = assigned(data, [parse_assignment(text) for text in assignments], vocabulary)
    if not isinstance(project, ProjectRecord):
        project = validated(dict(project), vocabulary, project_relpath(project_id))
    text = new_project_message(project_id, project) if message is None else message
    return write_and_commit(root, [ProjectWrite(project_id, project)], text, commit=commit)


def update_project(
    root: Path,
    loaded: StoredProject,
    project: ProjectRecord,
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
) -> Change:
    """Write the new value of a project loaded as ``loaded`` and commit it; nothing when nothing changed.

    ``message`` ``None`` says what changed ("Status of x: Idea → Concept"); an empty one is refused.
    """
    if message is None:
        message = change_message(loaded.id, loaded.project, project, vocabulary or load_vocabulary(root))
    return write_and_commit(root, [ProjectWrite(loaded.id, project, loaded)], message, commit=commit)


def update_fields(
    root: Path,
    project_id: str,
    assignments: Sequence[str],
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
) -> Change:
    """``KEY=VALUE`` texts applied to a project (an empty value removes an optional key), as ``update_project``."""
    vocabulary = vocabulary or load_vocabulary(root)
    parsed = [parse_assignment(text) for text in assignments]
    loaded = load_project(root, project_id, vocabulary)
    project = apply_assignments(loaded.project, parsed, vocabulary, loaded.path)
    return update_project(root, loaded, project, message=message, commit=commit, vocabulary=vocabulary)
