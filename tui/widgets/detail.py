"""The detail pane of the highlighted project: its fields, its history and who set each field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from portfolio.i18n import _
from portfolio.presentation import project_text
from portfolio.store import StoredProject
from portfolio.vocabulary import Vocabulary

from ..history_rows import BlameRow, HistoryRow
from ..text import cell, literal


class ProjectDetail(Vertical):
    def compose(self) -> ComposeResult:
        with TabbedContent(id="detail-tabs"):
            with TabPane(_("Fields"), id="tab-fields"):
                with VerticalScroll():
                    yield Static(id="fields", markup=False)
            with TabPane(_("History"), id="tab-history"):
                yield Static(id="history-note", markup=False)
                yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Blame"), id="tab-blame"):
                yield DataTable(id="blame", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#history", DataTable).add_columns(_("Date"), _("What changed"), _("Author"), _("Commit"), _("Merged"))
        self.query_one("#blame", DataTable).add_columns(_("Field"), _("Value"), _("Date"), _("Set by"), _("Commit"))
        self.show_project(None, None)

    @property
    def active_tab(self) -> str:
        return self.query_one("#detail-tabs", TabbedContent).active

    def show_tab(self, tab_id: str) -> None:
        self.query_one("#detail-tabs", TabbedContent).active = tab_id

    def show_project(self, stored: StoredProject | None, vocabulary: Vocabulary | None) -> None:
        fields = self.query_one("#fields", Static)
        if stored is None or vocabulary is None:
            fields.update(literal(_("No project highlighted.")))
        else:
            fields.update(literal(project_text(stored, vocabulary), multiline=True))

    def show_history_note(self, text: str) -> None:
        """A line above the history table: loading, unavailable, or why it failed."""
        self.query_one("#history-note", Static).update(literal(text, multiline=True))

    def show_history(self, rows: list[HistoryRow], blame: list[BlameRow]) -> None:
        history = self.query_one("#history", DataTable)
        history.clear()
        history.add_rows(
            (cell(row.when), cell(row.change), cell(row.author), cell(row.subject), cell(row.merged_in))
            for row in rows
        )
        table = self.query_one("#blame", DataTable)
        table.clear()
        table.add_rows(
            (cell(row.field), cell(row.value), cell(row.when), cell(row.author), cell(row.commit))
            for row in blame
        )

    def clear_history(self) -> None:
        self.query_one("#history", DataTable).clear()
        self.query_one("#blame", DataTable).clear()
