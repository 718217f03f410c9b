"""Help: every key of the main screen, what it does and its tooltip."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from portfolio.i18n import _
from tui.bindings import described, install
from tui.text import cell, literal


class HelpScreen(ModalScreen[None]):
    def __init__(self, screen: Screen) -> None:
        super().__init__(id="help")
        self.bindings_of = described(screen) + described(screen.app)
        install(
            self,
            [
                Binding("escape", "close", _("Close"), id="close-help", tooltip=_("Close the help")),
                Binding(
                    "question_mark",
                    "close",
                    _("Close"),
                    id="close-help-question",
                    show=False,
                    tooltip=_("Close the help"),
                ),
            ],
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="help-frame"):
            yield Static(literal(_("Keys (escape closes)")), id="help-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_columns(_("Key"), _("Action"), _("What it does"))
        for binding in self.bindings_of:
            key = self.app.get_key_display(binding)
            table.add_row(cell(key), cell(binding.description), cell(binding.tooltip or ""))
        self.set_focus(table)

    def action_close(self) -> None:
        self.dismiss(None)
