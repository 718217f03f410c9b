"""What workers and screens tell each other. Dataclasses, named for what happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from portfolio.domain.records import Portfolio
    from portfolio.files.first_look import FirstLook


@dataclass
class FirstLookTaken(Message):
    """The listed fields of the project files, read without validation (the full load follows), and
    how wide their texts are (``tui.widgets.project_texts.text_widths``, measured in the worker)."""

    look: FirstLook
    widths: Any = None


@dataclass
class PortfolioLoaded(Message):
    portfolio: Portfolio


@dataclass
class PortfolioLoadFailed(Message):
    reason: str


@dataclass
class ProjectSaved(Message):
    """A project file was written and committed."""

    project_id: str
    commit: str
    message: str


@dataclass
class SaveFailed(Message):
    """Nothing was committed; ``reason`` says why in the user's words."""

    reason: str
    changed_on_disk: bool = False


@dataclass
class DeletedListed(Message):
    """The projects the current branch deleted (``tui.history.rows.DeletedRow``), for the restore list."""

    rows: list[Any]


@dataclass
class RevertRefused(Message):
    """A revert a later change is in the way of (``reason``), and its fields to decide
    (``tui.history.rows.RevertPlanRow``), for the revert choice screen."""

    reason: str
    plan: Any


@dataclass
class HistoryLoaded(Message):
    project_id: str
    events: list[Any]
    blame: list[Any]


@dataclass
class HistoryFailed(Message):
    project_id: str
    reason: str


@dataclass
class FlowLoaded(Message):
    """Status counts over time, for the cumulative-flow chart."""

    points: list[Any]


@dataclass
class FlowFailed(Message):
    reason: str


@dataclass
class ComputingFailed(Message):
    """A view's figures (deadlines, progress) could not be computed."""

    reason: str


@dataclass
class RegionCellChosen(Message):
    municipality: str
    field: str


@dataclass
class SyncStateRead(Message):
    """The branch against its remote (``portfolio.git.sync_state.SyncState``), or why it is not known."""

    state: Any
    reason: str = ""


@dataclass
class SyncProgressed(Message):
    text: str


@dataclass
class Synced(Message):
    """A sync went through: what it did, and the lines of what came in (as ``portfolio diff`` says it)."""

    summary: str
    came_in: list[str]


@dataclass
class SyncFailed(Message):
    """Nothing was changed; ``reason`` says why. ``conflicts``: the lines naming project and field."""

    reason: str
    conflicts: list[str]
