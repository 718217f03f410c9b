"""Marking a milestone done: the project with that milestone done, and the commit message saying so.

The UI's milestone picker computes the new project here and saves it with ``update_project`` (one
commit, like every change); milestones are known by their title (unique within a project).
"""

from __future__ import annotations

from typing import Any

from portfolio.changes.assignments import validated
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _


def open_milestones(project: ProjectRecord) -> list[Any]:
    """The milestones not yet done, in the project's order."""
    return [milestone for milestone in project.milestones if not milestone.done]


def with_milestone_done(project: ProjectRecord, title: str, vocabulary: Vocabulary, what: str) -> ProjectRecord:
    """``project`` with the milestone ``title`` done (KeyError when it has none of that title)."""
    data = project.to_data()
    milestones = data.get("milestones", [])
    for milestone in milestones:
        if milestone["title"] == title:
            milestone["done"] = True
            return validated(data, vocabulary, what)
    raise KeyError(title)


def milestone_done_message(project_id: str, title: str) -> str:
    return _("Milestone of {id} done: {title}").format(id=project_id, title=title)
