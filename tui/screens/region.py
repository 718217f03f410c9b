"""The region at a glance: municipalities x fields of action (shaded by count), counts per status, and
the cumulative flow of statuses over time. Choosing a cell filters the table to it."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from portfolio.domain.records import Portfolio
from portfolio.domain.region import RegionCounts, region_counts, shade_level
from portfolio.errors import PortfolioError
from portfolio.i18n import _
from tui.bindings import install
from tui.history.process import HistoryProcessError
from tui.messages import FlowFailed, FlowLoaded
from tui.text import cell, literal
from tui.widgets.flow_chart import FlowChart
from tui.widgets.key_bar import KeyBar
from tui.widgets.project_table import field_label

SHADES = ("", "on #1d3b2a", "on #235c3a", "on #2b7d4a", "on #349e5b", "on #3dbf6c")


class RegionScreen(Screen[tuple[str, str] | None]):
    def __init__(self, root: Path, portfolio: Portfolio) -> None:
        super().__init__(id="region")
        self.root = root
        self.portfolio = portfolio
        self.counts: RegionCounts = region_counts(portfolio.projects.values(), portfolio.vocabulary)
        install(
            self,
            [
                Binding("escape", "close", _("Back"), id="region-back", tooltip=_("Back to the project table")),
                Binding(
                    "m", "close", _("Back"), id="region-back-m", show=False, tooltip=_("Back to the project table")
                ),
                Binding("q", "app.quit", _("Quit"), id="region-quit", tooltip=_("Leave the portfolio")),
            ],
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="region-body"):
            with Vertical(id="region-left"):
                yield Static(
                    literal(_("Projects per municipality and field of action (Enter filters the table)")),
                    classes="region-caption",
                )
                yield DataTable(id="region-matrix", cursor_type="cell")
            with VerticalScroll(id="region-right"):
                yield Static(literal(_("Projects per status")), classes="region-caption")
                yield Static(id="status-counts")
                yield Static(literal(_("Statuses over time (cumulative flow)")), classes="region-caption")
                yield FlowChart(id="flow")
        yield KeyBar()

    def on_mount(self) -> None:
        vocabulary = self.portfolio.vocabulary
        table = self.query_one("#region-matrix", DataTable)
        table.add_column(cell(_("Municipality")), key="municipality")
        for field in vocabulary.fields_of_action:
            table.add_column(cell(field_label(vocabulary, field.slug)), key=field.slug)
        largest = self.counts.largest_cell
        for municipality in vocabulary.municipalities:
            cells = [cell(municipality.name)]
            for field in vocabulary.fields_of_action:
                count = self.counts.cell(municipality.slug, field.slug)
                shade = SHADES[shade_level(count, largest, len(SHADES) - 1)]
                text = f"{count:>3}" if count else "  ·"
                cells.append(cell(text, shade))
            table.add_row(*cells, key=municipality.slug)
        table.move_cursor(row=0, column=1, animate=False)
        self.set_focus(table)
        lines = [
            f"{number}. {vocabulary.label('status', slug)}: {count}"
            for number, (slug, count) in enumerate(self.counts.by_status.items(), start=1)
        ]
        lines.append(_("total: {count}").format(count=self.counts.total))
        self.query_one("#status-counts", Static).update(literal("\n".join(lines), multiline=True))
        self.query_one(FlowChart).show_note(_("Reading the history…"))
        self.flow_in_background()

    @work(thread=True, exclusive=True, group="flow", exit_on_error=False)
    def flow_in_background(self) -> None:
        try:
            self.post_message(FlowLoaded(self.app.history.status_flow(self.root)))
        except PortfolioError as error:
            self.post_message(FlowFailed(error.message))
        except HistoryProcessError as error:
            self.post_message(FlowFailed(str(error)))
        except Exception as error:
            self.post_message(FlowFailed(f"{type(error).__name__}: {error}"))

    @on(FlowLoaded)
    def flow_loaded(self, message: FlowLoaded) -> None:
        self.query_one(FlowChart).show(message.points, self.portfolio.vocabulary)

    @on(FlowFailed)
    def flow_failed(self, message: FlowFailed) -> None:
        self.query_one(FlowChart).show_note(_("No chart: {reason}").format(reason=message.reason))

    @on(DataTable.CellSelected, "#region-matrix")
    def cell_selected(self, event: DataTable.CellSelected) -> None:
        row, column = event.coordinate.row, event.coordinate.column
        vocabulary = self.portfolio.vocabulary
        if column == 0:
            return
        self.dismiss((vocabulary.municipality_slugs[row], vocabulary.field_slugs[column - 1]))

    def action_close(self) -> None:
        self.dismiss(None)
