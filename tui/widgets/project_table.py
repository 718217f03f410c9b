"""The project table: one row per project, sorted by a column (default: id), the sort shown in its header."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from portfolio.i18n import _
from tui.column_widths import ColumnNeed, columns_that_fit
from tui.text import LazyCell
from tui.widgets.fitted_table import FittedTable, widest
from tui.widgets.project_texts import (
    TextWidths,
    TextWidthsMemo,
    field_label,
    listed,
    municipalities_text,
    slugs_of,
    sort_key,
    title_text,
)
from tui.widgets.row_pieces import Step, first_piece, other_pieces

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.files.glanced import GlancedLabels
    from tui.widgets.project_texts import Shown

COLUMNS = ("id", "title", "status", "module", "municipalities", "field")
# Where the screen is too narrow for every column (80 columns), these give way, first to last; the
# detail pane below shows what they would.
GIVE_WAY = ("module", "field")
TITLE_ROOM = 40  # the title's room before another column is shown (most titles are 30 to 60 long)
TITLE_LEAST = 20
FROZEN_FROM_ROWS = 1000  # a table this long keeps its cells out of the garbage collector's passes
ASCENDING, DESCENDING = " ▲", " ▼"  # after the caption of the column the table is sorted by
UNSORTED = "  "  # the others keep the room, so that no column moves when the sort does


def column_captions() -> tuple[str, ...]:
    return (_("ID"), _("Title"), _("Status"), _("Module"), _("Municipalities"), _("Field of action"))


def label_column(width: int) -> ColumnNeed:
    """A column of vocabulary labels: as wide as its longest label (up to 24), never cut while it fits."""
    return ColumnNeed(width, minimum=min(width, 24))


class ProjectTable(FittedTable):
    """Shows the projects it is given, sorted by one column: ``cycle_sort`` moves the sort to the next
    column, ``flip_sort`` reverses it, clicking a header sorts by that column (again: reversed); the
    sorted column's caption ends in ▲ or ▼.

    Every column fits the table's width: status, module and field of action as wide as their
    longest label in the vocabulary; id, title and municipalities share the rest, the title first.
    Rows in ``marked`` (shown for being district-wide) say so in their municipalities.
    """

    @dataclass
    class Filled(Message):
        """Every row of the latest ``show`` is in the table."""

        table: ProjectTable

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.sort_column = "id"
        self.sort_reverse = False
        self._shown: list[Shown] = []
        self._marked: frozenset[str] = frozenset()
        self._vocabulary: Vocabulary | GlancedLabels | None = None
        self._fill = 0
        self._needs: dict[str, ColumnNeed] | None = None
        self._widths: TextWidths | None = None  # measured for the next _measure
        self._text_widths = TextWidthsMemo()
        self.shown_columns: tuple[str, ...] = COLUMNS
        self.filling = False
        self._when_drawn: list[Callable[[], object]] = []

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """``callback()`` once the table draws its rows, every one of them in (the frame that shows
        them, not a refresh later: the screen's after-refresh callbacks wait for its queue, 60 ms at
        start-up). Called while drawing: it must be quick (setting an event)."""
        self._when_drawn.append(callback)

    def render_lines(self, crop):
        lines = super().render_lines(crop)
        if self._when_drawn and self.row_count and not self.filling:
            waiting, self._when_drawn = self._when_drawn, []
            for callback in waiting:
                callback()
        return lines

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        captions = dict(zip(COLUMNS, self.captions()))
        for key in self.shown_columns:
            self.add_column(Text(captions[key]), key=key)

    def captions(self) -> list[str]:
        """The column captions (of every column, in COLUMNS' order), the sorted one with its direction."""
        direction = DESCENDING if self.sort_reverse else ASCENDING
        return [
            caption + (direction if key == self.sort_column else UNSORTED)
            for key, caption in zip(COLUMNS, column_captions())
        ]

    @property
    def sort_caption(self) -> str:
        """The caption of the sorted column and its direction, e.g. "Status ▲"."""
        return self.captions()[COLUMNS.index(self.sort_column)]

    def column_needs(self) -> list[ColumnNeed]:
        """What the shown columns need; the title's least width is what the others leave it (20 to 40)."""
        if self._needs is None:
            self._needs = {key: ColumnNeed(cell_len(caption)) for key, caption in zip(COLUMNS, self.captions())}
        needs = self._least_widths()
        others = sum(need.minimum for key, need in needs.items() if key != "title" and key in self.shown_columns)
        room = (
            self.fitting_width() - self.styles.scrollbar_size_vertical - 2 * self.cell_padding * len(self.shown_columns)
        )
        title = needs["title"]
        needs["title"] = replace(title, minimum=min(title.natural, max(TITLE_LEAST, min(TITLE_ROOM, room - others))))
        return [needs[key] for key in self.shown_columns]

    def _least_widths(self) -> dict[str, ColumnNeed]:
        """The needs with each minimum as fit_columns makes it: a caption is not cut while it fits in 16 cells."""
        return {
            key: replace(need, minimum=min(need.natural, max(need.minimum, min(cell_len(caption), 16))))
            for (key, need), caption in zip(self._needs.items(), self.captions())
        }

    def _columns_for_width(self) -> tuple[str, ...]:
        if self._needs is None or not self.fitting_width():
            return self.shown_columns
        needs = self._least_widths()
        needs["title"] = replace(needs["title"], minimum=min(needs["title"].natural, TITLE_ROOM))
        room = self.fitting_width() - self.styles.scrollbar_size_vertical
        return tuple(columns_that_fit(room, needs, GIVE_WAY, 2 * self.cell_padding))

    def fitting_width(self) -> int:
        # Before its first layout the table has no size; it spans the screen (tui/app.tcss), as wide
        # as the terminal: a first look shown before the first frame is fitted for it at once.
        return self.size.width or self.app.size.width

    def on_resize(self, event) -> None:
        if self._columns_for_width() != self.shown_columns and self._vocabulary is not None:
            self._refill()  # other columns: the rows are made anew
            return
        super().on_resize(event)

    def _refill(self) -> None:
        keep = self.highlighted_id()
        self._shown, shown = [], self._shown  # never "the same rows"
        self.show(shown, self._vocabulary, keep=keep, marked=self._marked)

    def _measure(self, vocabulary: Vocabulary | GlancedLabels) -> None:
        """What each column needs for ``self._shown`` (the labels: for the whole vocabulary, so that
        the columns stay put while a filter changes)."""
        captions = self.captions()
        widths, self._widths = self._widths or self._text_widths(self._shown, vocabulary, self._marked), None
        # The title gets most of the room: it is what people read; an id is cut sooner (the detail
        # pane shows it in full).
        self._needs = {
            "id": ColumnNeed(max(widths.id, cell_len(captions[0])), minimum=12, weight=1),
            "title": ColumnNeed(max(widths.title, cell_len(captions[1])), minimum=TITLE_LEAST, weight=8),
            "status": label_column(
                widest((vocabulary.label("status", slug) for slug in slugs_of(vocabulary, "status")), captions[2])
            ),
            "module": label_column(widest((str(number) for number in slugs_of(vocabulary, "module")), captions[3])),
            "municipalities": ColumnNeed(max(widths.municipalities, cell_len(captions[4])), minimum=16, weight=2),
            "field": label_column(
                widest((field_label(vocabulary, slug) for slug in slugs_of(vocabulary, "field")), captions[5])
            ),
        }
        wanted = self._columns_for_width()
        if wanted != self.shown_columns:
            self.shown_columns = wanted
            self.clear(columns=True)
            self._add_columns()
        self.fit_columns()

    @property
    def widths_memo(self) -> TextWidthsMemo:
        """How wide each project's texts are, measured once (a worker thread may prime it)."""
        return self._text_widths

    @property
    def shown_ids(self) -> list[str]:
        return [stored.id for stored in self._shown]

    def row_of(self, project_id: str | None) -> int | None:
        """The row showing ``project_id``, or None (one pass over the rows, no list of 5,000 ids made)."""
        if project_id is not None:
            for row, item in enumerate(self._shown):
                if item.id == project_id:
                    return row
        return None

    def show(
        self,
        projects: list[Shown],
        vocabulary: Vocabulary | GlancedLabels,
        keep: str | None = None,
        marked: frozenset[str] = frozenset(),
        widths: TextWidths | None = None,
    ) -> None:
        """Fill the table; the cursor stays on ``keep`` when it is still shown, else on the first row.

        ``projects`` are validated (``StoredProject``, labelled by the ``Vocabulary``) or, while the
        portfolio is being validated, a first look at the files (``GlancedProject``, ``GlancedLabels``).
        ``marked``: the ids of projects shown for being district-wide. ``widths``: their ``text_widths``,
        measured already (in a worker thread: 40 ms of the event loop at 5,000 projects).
        """
        shown = sorted(projects, key=sort_key(self.sort_column, vocabulary), reverse=self.sort_reverse)
        same = len(shown) == len(self._shown) and all(new is old for new, old in zip(shown, self._shown))
        if same and marked == self._marked and vocabulary is self._vocabulary and self.row_count == len(shown):
            # The same rows (a keystroke that changed nothing): refilling 5,000 rows costs 0.5 s.
            if keep != self.highlighted_id() and (row := self.row_of(keep)) is not None:
                self.move_cursor(row=row, animate=False)
            return
        if self._same_projects(shown) and not self.filling:
            self._update_in_place(shown, vocabulary, marked, keep)
            return
        self._vocabulary, self._shown, self._marked, self._widths = vocabulary, shown, marked, widths
        self._fill += 1
        self.clear()
        self._measure(vocabulary)
        self._add_rows(self._fill, self.row_of(keep) or 0)

    def _same_projects(self, shown: list[Shown]) -> bool:
        """Whether ``shown`` are the projects of the rows there are, in their order (by id): the
        validated portfolio after the first look at the same files, or a reload that changed a few."""
        return (
            bool(shown)
            and self._knows_the_internals()
            and len(shown) == len(self._shown) == self.row_count
            and all(new.id == old.id for new, old in zip(shown, self._shown))
        )

    def _update_in_place(
        self, shown: list[Shown], vocabulary: Vocabulary | GlancedLabels, marked: frozenset[str], keep: str | None
    ) -> None:
        """The same rows with new projects: only the cells whose text changed are replaced.

        Clearing and refilling the table costs a new layout and every row's cells anew (50 ms and
        more at 1,000 projects, when the validated portfolio replaces the first look); comparing
        the texts costs a few milliseconds, and most rows are unchanged.
        """
        self._vocabulary, self._shown, self._marked = vocabulary, shown, marked
        self._fill += 1
        if keep != self.highlighted_id() and (row := self.row_of(keep)) is not None:
            self.move_cursor(row=row, animate=False)
        self._compare_rows(self._fill)

    def _compare_rows(self, fill: int) -> None:
        """Compare the rows with their projects, piece by piece; then measure again if a text changed."""
        self._in_pieces(fill, self._compare_step, lambda changed: self._compared(fill, changed))

    def _in_pieces(self, fill: int, step: Step, done: Callable[[bool], None], *, refill: bool = False) -> None:
        """``step`` over the rows of ``self._shown`` (``tui.widgets.row_pieces``; ``refill``: rows
        that replace rows painted already): the first piece now, the others in a worker; then
        ``done`` (whether any step said yes), unless a newer fill came."""
        said, start = first_piece(step, len(self._shown), refill=refill)
        if start >= len(self._shown):
            done(said)
            return
        self.filling = True
        self.run_worker(
            self._other_pieces(fill, step, done, said, start), group="table-rows", exclusive=True, exit_on_error=False
        )

    async def _other_pieces(self, fill: int, step: Step, done: Callable[[bool], None], said: bool, start: int) -> None:
        later = await other_pieces(step, start, len(self._shown), lambda: fill == self._fill)
        if later is not None:
            done(said or later)

    def _compare_step(self, start: int, end: int) -> bool:
        """Rows ``start`` to ``end`` compared with their projects, the cells whose text changed
        replaced; whether any did."""
        changed = False
        columns = [ColumnKey(key) for key in self.shown_columns]
        for item in self._shown[start:end]:
            row = self._data[RowKey(item.id)]  # DataTable's own record of the row's cells
            for column, (text, style) in zip(columns, self._texts(item)):
                old = row.get(column)
                if not (isinstance(old, LazyCell) and old.text == text and old.style == style):
                    self.update_cell(item.id, column, LazyCell(text, style))
                    changed = True
        return changed

    def _compared(self, fill: int, changed: bool) -> None:
        self.filling = False
        if changed:
            keep = self.highlighted_id()
            self._measure(self._vocabulary)  # a longer title or list may want other widths
            if not self.row_count:  # ... or other columns: the table was cleared, the rows are made anew
                self._add_rows(fill, self.row_of(keep) or 0)
                return
        self.call_later(self._announce_filled)

    def _add_rows(self, fill: int, cursor: int) -> None:
        """The rows of ``self._shown``, piece by piece; the cursor on row ``cursor`` once it is there."""
        if len(self._shown) > FROZEN_FROM_ROWS:
            # The objects made so far out of the garbage collector's passes: a full collection that
            # came while the rows were made scanned every one of them (a step of 40-50 ms, not 2).
            gc.freeze()
        self._in_pieces(
            fill,
            lambda start, end: self._add_step(start, end, cursor),
            lambda _said: self._filled(),
            refill=fill > 1,  # the first fill's rows at once (painted once); later the table is on the screen
        )

    def _add_step(self, start: int, end: int, cursor: int) -> None:
        """Rows ``start`` to ``end`` (about 10 us a row: its cells, drawn later). Rows far from the
        cursor come in quietly (not shown yet); the last step shows them all."""
        reach = self.app.size.height  # no more rows than the terminal's lines are on the screen
        quietly = end < len(self._shown) and not (start <= cursor + reach and cursor - reach < end)
        self.append_rows(((item.id, self._cells(item)) for item in self._shown[start:end]), quietly=quietly)
        if start <= cursor < end:
            self.move_cursor(row=cursor, animate=False)

    def _filled(self) -> None:
        self.filling = False
        if len(self._shown) > FROZEN_FROM_ROWS:
            gc.freeze()  # 6 cells a row, kept while the rows are: a full collection over them took 50 ms and more
        # In the table's own queue: a message made while the screen handles one does not bubble past it.
        self.call_later(self._announce_filled)

    def _cells(self, item: Shown) -> list[LazyCell]:
        return [LazyCell(text, style) for text, style in self._texts(item)]

    def _texts(self, item: Shown) -> list[tuple[str, str]]:
        """Each shown column's text and style for ``item``'s row (drawn literally, see ``tui.text.cell``)."""
        vocabulary, project, marked = self._vocabulary, listed(item), item.id in self._marked
        texts = {
            "id": (item.id, ""),
            "title": (title_text(project), ""),
            "status": (vocabulary.label("status", project.status), ""),
            "module": (str(project.module), ""),  # the caption says it is the module
            "municipalities": (municipalities_text(vocabulary, item, marked), "italic" if marked else ""),
            "field": (field_label(vocabulary, project.primary_field), ""),
        }
        return [texts[key] for key in self.shown_columns]

    def _announce_filled(self) -> None:
        self.post_message(self.Filled(self))

    def highlighted_id(self) -> str | None:
        if not self._shown or not (0 <= self.cursor_row < len(self._shown)):
            return None
        return self._shown[self.cursor_row].id

    def project_at(self, row: int) -> Shown | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    # --- sorting -------------------------------------------------------------------------------

    def sort_by(self, column: str, reverse: bool = False) -> None:
        """Sort by ``column`` (one of ``COLUMNS``); the cursor stays on its project."""
        self.sort_column, self.sort_reverse = column, reverse
        for key, caption in zip(COLUMNS, self.captions()):
            if ColumnKey(key) in self.columns:
                self.columns[ColumnKey(key)].label = Text(caption)
        self._update_count += 1  # the header rendered with the old captions is stale
        self.refresh()
        if self._vocabulary is not None:
            self._refill()  # sorted anew

    def cycle_sort(self) -> None:
        """Sort by the next column shown (after the last: the first), ascending."""
        columns = self.shown_columns
        following = COLUMNS.index(self.sort_column) + 1
        self.sort_by(next((key for key in COLUMNS[following:] if key in columns), columns[0]))

    def flip_sort(self) -> None:
        self.sort_by(self.sort_column, not self.sort_reverse)

    @on(DataTable.HeaderSelected)
    def sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = str(event.column_key.value)
        self.sort_by(column, not self.sort_reverse if column == self.sort_column else False)
