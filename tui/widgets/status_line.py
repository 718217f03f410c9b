"""The line under the table: what is being loaded, how many projects the filter shows, and where the
branch stands against its remote (commits to push and to receive, or a sync in progress)."""

from __future__ import annotations

from textual.widgets import Static

from portfolio.i18n import _, ngettext
from tui.text import literal
from tui.widgets.project_texts import DISTRICT_MARK


class StatusLine(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.text = ""
        self.sync_text = ""

    def say(self, text: str) -> None:
        """Show ``text`` as written (it may name a file or repeat an error)."""
        self.text = text
        self._show()

    def show_sync(self, text: str) -> None:
        """Show ``text`` (the branch against its remote, or a sync's progress) after the counts."""
        self.sync_text = text
        self._show()

    def _show(self) -> None:
        self.update(literal(" │ ".join(part for part in (self.text, self.sync_text) if part)))

    def show_counts(
        self,
        matching: int,
        total: int,
        broken: int,
        filtered: bool,
        *,
        active_only: bool = False,
        by_district: int = 0,
        district_left_out: bool = False,
    ) -> None:
        """How many projects are shown, and the switches that change it: "active only", and under a
        municipality filter the district-wide projects (how many are shown, marked; or left out)."""
        text = _("{matching} of {total} projects").format(matching=matching, total=total)
        if broken:
            text += " · " + ngettext("{count} broken file", "{count} broken files", broken).format(count=broken)
        if active_only:
            text += " · " + _("active only")
        if by_district:
            text += " · " + ngettext(
                "{mark} {count} district-wide project", "{mark} {count} district-wide projects", by_district
            ).format(mark=DISTRICT_MARK, count=by_district)
        if district_left_out:
            text += " · " + _("district-wide projects left out")
        if filtered:
            text += " · " + _("filtered (escape clears)")
        self.say(text)
