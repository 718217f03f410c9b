"""Milestone done: the open milestones of the highlighted project, the first one highlighted; Enter
marks the highlighted one done with one commit (so ``d`` then Enter from the main screen).

Typing jumps to a milestone by its title. The commit message is proposed below the list.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from portfolio.changes.milestones import milestone_done_message, open_milestones, with_milestone_done
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import PortfolioError
from portfolio.formats import format_date
from portfolio.i18n import _
from tui.bindings import install
from tui.messages import SaveFailed
from tui.saving import SavingScreen
from tui.text import literal, plain
from tui.widgets.jump import JumpOptionList
from tui.widgets.measured_static import MeasuredStatic


class MilestonePicker(SavingScreen):
    """Pick one of ``stored``'s open milestones (it has at least one) and commit it done."""

    def __init__(self, root: Path, vocabulary: Vocabulary, stored: StoredProject) -> None:
        super().__init__(root, id="milestone-picker")
        self.vocabulary = vocabulary
        self.stored = stored
        self.milestones = open_milestones(stored.project)
        install(
            self,
            [
                Binding(
                    "escape", "cancel", _("Cancel"), id="cancel-milestone", tooltip=_("Keep the milestones as they are")
                )
            ],
        )

    def compose(self) -> ComposeResult:
        options = []
        for index, milestone in enumerate(self.milestones):
            text = milestone.title
            if milestone.due:
                text += _(" (due {date})").format(date=format_date(milestone.due))
            options.append(Option(literal(text), id=f"milestone-{index}"))
        with Vertical(id="milestone-frame"):
            yield Static(
                literal(
                    _("Milestone done in {id}: {title}").format(id=self.stored.id, title=self.stored.project.title)
                ),
                id="milestone-title",
            )
            yield Static(
                literal(_("Enter marks the highlighted milestone done and commits · escape cancels")),
                id="milestone-keys",
            )
            yield JumpOptionList(*options, id="milestone-options")
            yield MeasuredStatic("", id="milestone-message", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#milestone-options", OptionList)
        self.set_focus(options)
        options.highlighted = 0

    @on(OptionList.OptionHighlighted, "#milestone-options")
    def option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        milestone = self.milestones[event.option_index]
        message = milestone_done_message(self.stored.id, milestone.title)
        self.query_one("#milestone-message", Static).update(literal(_("Commit: {subject}").format(subject=message)))

    @on(OptionList.OptionSelected, "#milestone-options")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.saving:
            return
        title = self.milestones[event.option_index].title
        try:
            project = with_milestone_done(self.stored.project, title, self.vocabulary, self.stored.path)
        except PortfolioError as error:  # the file's other values would not be valid any more
            self.notify(plain(error.message), title=_("Milestone not changed"), severity="error", markup=False)
            return
        self.query_one("#milestone-title", Static).update(literal(_("Saving and committing…")))
        self.start_saving(self.stored.id, project, self.stored, milestone_done_message(self.stored.id, title))

    def show_save_failure(self, message: SaveFailed) -> None:
        self.query_one("#milestone-title", Static).update(
            literal(_("Milestone done in {id}: {title}").format(id=self.stored.id, title=self.stored.project.title))
        )
        reason = message.reason
        if message.changed_on_disk:
            reason += "\n" + _("Nothing was written. Press escape, reload (r) and try again.")
        self.notify(plain(reason), title=_("Milestone not changed"), severity="error", markup=False, timeout=12)

    def action_cancel(self) -> None:
        self.dismiss(None)
