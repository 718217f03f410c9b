"""A DataTable whose columns share the width the table has, instead of scrolling sideways."""

from __future__ import annotations

from typing import Iterable

from rich.cells import cell_len
from textual import events
from textual.widgets import DataTable

from ..column_widths import ColumnNeed, fit_widths


class FittedTable(DataTable):
    """Subclasses say what each column needs (``column_needs``); the widths follow the table's size.

    Column widths are set on Textual's ``Column`` records: DataTable has no public way to resize a
    column, and ``textual`` is pinned exactly (pyproject.toml), so this is checked by the tests.
    """

    def column_needs(self) -> list[ColumnNeed]:
        raise NotImplementedError

    def fit_columns(self) -> None:
        columns = self.ordered_columns
        if not columns or not self.size.width:
            return
        # The vertical scrollbar's room is always kept: columns do not move when it comes and goes.
        room = self.size.width - self.styles.scrollbar_size_vertical - 2 * self.cell_padding * len(columns)
        widths = fit_widths(room, self.column_needs())
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
