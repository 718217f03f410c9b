"""How far the projects the main table shows have come, per field of action and per municipality.

The figures are the core's (``portfolio.domain.progress``), rolled up in a thread worker; the screen
only renders them. A project counts for every field and municipality it lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from portfolio.domain.progress import Progress, percent_text, progress_by, total_progress
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _
from tui.bindings import install
from tui.messages import ComputingFailed
from tui.text import cell, literal
from tui.widgets.key_bar import KeyBar
from tui.widgets.measured_static import MeasuredStatic
from tui.widgets.project_table import field_label


class ProgressRolledUp(Message):
    def __init__(self, by_field: dict[str, Progress], by_municipality: dict[str, Progress], total: Progress) -> None:
        super().__init__()
        self.by_field = by_field
        self.by_municipality = by_municipality
        self.total = total


def progress_cells(name: str, progress: Progress, style: str = "") -> list:
    """One row: the name, the projects, milestones done of all, their share, the KPIs' mean progress."""
    milestones = f"{progress.milestones_done}/{progress.milestones_total}" if progress.milestones_total else "–"
    return [
        cell(name, style),
        cell(f"{progress.projects:>3}", style),
        cell(milestones, style),
        cell(percent_text(progress.milestone_percent), style),
        cell(percent_text(progress.kpi_percent), style),
    ]


class ProgressScreen(Screen[None]):
    """The progress of ``projects`` (the main table's selection) per field of action and municipality."""

    def __init__(self, projects: Sequence[StoredProject], vocabulary: Vocabulary) -> None:
        super().__init__(id="progress")
        self.projects = list(projects)
        self.vocabulary = vocabulary
        install(
            self,
            [
                Binding("escape", "close", _("Back"), id="progress-back", tooltip=_("Back to the project table")),
                Binding(
                    "p", "close", _("Back"), id="progress-back-p", show=False, tooltip=_("Back to the project table")
                ),
                Binding("q", "app.quit", _("Quit"), id="progress-quit", tooltip=_("Leave the portfolio")),
            ],
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="progress-body"):
            yield MeasuredStatic("", id="progress-total", classes="region-caption")
            yield Static(literal(_("Per field of action")), classes="region-caption")
            yield DataTable(id="progress-fields", cursor_type="row", zebra_stripes=True)
            yield Static(literal(_("Per municipality")), classes="region-caption")
            yield DataTable(id="progress-municipalities", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        for table_id, first in (
            ("#progress-fields", _("Field of action")),
            ("#progress-municipalities", _("Municipality")),
        ):
            table = self.query_one(table_id, DataTable)
            for key, caption in (
                ("name", first),
                ("projects", _("Projects")),
                ("milestones", _("Milestones done")),
                ("milestone-percent", _("Milestones %")),
                ("kpi-percent", _("KPI progress")),
            ):
                table.add_column(cell(caption), key=key)
        self.query_one("#progress-total", Static).update(literal(_("Rolling up the progress…")))
        self.set_focus(self.query_one("#progress-fields"))
        self.progress_in_background()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def progress_in_background(self) -> None:
        try:
            self.post_message(
                ProgressRolledUp(
                    progress_by(self.projects, "fields_of_action", self.vocabulary.field_slugs),
                    progress_by(self.projects, "municipalities", self.vocabulary.municipality_slugs),
                    total_progress(self.projects),
                )
            )
        except Exception as error:  # an unexpected failure is a note on the screen, not a crash
            self.post_message(ComputingFailed(f"{type(error).__name__}: {error}"))

    @on(ComputingFailed)
    def progress_failed(self, message: ComputingFailed) -> None:
        self.query_one("#progress-total", Static).update(
            literal(_("No progress: {reason}").format(reason=message.reason))
        )

    @on(ProgressRolledUp)
    def progress_rolled_up(self, message: ProgressRolledUp) -> None:
        fields = self.query_one("#progress-fields", DataTable)
        fields.clear()
        for slug, progress in message.by_field.items():
            fields.add_row(*progress_cells(field_label(self.vocabulary, slug), progress), key=slug)
        names = {municipality.slug: municipality.name for municipality in self.vocabulary.municipalities}
        municipalities = self.query_one("#progress-municipalities", DataTable)
        municipalities.clear()
        for slug, progress in message.by_municipality.items():
            municipalities.add_row(*progress_cells(names.get(slug, slug), progress), key=slug)
        total = message.total
        self.query_one("#progress-total", Static).update(
            literal(
                _(
                    "Progress of the projects shown ({count}): milestones {done} of {all} done ({percent}), "
                    "KPI progress {kpi}"
                ).format(
                    count=total.projects,
                    done=total.milestones_done,
                    all=total.milestones_total,
                    percent=percent_text(total.milestone_percent),
                    kpi=percent_text(total.kpi_percent),
                )
            )
        )

    def action_close(self) -> None:
        self.dismiss(None)
