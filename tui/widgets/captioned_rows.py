"""Rows of a caption and a value, laid out as Rich's ``Table.grid`` lays them out, without measuring.

The detail pane shows a project's fields as a grid: the captions in a column as wide as the widest
(bold, never wrapped), two spaces, the values in the rest of the width, each wrapped there (a word
longer than that folded). A Rich table measures every cell before it draws one, and Textual asks a
widget's content for its height and then for its lines: at 56 columns a project's grid took 5 ms to
draw and 2 ms to measure (a busy machine), in every frame that shows a new project (the first
validated frame, each move of the table's cursor). Here the widths are known from the captions, and
each cell is drawn as the table would draw it (the same ``render_lines`` of the same padded cells,
aligned the same way); only a width too narrow for the captions goes to the table itself, which then
shares the width out its own way. A test compares the two, segment by segment.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

GAP = 2  # spaces between the caption and the value
CAPTION_STYLE = "bold"


class CaptionedRows:
    """``rows`` of (caption, value), as ``table()`` draws them, expanded to the width given."""

    def __init__(self, rows: Sequence[tuple[Text, Text]]) -> None:
        self.rows = list(rows)
        self._caption_width = max((cell_len(caption.plain) for caption, _value in self.rows), default=0) + GAP

    def table(self) -> Table:
        """The same rows as a Rich grid: what this draws, and draws when the width is too narrow."""
        grid = Table.grid(padding=(0, GAP), expand=True)
        grid.add_column(no_wrap=True, style=CAPTION_STYLE)
        grid.add_column(ratio=1, overflow="fold")
        for caption, value in self.rows:
            grid.add_row(caption, value)
        return grid

    def _fits(self, width: int) -> bool:
        # Captions are single lines here; anything else (a line break, a width the captions do not
        # leave a column of values in) is laid out by the table.
        return all("\n" not in caption.plain for caption, _value in self.rows) and width - self._caption_width >= 1

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)  # expanded, as the grid is

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.rows:  # nothing, as the grid draws
            return
        if not self._fits(width):
            yield self.table()
            return
        caption_width = self._caption_width
        value_width = width - caption_width
        options = options.update(width=width, highlight=False, height=None)
        caption_options = options.update(
            width=caption_width, justify="left", no_wrap=True, overflow="ellipsis", height=None, highlight=False
        )
        value_options = options.update(
            width=value_width, justify="left", no_wrap=False, overflow="fold", height=None, highlight=False
        )
        caption_style = console.get_style(CAPTION_STYLE)
        plain = Style.null()
        new_line = Segment.line()
        for caption, value in self.rows:
            captions = console.render_lines(Padding(caption, (0, GAP, 0, 0)), caption_options, style=caption_style)
            values = console.render_lines(Padding(value, 0), value_options, style=plain)
            height = max(len(captions), len(values))
            captions = Segment.set_shape(
                Segment.align_top(captions, caption_width, height, caption_style), caption_width, height
            )
            values = Segment.set_shape(Segment.align_top(values, value_width, height, plain), value_width, height)
            for caption_line, value_line in zip(captions, values):
                yield from caption_line
                yield from value_line
                yield new_line
