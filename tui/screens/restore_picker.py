"""Restore a deleted project: the projects this branch deleted, newest first; Enter restores one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from portfolio.i18n import _
from tui.bindings import install
from tui.history.rows import DeletedRow
from tui.text import literal
from tui.widgets.jump import JumpOptionList


class RestorePicker(ModalScreen[str | None]):
    """Dismissed with the id of the project to restore, or None."""

    def __init__(self, rows: list[DeletedRow]) -> None:
        super().__init__(id="restore-picker")
        self.rows = rows
        install(self, [Binding("escape", "cancel", _("Cancel"), id="cancel-restore", tooltip=_("Restore nothing"))])

    def compose(self) -> ComposeResult:
        options = [
            Option(
                literal(
                    _("{title} ({id}), deleted {when} in {commit}").format(
                        title=row.title, id=row.id, when=row.when, commit=row.commit
                    )
                ),
                id=row.id,
            )
            for row in self.rows
        ]
        with Vertical(id="restore-frame"):
            yield Static(literal(_("Restore a deleted project")), id="restore-title")
            yield Static(
                literal(_("Choose with Enter: one commit writes it back as its last valid version was.")),
                id="restore-keys",
            )
            yield JumpOptionList(*options, id="restore-options")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#restore-options", OptionList))

    @on(OptionList.OptionSelected, "#restore-options")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
