"""A DataTable whose columns share the width the table has, instead of scrolling sideways."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets._data_table import CellType, Row, RowKey

from tui.column_widths import ColumnNeed, fit_widths
from tui.text import LazyCell

# DataTable's private records the fast paths rely on; checked so that another Textual degrades to
# the public API (auto-sized columns, rows added one by one) instead of breaking.
_INTERNALS = (
    "_row_locations",
    "_data",
    "_new_rows",
    "_require_update_dimensions",
    "_update_count",
    "_offset_cache",
    "_highlight_cursor",
    "_update_dimensions",
    "_total_row_height",
    "_row_label_column_width",
    "_column_locations",
    "_cell_render_cache",
    "_get_styles_to_render_cell",
    "_show_hover_cursor",
    "_pseudo_class_state",
)


class FittedTable(DataTable):
    """Subclasses say what each column needs (``column_needs``); the widths follow the table's size.

    Column widths are set on Textual's ``Column`` records: DataTable has no public way to resize a
    column, and ``textual`` is pinned exactly (pyproject.toml), so this is checked by the tests.
    With every width fixed, nothing needs measuring: DataTable measures every cell of every new
    row (0.05 ms a row), and adds rows one by one (revalidating the cursor each time); here rows
    come in batches (``append_rows``) and only the table's size is computed.
    """

    def _knows_the_internals(self) -> bool:
        """Whether this Textual keeps the records the fast paths below use (else: the public API)."""
        return all(hasattr(self, name) for name in _INTERNALS)

    def clear(self, columns: bool = False):
        """``DataTable.clear``, without first working out the line of every row it drops: Textual's
        clear makes the list of each row's lines to clear it (the caches it reads were just emptied),
        40-100 ms of the event loop for a search that refills a table of 5,000 rows (a busy machine)."""
        self.rows.clear()  # no rows, no lines to list; clear() empties the other records
        return super().clear(columns)

    def append_rows(self, rows: Iterable[tuple[str, Iterable[CellType]]], *, quietly: bool = False) -> None:
        """Add ``(key, cells)`` rows at the bottom: ``add_rows``, with its bookkeeping once per batch.

        ``quietly``: more rows follow at once; the rows shown do not change, so nothing is laid out
        or painted again for these (a layout of the screen and a paint of the table each time, 50 ms
        and more per piece of a long table): the next batch that is not quiet does it for them.
        """
        if not self._knows_the_internals():
            for key, cells in rows:
                self.add_row(*cells, key=key)
            return
        columns = [column.key for column in self.ordered_columns]
        was_empty = not self.rows
        index = before = len(self.rows)
        added: list[RowKey] = []
        for key, cells in rows:
            row_key = RowKey(key)
            self._row_locations[row_key] = index
            self._data[row_key] = dict(zip(columns, cells))
            self.rows[row_key] = Row(row_key, 1)
            self._new_rows.add(row_key)
            added.append(row_key)
            index += 1
        if quietly and not was_empty:
            return
        self._require_update_dimensions = True
        if was_empty:
            self._update_count += 1  # every rendering cached for the rows there were is stale
        else:
            # Rows below the others change no row there is: their cached renderings stay valid (a
            # screenful of rows took 30 ms and more to render again); the map of lines to rows gets
            # the new rows' lines (one each) at its end when it maps the rows before them, else it
            # is made anew (over every row: 10-20 ms at 5,000 rows, for each piece of a long table).
            offsets = self._offset_cache.get(self._update_count)
            if offsets is not None and len(offsets) == before:
                offsets.extend((row_key, 0) for row_key in added)
            else:
                self._offset_cache.clear()
        self.cursor_coordinate = self.cursor_coordinate  # as add_row: clamped to the rows there are
        if was_empty and self.rows and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row: the first row is highlighted, and says so
        self.check_idle()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(column.auto_width for column in self.columns.values()) or any(
            self.rows[key].auto_height for key in new_rows if key in self.rows
        ):
            super()._update_dimensions(new_rows)
            return
        header_height = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header_height)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        lines = self._one_line_cell(row_index, column_index, base_style, width, cursor, hover)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        return lines

    def _one_line_cell(
        self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool, hover: bool
    ) -> list[list[Segment]] | None:
        """A ``LazyCell`` in a row of one line, drawn straight to its segments, as DataTable's own
        ``_render_cell`` draws it through Rich's whole pipeline (padding, text, the styles of the
        row, cursor and hover; tested against it) at a fifth of the cost: the first frame of a table
        draws a screenful of cells, 35 ms of it on a busy machine. None: not such a cell."""
        padding = self.cell_padding
        if row_index < 0 or column_index < 0 or width <= 2 * padding or not self._knows_the_internals():
            return None
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key) if row_key is not None else None
        value = self._data.get(row_key, {}).get(column_key) if row is not None else None
        if not isinstance(value, LazyCell) or row.height != 1:
            return None
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )  # DataTable's own key: either way of drawing finds the other's
        lines = self._cell_render_cache.get(key)
        if lines is None:
            fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
            component_style, post_style = self._get_styles_to_render_cell(
                False,
                False,
                fixed,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
            text = value.__rich__()
            room = width - 2 * padding
            text.truncate(room, overflow="ellipsis")
            style = self.app.console.get_style(text.style) if text.style else None
            spaces = " " * padding
            segments = [Segment(spaces), Segment(text.plain, style), Segment(" " * (room - text.cell_len) + spaces)]
            if not text.plain:
                del segments[1]  # as Rich draws an empty text: no segment, not an empty one
            lines = [list(Segment.apply_style(segments, pre_style, post_style))]
            self._cell_render_cache[key] = lines
        return lines

    def column_needs(self) -> list[ColumnNeed]:
        raise NotImplementedError

    def fitting_width(self) -> int:
        """The width the columns share: the table's (none before its first layout)."""
        return self.size.width

    def fit_columns(self) -> None:
        columns = self.ordered_columns
        if not columns or not self.fitting_width() or not self._knows_the_internals():
            return
        # The vertical scrollbar's room is always kept: columns do not move when it comes and goes.
        room = self.fitting_width() - self.styles.scrollbar_size_vertical - 2 * self.cell_padding * len(columns)
        # A caption is not cut while it fits in 16 cells (German ones are long: "Zusammengeführt").
        needs = [
            replace(need, minimum=max(need.minimum, min(cell_len(column.label.plain), 16, need.natural)))
            for need, column in zip(self.column_needs(), columns)
        ]
        widths = fit_widths(room, needs)
        changed = False
        for column, width in zip(columns, widths):
            if column.auto_width or column.width != width:
                column.auto_width, column.width = False, width
                changed = True
        if changed:
            self._update_count += 1  # renderings cached for the old widths are stale
            self._require_update_dimensions = True  # the virtual width follows the columns
            self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self.fit_columns()


def widest(texts: Iterable[str], caption: str = "") -> int:
    """The width of the widest of ``texts`` and ``caption``, in terminal cells."""
    return max([cell_len(caption), *(cell_len(text) for text in texts)])
