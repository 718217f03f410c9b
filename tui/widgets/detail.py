"""The detail pane of the highlighted project: its fields, its history and who set each field."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from portfolio.i18n import _
from portfolio.presentation import project_fields
from portfolio.store import StoredProject
from portfolio.textsafety import escape_control
from portfolio.vocabulary import Vocabulary

from ..column_widths import ColumnNeed
from ..history_rows import BlameRow, HistoryRow
from ..text import cell, literal
from .fitted_table import FittedTable, widest


def fields_view(stored: StoredProject, vocabulary: Vocabulary) -> Group:
    """The id and file, then one row per field: the caption in a column of its own, the value beside it.

    A value wraps within its own column, so every continuation line starts under the value's first
    line, whatever the width of the pane. Texts are Rich ``Text``: literal, never markup.
    """
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for caption, text in project_fields(stored, vocabulary):
        grid.add_row(Text(caption), Text(text))
    heading = Text(escape_control(f"{stored.id}  ({stored.path})"), style="dim", no_wrap=True, overflow="ellipsis")
    return Group(heading, grid)


class HistoryTable(FittedTable):
    """The project's events, newest first: date, what changed, author, commit subject, merged pull request."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_shown: list[HistoryRow] = []

    def on_mount(self) -> None:
        self.add_columns(*self.captions())
        self._fill()

    @staticmethod
    def captions() -> tuple[str, ...]:
        return (_("Date"), _("What changed"), _("Author"), _("Commit"), _("Merged"))

    def column_needs(self) -> list[ColumnNeed]:
        rows, captions = self.rows_shown, self.captions()
        return [
            ColumnNeed(widest((row.when for row in rows), captions[0]), minimum=16),
            ColumnNeed(widest((row.change for row in rows), captions[1]), minimum=20, weight=4),
            ColumnNeed(widest((row.author for row in rows), captions[2]), minimum=10, weight=1),
            ColumnNeed(widest((row.subject for row in rows), captions[3]), minimum=14, weight=3),
            ColumnNeed(widest((row.merged_in for row in rows), captions[4]), minimum=6, weight=1),
        ]

    def show(self, rows: list[HistoryRow]) -> None:
        self.rows_shown = rows
        if self.columns:  # else when mounted
            self._fill()

    def _fill(self) -> None:
        self.clear()
        self.fit_columns()
        self.add_rows(
            (cell(row.when), cell(row.change), cell(row.author), cell(row.subject), cell(row.merged_in))
            for row in self.rows_shown
        )


class BlameTable(FittedTable):
    """Who set each field: field, value, date, author, commit."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_shown: list[BlameRow] = []

    def on_mount(self) -> None:
        self.add_columns(*self.captions())
        self._fill()

    @staticmethod
    def captions() -> tuple[str, ...]:
        return (_("Field"), _("Value"), _("Date"), _("Set by"), _("Commit"))

    def column_needs(self) -> list[ColumnNeed]:
        rows, captions = self.rows_shown, self.captions()
        return [
            ColumnNeed(widest((row.field for row in rows), captions[0]), minimum=10),
            ColumnNeed(widest((row.value for row in rows), captions[1]), minimum=16, weight=4),
            ColumnNeed(widest((row.when for row in rows), captions[2]), minimum=16),
            ColumnNeed(widest((row.author for row in rows), captions[3]), minimum=10, weight=1),
            ColumnNeed(widest((row.commit for row in rows), captions[4]), minimum=10),
        ]

    def show(self, rows: list[BlameRow]) -> None:
        self.rows_shown = rows
        if self.columns:  # else when mounted
            self._fill()

    def _fill(self) -> None:
        self.clear()
        self.fit_columns()
        self.add_rows(
            (cell(row.field), cell(row.value), cell(row.when), cell(row.author), cell(row.commit))
            for row in self.rows_shown
        )


def event_text(row: HistoryRow) -> Content:
    """One event in full: when, who and which commit; what changed; the subject; the merge that brought it."""
    lines = [f"{row.when}  {row.author}  {row.commit}", row.change, _("Commit: {subject}").format(subject=row.subject)]
    if row.merged_in:
        lines.append(_("Merged in: {subject}").format(subject=row.merged_in))
    return literal("\n".join(lines), multiline=True)


class ProjectDetail(Vertical):
    """Fields at once; the History and Blame tabs get their tables when first shown (fewer widgets
    to lay out before the project table is first painted)."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="detail-tabs"):
            with TabPane(_("Fields"), id="tab-fields"):
                with VerticalScroll(id="fields-scroll"):
                    yield Static(id="fields", markup=False)
            yield TabPane(_("History"), id="tab-history")
            yield TabPane(_("Blame"), id="tab-blame")

    def on_mount(self) -> None:
        self.show_project(None, None)

    @property
    def active_tab(self) -> str:
        return self.query_one("#detail-tabs", TabbedContent).active

    def show_tab(self, tab_id: str) -> None:
        self.history_widgets()
        self.query_one("#detail-tabs", TabbedContent).active = tab_id

    def history_widgets(self) -> tuple[Static, HistoryTable, Static, BlameTable]:
        """The history note, table and event, and the blame table; made on first use."""
        found = self.query(HistoryTable)
        if not found:
            self.query_one("#tab-history", TabPane).mount_all(
                [Static(id="history-note", markup=False), HistoryTable(id="history"), Static(id="history-event", markup=False)])
            self.query_one("#tab-blame", TabPane).mount(BlameTable(id="blame"))
        return (self.query_one("#history-note", Static), self.query_one(HistoryTable),
                self.query_one("#history-event", Static), self.query_one(BlameTable))

    def show_project(self, stored: StoredProject | None, vocabulary: Vocabulary | None) -> None:
        fields = self.query_one("#fields", Static)
        if stored is None or vocabulary is None:
            fields.update(literal(_("No project highlighted.")))
        else:
            fields.update(fields_view(stored, vocabulary))

    def show_history_note(self, text: str) -> None:
        """A line above the history table: loading, unavailable, or why it failed."""
        self.history_widgets()[0].update(literal(text, multiline=True))

    def show_history(self, rows: list[HistoryRow], blame: list[BlameRow]) -> None:
        _note, history, _event, blame_table = self.history_widgets()
        history.show(rows)
        blame_table.show(blame)
        self._show_event(rows[0] if rows else None)

    def clear_history(self) -> None:
        self.show_history([], [])

    def _show_event(self, row: HistoryRow | None) -> None:
        self.history_widgets()[2].update(event_text(row) if row else literal(""))

    @on(DataTable.RowHighlighted, "#history")
    def event_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        rows = self.query_one(HistoryTable).rows_shown
        if 0 <= event.cursor_row < len(rows):
            self._show_event(rows[event.cursor_row])
