"""What falls due in the projects the main table shows, soonest first (``portfolio due`` in the UI).

The list is the core's (``portfolio.outputs.deadlines``), computed in a thread worker; the screen only
renders it. Overdue rows say so in words and in a style: colour alone is not for everyone. Enter
goes back to the main table with that row's project highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from portfolio.domain.records import StoredProject
from portfolio.formats import format_date
from portfolio.i18n import _, ngettext
from portfolio.outputs.deadlines import Deadline, deadlines
from portfolio.today import output_day
from tui.bindings import install
from tui.messages import ComputingFailed
from tui.text import cell, literal
from tui.widgets.key_bar import KeyBar
from tui.widgets.measured_static import MeasuredStatic

HORIZONS: tuple[int | None, ...] = (None, 30, 90)  # all, then within 30 and 90 days; the switch goes round
OVERDUE_STYLE = "bold reverse"


class DeadlinesFound(Message):
    """The deadlines of the shown projects up to ``within`` days ahead (None: all)."""

    def __init__(self, found: list[Deadline], within: int | None) -> None:
        super().__init__()
        self.found = found
        self.within = within


def horizon_text(within: int | None) -> str:
    if within is None:
        return _("all deadlines")
    return ngettext("within {days} day", "within {days} days", within).format(days=within)


def due_in_text(deadline: Deadline, today: date) -> str:
    """How far off a deadline is, in days; an overdue one says so in words."""
    if deadline.overdue:
        late = deadline.days_overdue(today)
        return ngettext("overdue {days} day", "overdue {days} days", late).format(days=late)
    days = (deadline.day - today).days
    return _("today") if days == 0 else ngettext("{days} day", "{days} days", days).format(days=days)


class DeadlinesScreen(Screen[str | None]):
    """The deadlines of ``projects`` (the main table's selection); dismissed with a project id or None."""

    def __init__(self, projects: Sequence[StoredProject], today: date | None = None) -> None:
        super().__init__(id="deadlines")
        self.projects = list(projects)
        self.today = today or output_day()  # the day `portfolio due` counts from
        self.within: int | None = HORIZONS[0]
        self.found: list[Deadline] = []
        install(
            self,
            [
                Binding("escape", "close", _("Back"), id="deadlines-back", tooltip=_("Back to the project table")),
                Binding(
                    "t",
                    "next_horizon",
                    _("Horizon"),
                    id="deadlines-horizon",
                    tooltip=_("Show all deadlines, those within 30 days or within 90 days (overdue ones always)"),
                ),
                Binding("q", "app.quit", _("Quit"), id="deadlines-quit", tooltip=_("Leave the portfolio")),
            ],
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield MeasuredStatic("", id="deadlines-caption", classes="region-caption")
        yield DataTable(id="deadlines-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#deadlines-table", DataTable)
        for key, caption in (
            ("date", _("Date")),
            ("in", _("In")),
            ("project", _("Project")),
            ("kind", _("Kind")),
            ("what", _("What")),
        ):
            table.add_column(cell(caption), key=key)
        self.set_focus(table)
        self._compute()

    def _compute(self) -> None:
        self.query_one("#deadlines-caption", Static).update(literal(_("Reading the deadlines…")))
        self.deadlines_in_background(self.within)

    @work(thread=True, exclusive=True, group="deadlines", exit_on_error=False)
    def deadlines_in_background(self, within: int | None) -> None:
        try:
            self.post_message(DeadlinesFound(deadlines(self.projects, self.today, within), within))
        except Exception as error:  # an unexpected failure is a note on the screen, not a crash
            self.post_message(ComputingFailed(f"{type(error).__name__}: {error}"))

    @on(ComputingFailed)
    def deadlines_failed(self, message: ComputingFailed) -> None:
        self.query_one("#deadlines-caption", Static).update(
            literal(_("No deadlines: {reason}").format(reason=message.reason))
        )

    @on(DeadlinesFound)
    def deadlines_found(self, message: DeadlinesFound) -> None:
        if message.within != self.within:
            return  # the horizon was switched again meanwhile
        self.found = message.found
        table = self.query_one("#deadlines-table", DataTable)
        table.clear()
        for number, deadline in enumerate(self.found):
            style = OVERDUE_STYLE if deadline.overdue else ""
            table.add_row(
                cell(format_date(deadline.day), style),
                cell(due_in_text(deadline, self.today), style),
                cell(deadline.project_id, style),
                cell(deadline.kind_label, style),
                cell(deadline.what, style),
                key=str(number),
            )
        overdue = sum(1 for deadline in self.found if deadline.overdue)
        summary = ngettext("{count} deadline", "{count} deadlines", len(self.found)).format(count=len(self.found))
        summary += " · " + ngettext("{count} overdue", "{count} overdue", overdue).format(count=overdue)
        self.query_one("#deadlines-caption", Static).update(
            literal(
                _(
                    "Deadlines of the projects shown ({horizon}; t switches, Enter goes to the project): {summary}"
                ).format(horizon=horizon_text(self.within), summary=summary)
            )
        )

    def action_next_horizon(self) -> None:
        self.within = HORIZONS[(HORIZONS.index(self.within) + 1) % len(HORIZONS)]
        self._compute()

    @on(DataTable.RowSelected, "#deadlines-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        number = int(event.row_key.value or 0)
        if number < len(self.found):
            self.dismiss(self.found[number].project_id)

    def action_close(self) -> None:
        self.dismiss(None)
