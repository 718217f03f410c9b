"""The files that could not be loaded, below the table: each with its first error and where it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from portfolio.i18n import _
from tui.text import literal
from tui.widgets.measured_static import MeasuredStatic

if TYPE_CHECKING:
    from portfolio.problems import Problem


class BrokenFiles(VerticalScroll):
    """Hidden while every file loads; else a list below the table, a few lines high, that scrolls
    (focused with Tab, or with the mouse): 36 broken files showed their first three, and nothing
    said there were more."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.display = False
        self._list = MeasuredStatic(id="broken", markup=False)  # another load, other files: another height

    def compose(self) -> ComposeResult:
        yield self._list

    def show_problems(self, problems: Mapping[str, Sequence[Problem]]) -> None:
        """``problems``: path -> its errors (the first one is shown, with how many more there are)."""
        if not problems:
            self.display = False
            return
        lines = [_("Broken files (not loaded):")]
        for path, found in sorted(problems.items()):
            first = found[0]
            where = (
                path
                + (f":{first.line}" if first.line else "")
                + (f":{first.column}" if first.line and first.column else "")
            )
            more = _(" (+{count} more)").format(count=len(found) - 1) if len(found) > 1 else ""
            lines.append(f"  {where}: {first.message}{more}")
        self._list.update(literal("\n".join(lines), multiline=True))
        self.display = True
