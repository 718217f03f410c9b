"""A Static whose height is measured anew with every update, however late its message loop runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from textual.visual import VisualType


class MeasuredStatic(Static):
    """The app's Static for text shown anew after it is mounted (the detail pane, messages and errors
    of the dialogs and the form, captions that say what is loading): its height changes with it."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        # Textual 8 asks for a layout once until the widget's message loop passes it on (when it
        # next idles); a screen layout in between measures the old content and keeps the measure,
        # and an update then asks for nothing new. On a loaded machine the fields stayed one line
        # high ("Checking the project files…"). Asked anew, the measure is taken anew
        # (tests/tui/test_tui_detail_height.py holds the loop back to make that moment).
        self._layout_required = False
        super().update(content, layout=layout)
