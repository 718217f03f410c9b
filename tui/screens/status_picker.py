"""Change status: the statuses in vocabulary order, numbered from 1 (a digit picks one, typing a
label's first letters goes to it), then the proposed commit message (editable); Enter commits."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from portfolio.changes.assignments import validated
from portfolio.changes.messages import change_message
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _
from tui.bindings import install
from tui.messages import SaveFailed
from tui.saving import SavingScreen
from tui.text import literal, plain
from tui.widgets.jump import JumpOptionList


class StatusPicker(SavingScreen):
    def __init__(self, root: Path, vocabulary: Vocabulary, stored: StoredProject) -> None:
        super().__init__(root, id="status-picker")
        self.vocabulary = vocabulary
        self.stored = stored
        self.chosen: str | None = None
        bindings = [Binding("escape", "cancel", _("Cancel"), id="cancel-status", tooltip=_("Keep the status as it is"))]
        for number in range(1, min(9, len(vocabulary.statuses)) + 1):
            bindings.append(
                Binding(
                    str(number),
                    f"choose({number})",
                    str(number),
                    id=f"status-{number}",
                    show=False,
                    tooltip=_("Choose status {number}").format(number=number),
                )
            )
        install(self, bindings)

    def compose(self) -> ComposeResult:
        current = self.stored.project.status
        options = []
        for number, status in enumerate(self.vocabulary.statuses, start=1):
            label = f"{number}  {self.vocabulary.label('status', status.slug)}"
            if status.slug == current:
                label += "  " + _("(current)")
            options.append(Option(literal(label), id=status.slug, disabled=status.slug == current))
        with Vertical(id="status-frame"):
            yield Static(
                literal(_("Status of {id}: {title}").format(id=self.stored.id, title=self.stored.project.title)),
                id="status-title",
            )
            yield Static(
                literal(_("Press a digit or choose with Enter; then edit the message and press Enter to commit.")),
                id="status-keys",
            )
            yield JumpOptionList(*options, id="status-options")
            yield Label(literal(_("Commit message")), classes="field-caption")
            yield Input(id="status-message", disabled=True)

    def on_mount(self) -> None:
        options = self.query_one("#status-options", OptionList)
        self.set_focus(options)
        options.highlighted = next(
            (
                index
                for index, status in enumerate(self.vocabulary.status_slugs)
                if status != self.stored.project.status
            ),
            0,
        )

    def action_choose(self, number: int) -> None:
        if self.saving or not 1 <= number <= len(self.vocabulary.statuses):
            return
        self.choose(self.vocabulary.status_slugs[number - 1])

    @on(OptionList.OptionSelected, "#status-options")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.chosen is not None and self.focused is self.query_one("#status-message", Input):
            # "3" then Enter typed in one go: the Enter reached the list before the focus moved on.
            self.commit_now()
        elif event.option.id:
            self.choose(event.option.id)

    def choose(self, slug: str) -> None:
        if slug == self.stored.project.status:
            self.notify(_("That is the current status."), markup=False)
            return
        self.chosen = slug
        project = self._moved_project()
        message = self.query_one("#status-message", Input)
        message.disabled = False
        message.value = change_message(self.stored.id, self.stored.project, project, self.vocabulary)
        self.set_focus(message)  # now, not later: an Enter typed right after belongs to it

    def _moved_project(self):
        data = self.stored.project.to_data()
        data["status"] = self.chosen
        return validated(data, self.vocabulary, self.stored.path)

    @on(Input.Submitted, "#status-message")
    def commit_now(self) -> None:
        if self.chosen is None or self.saving:
            return
        self.start_saving(
            self.stored.id, self._moved_project(), self.stored, self.query_one("#status-message", Input).value
        )

    def show_save_failure(self, message: SaveFailed) -> None:
        reason = message.reason
        if message.changed_on_disk:
            reason += "\n" + _("Nothing was written. Press escape, reload (r) and try again.")
        self.notify(plain(reason), title=_("Status not changed"), severity="error", markup=False, timeout=12)

    def action_cancel(self) -> None:
        self.dismiss(None)
