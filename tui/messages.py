"""What workers and screens tell each other, named for what happened.

Plain classes, as Textual's own messages are: as dataclasses, the seventeen cost 4 ms of the UI's
start-up (each generated method is compiled when the class is made).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from portfolio.domain.records import Portfolio
    from portfolio.files.glanced import FirstLook


class FirstLookTaken(Message):
    """The listed fields of the project files, read without validation (the full load follows), and
    how wide their texts are (``tui.widgets.project_texts.text_widths``, measured in the worker)."""

    def __init__(self, look: FirstLook, widths: Any = None) -> None:
        self.look = look
        self.widths = widths
        super().__init__()


class PortfolioLoaded(Message):
    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        super().__init__()


class LoadSettled(Message):
    """The load's last step is done (tui.loading.settle_in): what waited for an idle moment may run."""


class PortfolioLoadFailed(Message):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()


class ProjectSaved(Message):
    """A project file was written and committed."""

    def __init__(self, project_id: str, commit: str, message: str) -> None:
        self.project_id = project_id
        self.commit = commit
        self.message = message
        super().__init__()


class SaveFailed(Message):
    """Nothing was committed; ``reason`` says why in the user's words."""

    def __init__(self, reason: str, changed_on_disk: bool = False) -> None:
        self.reason = reason
        self.changed_on_disk = changed_on_disk
        super().__init__()


class DeletedListed(Message):
    """The projects the current branch deleted (``tui.history.rows.DeletedRow``), for the restore list."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows
        super().__init__()


class RevertRefused(Message):
    """A revert a later change is in the way of (``reason``), and its fields to decide
    (``tui.history.rows.RevertPlanRow``), for the revert choice screen."""

    def __init__(self, reason: str, plan: Any) -> None:
        self.reason = reason
        self.plan = plan
        super().__init__()


class HistoryLoaded(Message):
    def __init__(self, project_id: str, events: list[Any], blame: list[Any]) -> None:
        self.project_id = project_id
        self.events = events
        self.blame = blame
        super().__init__()


class HistoryFailed(Message):
    def __init__(self, project_id: str, reason: str) -> None:
        self.project_id = project_id
        self.reason = reason
        super().__init__()


class FlowLoaded(Message):
    """Status counts over time, for the cumulative-flow chart."""

    def __init__(self, points: list[Any]) -> None:
        self.points = points
        super().__init__()


class FlowFailed(Message):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()


class ComputingFailed(Message):
    """A view's figures (deadlines, progress) could not be computed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()


class RegionCellChosen(Message):
    def __init__(self, municipality: str, field: str) -> None:
        self.municipality = municipality
        self.field = field
        super().__init__()


class SyncStateRead(Message):
    """The branch against its remote (``portfolio.git.sync_state.SyncState``), or why it is not known."""

    def __init__(self, state: Any, reason: str = "") -> None:
        self.state = state
        self.reason = reason
        super().__init__()


class SyncProgressed(Message):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class Synced(Message):
    """A sync went through: what it did, and the lines of what came in (as ``portfolio diff`` says it)."""

    def __init__(self, summary: str, came_in: list[str]) -> None:
        self.summary = summary
        self.came_in = came_in
        super().__init__()


class SyncFailed(Message):
    """Nothing was changed; ``reason`` says why. ``conflicts``: the lines naming project and field."""

    def __init__(self, reason: str, conflicts: list[str]) -> None:
        self.reason = reason
        self.conflicts = conflicts
        super().__init__()
