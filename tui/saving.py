"""Saving a project from a screen: the core's save-and-commit, its outcome as a message to post."""

from __future__ import annotations

from pathlib import Path

from portfolio.changes import save_and_commit
from portfolio.errors import ConcurrentChange, InvalidProject, PortfolioError
from portfolio.model import Project

from .messages import ProjectSaved, SaveFailed


def save_outcome(root: Path, project_id: str, project: Project, fingerprint: str | None,
                 message: str) -> ProjectSaved | SaveFailed:
    """Write and commit (call from a thread worker); what happened, never an exception."""
    try:
        change = save_and_commit(root, project_id, project, expected_fingerprint=fingerprint, message=message)
    except ConcurrentChange as error:
        return SaveFailed(error.message, changed_on_disk=True)
    except InvalidProject as error:
        details = "; ".join(problem.message for problem in error.problems)
        return SaveFailed(f"{error.message}: {details}" if details else error.message)
    except PortfolioError as error:
        return SaveFailed(error.message)
    except Exception as error:  # shown to the user, never a crash of the UI
        return SaveFailed(f"{type(error).__name__}: {error}")
    return ProjectSaved(project_id, change.commit, message.strip(), change.included_uncommitted_changes)
