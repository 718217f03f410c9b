"""The detail pane of the highlighted project: its fields, its history and who set each field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from portfolio.i18n import _
from portfolio.textsafety import escape_control
from tui.column_widths import ColumnNeed
from tui.text import LazyCell, literal
from tui.widgets.captioned_rows import CaptionedRows
from tui.widgets.fitted_table import FittedTable, widest
from tui.widgets.measured_static import MeasuredStatic

if TYPE_CHECKING:
    from textual.widget import AwaitMount
    from textual.widgets import TabbedContent

    from portfolio.domain.records import StoredProject
    from portfolio.domain.vocabulary import Vocabulary
    from tui.history.rows import BlameRow, HistoryRow  # made by the history's worker, off the start-up


# What the fields of a validated project are shown with: imported by the load's worker thread
# (``prepare``). Imported on the event loop, while another thread computes, each file the import
# opens waits for the interpreter lock: the first project shown took 190 ms instead of 10.
FIELDS_MODULES = ("portfolio.outputs.presentation", "portfolio.domain.progress", "portfolio.domain.kpi_progress")
# The tabs too (4 ms): the first frame, before any project is shown, has none.
TABS_MODULE = "textual.widgets._tabbed_content"


def prepare() -> None:
    """Import what ``fields_view`` needs; in a worker thread, before the first validated project is shown."""
    import importlib

    for name in (*FIELDS_MODULES, TABS_MODULE):
        importlib.import_module(name)


def fields_view(stored: StoredProject, vocabulary: Vocabulary, adopted_by: Sequence[str] = ()) -> Group:
    """The id and file, then one row per field: the caption in a column of its own, the value beside it.

    A value wraps within its own column, so every continuation line starts under the value's first
    line, whatever the width of the pane. Texts are Rich ``Text``: literal, never markup.
    """
    from portfolio.outputs.presentation import project_fields  # the model's module: shown once validated

    rows = [(Text(caption), Text(text)) for caption, text in project_fields(stored, vocabulary, adopted_by)]
    progress = progress_text(stored)
    if progress:
        rows.append((Text(_("Progress")), Text(progress)))
    heading = Text(escape_control(f"{stored.id}  ({stored.path})"), style="dim", no_wrap=True, overflow="ellipsis")
    return Group(heading, CaptionedRows(rows))


def progress_text(stored: StoredProject) -> str:
    """The share of milestones done and the KPIs' mean progress; each KPI's own is in the KPI row."""
    from portfolio.domain.progress import percent_text, project_progress

    progress = project_progress(stored.project)
    lines = []
    if progress.milestones_total:
        lines.append(
            _("Milestones {done} of {total} done ({percent})").format(
                done=progress.milestones_done,
                total=progress.milestones_total,
                percent=percent_text(progress.milestone_percent),
            )
        )
    if progress.kpi_percents:
        lines.append(_("KPIs on average {percent} of the way").format(percent=percent_text(progress.kpi_percent)))
    return "\n".join(lines)


class RecordTable(FittedTable):
    """Rows of one kind of record: subclasses name the captions, the cells of a record, and the column needs."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_shown: list = []

    def on_mount(self) -> None:
        # Text, not str: DataTable reads a str label as markup, and its first markup imports Rich's
        # emoji table (60 ms, on the event loop).
        self.add_columns(*(Text(caption) for caption in self.captions()))
        self._fill()

    @staticmethod
    def captions() -> tuple[str, ...]:
        raise NotImplementedError

    @staticmethod
    def texts(row) -> tuple[str, ...]:
        raise NotImplementedError

    def show(self, rows: list) -> None:
        self.rows_shown = rows
        if self.columns:  # else when mounted
            self._fill()

    def _fill(self) -> None:
        self.clear()
        self.fit_columns()
        self.add_rows(tuple(LazyCell(text) for text in self.texts(row)) for row in self.rows_shown)


class HistoryTable(RecordTable):
    """The project's events, newest first: date, what changed, author, commit subject, merged pull request."""

    rows_shown: list[HistoryRow]

    @staticmethod
    def captions() -> tuple[str, ...]:
        return (_("Date"), _("What changed"), _("Author"), _("Commit"), _("Merged"))

    @staticmethod
    def texts(row: HistoryRow) -> tuple[str, ...]:
        return (row.when, row.change, row.author, row.subject, row.merged_in)

    def column_needs(self) -> list[ColumnNeed]:
        rows, captions = self.rows_shown, self.captions()
        return [
            ColumnNeed(widest((row.when for row in rows), captions[0]), minimum=16),
            ColumnNeed(widest((row.change for row in rows), captions[1]), minimum=20, weight=4),
            ColumnNeed(widest((row.author for row in rows), captions[2]), minimum=10, weight=1),
            ColumnNeed(widest((row.subject for row in rows), captions[3]), minimum=14, weight=3),
            ColumnNeed(widest((row.merged_in for row in rows), captions[4]), minimum=6, weight=1),
        ]


class BlameTable(RecordTable):
    """Who set each field: field, value, date, author, commit."""

    rows_shown: list[BlameRow]

    @staticmethod
    def captions() -> tuple[str, ...]:
        return (_("Field"), _("Value"), _("Date"), _("Set by"), _("Commit"))

    @staticmethod
    def texts(row: BlameRow) -> tuple[str, ...]:
        return (row.field, row.value, row.when, row.author, row.commit)

    def column_needs(self) -> list[ColumnNeed]:
        rows, captions = self.rows_shown, self.captions()
        return [
            ColumnNeed(widest((row.field for row in rows), captions[0]), minimum=10),
            ColumnNeed(widest((row.value for row in rows), captions[1]), minimum=16, weight=4),
            ColumnNeed(widest((row.when for row in rows), captions[2]), minimum=16),
            ColumnNeed(widest((row.author for row in rows), captions[3]), minimum=10, weight=1),
            ColumnNeed(widest((row.commit for row in rows), captions[4]), minimum=10),
        ]


def event_text(row: HistoryRow) -> Content:
    """One event in full: when, who and which commit; what changed; the subject; the merge that brought it."""
    lines = [f"{row.when}  {row.author}  {row.commit}", row.change, _("Commit: {subject}").format(subject=row.subject)]
    if row.merged_in:
        lines.append(_("Merged in: {subject}").format(subject=row.merged_in))
    return literal("\n".join(lines), multiline=True)


class ProjectDetail(Vertical):
    """A line of text until there is a project to show; then the tabs (Fields, History, Blame).

    The tabs are made with the first project shown, after the project table is first painted: they
    are a dozen widgets, 40 ms to lay out, which the first paint of the table need not wait for.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._tabs: TabbedContent | None = None
        self._tabs_mounting: AwaitMount | None = None
        self._fields = MeasuredStatic(id="fields", markup=False)
        self._note = MeasuredStatic(id="history-note", markup=False)
        self._history = HistoryTable(id="history")
        self._event = MeasuredStatic(id="history-event", markup=False)
        self._blame = BlameTable(id="blame")

    def compose(self) -> ComposeResult:
        yield Static(literal(_("No project highlighted.")), id="detail-message", markup=False)

    def tabs(self) -> TabbedContent:
        """The tabs, made on first use."""
        if self._tabs is None:
            from textual.widgets import TabbedContent, TabPane  # imported by ``prepare`` already, as a rule

            self._tabs = TabbedContent(id="detail-tabs")
            for pane in (
                TabPane(_("Fields"), VerticalScroll(self._fields, id="fields-scroll"), id="tab-fields"),
                TabPane(_("History"), self._note, self._history, self._event, id="tab-history"),
                TabPane(_("Blame"), self._blame, id="tab-blame"),
            ):
                self._tabs.compose_add_child(pane)
            self.query_one("#detail-message").display = False
            self._tabs_mounting = self.mount(self._tabs)
        return self._tabs

    async def tabs_mounted(self) -> None:
        """Until the tabs are mounted (at once when they are, or were never asked for)."""
        if self._tabs_mounting is not None:
            await self._tabs_mounting

    @property
    def active_tab(self) -> str:
        return self._tabs.active if self._tabs is not None and self._tabs.is_mounted else "tab-fields"

    def show_tab(self, tab_id: str) -> None:
        tabs = self.tabs()
        if tabs.is_mounted:
            tabs.active = tab_id
        else:
            self.call_after_refresh(setattr, tabs, "active", tab_id)

    def show_project(
        self, stored: StoredProject | None, vocabulary: Vocabulary | None, adopted_by: Sequence[str] = ()
    ) -> None:
        """The fields of ``stored``; ``adopted_by``: the ids of the projects that adopted it."""
        if stored is None or vocabulary is None:
            if self._tabs is None:
                self.show_message(_("No project highlighted."))
            else:
                self._fields.update(literal(_("No project highlighted.")))
            return
        self.tabs()
        self._fields.update(fields_view(stored, vocabulary, adopted_by))

    def show_message(self, text: str) -> None:
        """A line in place of the fields (while there is no project to show)."""
        if self._tabs is None:
            self.query_one("#detail-message", Static).update(literal(text))
        else:
            self._fields.update(literal(text))

    def show_history_note(self, text: str) -> None:
        """A line above the history table: loading, unavailable, or why it failed."""
        self.tabs()
        self._note.update(literal(text, multiline=True))

    def show_history(self, rows: list[HistoryRow], blame: list[BlameRow]) -> None:
        self.tabs()
        self._history.show(rows)
        self._blame.show(blame)
        self._show_event(rows[0] if rows else None)

    def highlighted_event(self) -> HistoryRow | None:
        """The history row under the cursor of the history table (None: no row)."""
        rows = self._history.rows_shown
        row = self._history.cursor_row
        return rows[row] if self._history.is_mounted and 0 <= row < len(rows) else None

    def clear_history(self) -> None:
        self.show_history([], [])

    def _show_event(self, row: HistoryRow | None) -> None:
        self._event.update(event_text(row) if row else literal(""))

    @on(DataTable.RowHighlighted, "#history")
    def event_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        rows = self._history.rows_shown
        if 0 <= event.cursor_row < len(rows):
            self._show_event(rows[event.cursor_row])
