"""One change to the portfolio, as the terminal UI makes it: write the project file and commit it.

The git state and identity are checked before anything is written, so a refused commit leaves the
working tree as it was. The save itself refuses to overwrite a file that changed on disk since it
was loaded (``ConcurrentChange``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.changes.assignments import check_dependencies
from portfolio.domain.ids import project_relpath
from portfolio.domain.model import Project
from portfolio.domain.records import StoredProject
from portfolio.errors import PortfolioError
from portfolio.files.store import save_project
from portfolio.git import repository
from portfolio.i18n import _


class EmptyCommitMessage(PortfolioError):
    exit_code = 2


@dataclass(frozen=True)
class CommittedChange:
    stored: StoredProject
    commit: str
    included_uncommitted_changes: bool


def save_and_commit(root: Path, project_id: str, project: Project, *, expected_fingerprint: str | None,
                    message: str) -> CommittedChange:
    """Write ``projects/<project_id>.toml`` and commit exactly that file with ``message``.

    ``expected_fingerprint`` is ``None`` for a new project. Raises GitError (identity, merge in
    progress, detached HEAD, index.lock), ConcurrentChange, InvalidProject or EmptyCommitMessage.
    """
    if not message.strip():
        raise EmptyCommitMessage(_("the commit message is empty; say in a few words what changed"))
    relpath = project_relpath(project_id)
    check_dependencies(root, project_id, project, relpath)
    repository.check_can_commit(root)
    dirty_before = expected_fingerprint is not None and repository.has_uncommitted_changes(root, relpath)
    stored = save_project(root, project_id, project, expected_fingerprint=expected_fingerprint)
    sha = repository.commit_paths(root, [stored.path], message.strip())
    return CommittedChange(stored, sha, dirty_before)
