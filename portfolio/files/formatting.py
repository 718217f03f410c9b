"""``portfolio fmt``: rewriting project files to canonical form, one outcome per file as it goes.

Comments are not data: a file that held one loses it (the outcome says so, so that the user can
keep such text in ``notes``). Each save refuses to overwrite a file changed since it was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from portfolio.domain.ids import is_valid_id
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import InvalidProject
from portfolio.files.canonical import canonical_text, same_text
from portfolio.files.listing import list_project_files
from portfolio.files.loading import load_project
from portfolio.files.store import save_project
from portfolio.problems import Problem

BROKEN, NOT_CANONICAL, REFORMATTED = "broken", "not-canonical", "reformatted"


@dataclass(frozen=True)
class FormatOutcome:
    """What happened to one file that was not in canonical form (canonical files yield nothing)."""

    path: str
    kind: str  # BROKEN (problems say why), NOT_CANONICAL (check only) or REFORMATTED
    comments_removed: bool = False
    problems: tuple[Problem, ...] = ()


def format_projects(
    root: Path, vocabulary: Vocabulary, ids: Iterable[str] = (), *, check_only: bool = False
) -> Iterator[FormatOutcome]:
    """Bring the files of ``ids`` (default: every project file) into canonical form, or only tell."""
    targets = list(ids)
    if not targets:
        files, _problems = list_project_files(root)  # the listing's own problems are check's to report
        targets = [project_id for project_id, _path in files if is_valid_id(project_id)]
    for project_id in targets:
        try:
            stored = load_project(root, project_id, vocabulary)
        except InvalidProject as error:
            yield FormatOutcome(
                error.problems[0].path if error.problems else project_id, BROKEN, problems=tuple(error.problems)
            )
            continue
        if same_text(stored.text, canonical_text(stored.project)):
            continue
        if check_only:
            yield FormatOutcome(stored.path, NOT_CANONICAL)
            continue
        save_project(root, project_id, stored.project, expected_fingerprint=stored.fingerprint)
        yield FormatOutcome(stored.path, REFORMATTED, comments_removed="#" in stored.text)
