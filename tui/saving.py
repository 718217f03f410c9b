"""Saving a project from a modal screen: the core's change function (``create_project`` or
``update_project``, the same as ``portfolio new``/``set`` use) in a thread worker, the outcome as a
message, and the screen closed with the commit made (or kept open with the reason)."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.screen import ModalScreen

from portfolio.changes.projects import create_project, update_project
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.records import StoredProject
from portfolio.errors import ConcurrentChange, InvalidProject, PortfolioError
from portfolio.i18n import _
from tui.messages import ProjectSaved, SaveFailed


def save_outcome(
    root: Path, project_id: str, project: ProjectRecord, loaded: StoredProject | None, message: str
) -> ProjectSaved | SaveFailed:
    """Write and commit a new project (``loaded`` None) or a change of ``loaded`` (call from a thread
    worker); what happened, never an exception."""
    try:
        if loaded is None:
            change = create_project(root, project_id, project, message=message)
        else:
            change = update_project(root, loaded, project, message=message)
    except ConcurrentChange as error:
        return SaveFailed(error.message, changed_on_disk=True)
    except InvalidProject as error:
        details = "; ".join(problem.message for problem in error.problems)
        return SaveFailed(f"{error.message}: {details}" if details else error.message)
    except PortfolioError as error:
        return SaveFailed(error.message)
    except Exception as error:  # shown to the user, never a crash of the UI
        return SaveFailed(f"{type(error).__name__}: {error}")
    if change.commit is None:
        return SaveFailed(_("{path}: nothing to change").format(path=change.paths[0]))
    return ProjectSaved(project_id, change.commit, message.strip())


class SavingScreen(ModalScreen[ProjectSaved | None]):
    """A modal screen that saves one project; dismissed with ProjectSaved once it is committed.

    Subclasses call ``start_saving`` and say in ``show_save_failure`` how a refusal is shown.
    """

    def __init__(self, root: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.root = root
        self.saving = False

    def start_saving(self, project_id: str, project: ProjectRecord, loaded: StoredProject | None, message: str) -> None:
        self.saving = True
        self.save_in_background(project_id, project, loaded, message)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_in_background(
        self, project_id: str, project: ProjectRecord, loaded: StoredProject | None, message: str
    ) -> None:
        self.post_message(save_outcome(self.root, project_id, project, loaded, message))

    @on(ProjectSaved)
    def saved(self, message: ProjectSaved) -> None:
        message.stop()
        self.dismiss(message)

    @on(SaveFailed)
    def save_failed(self, message: SaveFailed) -> None:
        self.saving = False
        self.show_save_failure(message)

    def show_save_failure(self, message: SaveFailed) -> None:
        raise NotImplementedError
