"""The line under the table: what is being loaded, and how many projects the filter shows."""

from __future__ import annotations

from textual.widgets import Static

from portfolio.i18n import _, ngettext
from tui.text import literal


class StatusLine(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)

    def say(self, text: str) -> None:
        """Show ``text`` as written (it may name a file or repeat an error)."""
        self.update(literal(text))

    def show_counts(self, matching: int, total: int, broken: int, filtered: bool) -> None:
        text = _("{matching} of {total} projects").format(matching=matching, total=total)
        if broken:
            text += " · " + ngettext("{count} broken file", "{count} broken files", broken).format(count=broken)
        if filtered:
            text += " · " + _("filtered (escape clears)")
        self.say(text)
