"""The region at a glance: municipalities x fields of action (shaded by count), counts per status, the
cumulative flow of statuses over time and the transfers between municipalities. Choosing a cell
filters the table to it."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from portfolio.domain.records import Portfolio
from portfolio.domain.region import RegionCounts, region_counts, shade_level
from portfolio.domain.transfers import Transfer, transfers
from portfolio.errors import PortfolioError
from portfolio.i18n import _, ngettext
from tui.bindings import install
from tui.history.process import HistoryProcessError
from tui.messages import FlowFailed, FlowLoaded
from tui.text import cell, literal
from tui.widgets.flow_chart import FlowChart
from tui.widgets.key_bar import KeyBar
from tui.widgets.measured_static import MeasuredStatic
from tui.widgets.project_table import field_label

SHADES = ("", "on #1d3b2a", "on #235c3a", "on #2b7d4a", "on #349e5b", "on #3dbf6c")
SIDE_PANEL = 52  # the statistics beside the matrix: their width with border and padding
CELL_PADDING = 2  # a DataTable column's padding (one cell each side)
SCROLLBAR = 2


class TransfersFound(Message):
    """The transfers between municipalities of the whole portfolio."""

    def __init__(self, found: list[Transfer]) -> None:
        super().__init__()
        self.found = found


def matrix_width(names: list[str], labels: list[str]) -> int:
    """The cells the matrix needs to show every column: names, one column per field, the scrollbar."""
    columns = [max(cell_len(name) for name in names), *(max(cell_len(label), 3) for label in labels)]
    return sum(width + CELL_PADDING for width in columns) + SCROLLBAR


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
                Binding(
                    "t",
                    "toggle_statistics",
                    _("Statistics"),
                    id="region-statistics",
                    tooltip=_(
                        "Show the counts per status, the flow over time and the transfers instead of the matrix, or back"
                    ),
                ),
                Binding("q", "app.quit", _("Quit"), id="region-quit", tooltip=_("Leave the portfolio")),
            ],
        )
        self._short_labels: bool | None = None  # the matrix's captions: the fields' short labels?
        self.statistics_shown = False  # on a narrow screen, the statistics take the matrix's place

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="region-body"):
            with Vertical(id="region-left"):
                yield Static(
                    literal(_("Projects per municipality and field of action (Enter filters the table)")),
                    classes="region-caption",
                )
                # The municipality column stays in place when the matrix scrolls sideways.
                yield DataTable(id="region-matrix", cursor_type="cell", fixed_columns=1)
                yield MeasuredStatic("", id="region-cell", markup=False)
            with VerticalScroll(id="region-right"):
                yield Static(literal(_("Projects per status")), classes="region-caption")
                yield MeasuredStatic(id="status-counts")
                yield Static(literal(_("Statuses over time (cumulative flow)")), classes="region-caption")
                yield FlowChart(id="flow")
                yield Static(literal(_("Transfers between municipalities")), classes="region-caption")
                yield DataTable(id="region-transfers", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        vocabulary = self.portfolio.vocabulary
        table = self.query_one("#region-matrix", DataTable)
        self._fit_to(self.app.size.width)
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
        transfers_table = self.query_one("#region-transfers", DataTable)
        for key, caption in (
            ("from", _("From")),
            ("to", _("To")),
            ("source", _("Project")),
            ("target", _("Adopted as")),
        ):
            transfers_table.add_column(cell(caption), key=key)
        self.transfers_in_background()

    def _captions(self, short: bool) -> list[str]:
        vocabulary = self.portfolio.vocabulary
        if not short:
            return [field_label(vocabulary, field.slug) for field in vocabulary.fields_of_action]
        return [
            vocabulary.short_label(field.slug) + ("★" if field.priority else "")
            for field in vocabulary.fields_of_action
        ]

    def _fit_to(self, width: int) -> None:
        """Full captions where the matrix fits the screen, else the short ones; the statistics beside
        the matrix when both fit, else in its place on demand (t)."""
        names = [_("Municipality"), *(m.name for m in self.portfolio.vocabulary.municipalities)]
        short = matrix_width(names, self._captions(False)) > width
        side_by_side = matrix_width(names, self._captions(short)) + SIDE_PANEL <= width
        self.set_class(not side_by_side, "-narrow")
        self.query_one("#region-left").display = side_by_side or not self.statistics_shown
        self.query_one("#region-right").display = side_by_side or self.statistics_shown
        if short != self._short_labels:
            self._short_labels = short
            self._fill_matrix(self._captions(short))

    def _fill_matrix(self, captions: list[str]) -> None:
        vocabulary = self.portfolio.vocabulary
        table = self.query_one("#region-matrix", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(cell(_("Municipality")), key="municipality")
        for field, caption in zip(vocabulary.fields_of_action, captions):
            table.add_column(cell(caption), key=field.slug)
        largest = self.counts.largest_cell
        for municipality in vocabulary.municipalities:
            cells = [cell(municipality.name)]
            for field in vocabulary.fields_of_action:
                count = self.counts.cell(municipality.slug, field.slug)
                shade = SHADES[shade_level(count, largest, len(SHADES) - 1)]
                text = f"{count:>3}" if count else "  ·"
                cells.append(cell(text, shade))
            table.add_row(*cells, key=municipality.slug)
        table.move_cursor(row=cursor.row, column=cursor.column, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_to(event.size.width)

    def action_toggle_statistics(self) -> None:
        self.statistics_shown = not self.statistics_shown
        self._fit_to(self.size.width)
        if not self.query_one("#region-left").display:
            self.query_one("#region-right").focus()
        else:
            self.set_focus(self.query_one("#region-matrix"))

    @on(DataTable.CellHighlighted, "#region-matrix")
    def cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """The highlighted cell in words: the captions may be short, and colour is not for everyone."""
        vocabulary = self.portfolio.vocabulary
        row, column = event.coordinate.row, event.coordinate.column
        if column == 0 or row >= len(vocabulary.municipalities):
            self.query_one("#region-cell", Static).update("")
            return
        municipality = vocabulary.municipalities[row]
        field = vocabulary.fields_of_action[column - 1]
        count = self.counts.cell(municipality.slug, field.slug)
        self.query_one("#region-cell", Static).update(
            ngettext(
                "{municipality} · {field}: {count} project", "{municipality} · {field}: {count} projects", count
            ).format(municipality=municipality.name, field=field_label(vocabulary, field.slug), count=count)
        )

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

    @work(thread=True, exclusive=True, group="transfers", exit_on_error=False)
    def transfers_in_background(self) -> None:
        found = transfers(self.portfolio.projects.values(), self.portfolio.projects)
        self.post_message(TransfersFound([transfer for transfer in found if transfer.between_municipalities]))

    @on(TransfersFound)
    def transfers_found(self, message: TransfersFound) -> None:
        names = {municipality.slug: municipality.name for municipality in self.portfolio.vocabulary.municipalities}
        table = self.query_one("#region-transfers", DataTable)
        table.clear()
        for transfer in message.found:
            table.add_row(
                cell(", ".join(names.get(slug, slug) for slug in transfer.source_municipalities)),
                cell(", ".join(names.get(slug, slug) for slug in transfer.target_municipalities)),
                cell(transfer.source_id),
                cell(transfer.target_id),
            )
        if not message.found:
            table.add_row(cell(_("none")), cell(""), cell(""), cell(""))

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
