"""The record types: a project as found on disk, and a portfolio as loaded (valid projects and problems).

Plain dataclasses without pydantic at import time, so that the first look and the UI's messages can
name them cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portfolio.domain.project_record import ProjectRecord
    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.problems import Problem


@dataclass(frozen=True)
class StoredProject:
    """A valid project as found on disk."""

    id: str
    path: str
    project: ProjectRecord
    fingerprint: str
    text: str


@dataclass
class Portfolio:
    """Everything loaded from a portfolio's ``projects/``: the valid projects and every problem."""

    root: Path
    vocabulary: Vocabulary
    projects: dict[str, StoredProject] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    # The projects' folded search texts (portfolio.domain.search.SearchIndex.of), made on first use.
    search_index: object = field(default=None, repr=False, compare=False)

    @property
    def broken(self) -> dict[str, list[Problem]]:
        """Files with errors (not loaded), with their errors."""
        result: dict[str, list[Problem]] = {}
        for problem in self.problems:
            if problem.severity == "error":
                result.setdefault(problem.path, []).append(problem)
        return result

    def adopters_of(self, project_id: str) -> list[str]:
        """The ids of the valid projects whose ``adopted_from`` names ``project_id``, sorted."""
        return sorted(other for other, stored in self.projects.items() if stored.project.adopted_from == project_id)
