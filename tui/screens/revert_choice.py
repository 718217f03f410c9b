"""Decide a revert a later change is in the way of, field by field (z in the history tab, refused).

Each field the reverted commit changed and a later commit changed again is shown with its value
before the reverted commit, what that commit set and its value now; the choice: keep it as it is
now, take the value before, or an edited value. The other fields go back by themselves. Revert
(ctrl+s) makes one commit by the core's ``revert_with_choices`` (as ``portfolio revert --take``),
in the history process, from a thread worker; its message says what was decided. Escape changes
nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, RadioSet, Static

from portfolio.errors import PortfolioError
from portfolio.i18n import _
from tui.bindings import install
from tui.messages import ProjectSaved, SaveFailed
from tui.saving import SavingScreen
from tui.text import literal
from tui.widgets.field_choice import FieldChoice
from tui.widgets.measured_static import MeasuredStatic

if TYPE_CHECKING:
    from tui.history.rows import RevertFieldRow, RevertPlanRow


def field_lines(row: RevertFieldRow) -> list[str]:
    return [
        row.caption,
        _("  before:     {value}").format(value=row.before),
        _("  set by it:  {value}").format(value=row.reverted),
        _("  now:        {value}").format(value=row.now),
        _("  changed later in {commits}").format(commits=row.later),
    ]


class RevertChoiceScreen(SavingScreen):
    """Dismissed with ``ProjectSaved`` once the revert is committed, or with None (nothing changed)."""

    def __init__(self, root: Path, reason: str, plan: RevertPlanRow) -> None:
        super().__init__(root, id="revert-choice")
        self.reason = reason  # the refusal: what the title and each field's "changed later in" say
        self.plan = plan
        install(
            self,
            [
                Binding(
                    "escape",
                    "cancel",
                    _("Cancel"),
                    id="cancel-revert-choice",
                    tooltip=_("Close without reverting: nothing is changed"),
                ),
                Binding(
                    "ctrl+s",
                    "save",
                    _("Revert"),
                    id="save-revert-choice",
                    tooltip=_("Revert with the chosen values, in one commit that says what was decided"),
                ),
            ],
        )

    def compose(self) -> ComposeResult:
        plan = self.plan
        title = _(
            "Revert {commit} of {id} (“{subject}”): a later change touched these fields. "
            "Choose for each; escape changes nothing."
        ).format(commit=plan.commit[:10], id=plan.project_id, subject=plan.subject)
        sides = [("now", _("keep now")), ("before", _("take the value before")), ("edited", _("edited"))]
        with Vertical(id="revert-choice-frame"):
            yield Static(literal(title), id="revert-choice-title")
            if plan.put_back:
                note = _("Put back without a question: {fields}").format(fields=", ".join(plan.put_back))
                yield Static(literal(note), id="revert-choice-put-back")
            with VerticalScroll(id="revert-choice-fields"):
                for number, row in enumerate(plan.fields):
                    yield FieldChoice(number, field_lines(row), sides)
            yield MeasuredStatic("", id="revert-choice-error", markup=False)
            with Horizontal(id="revert-choice-buttons"):
                yield Button(literal(_("Cancel (escape)")), id="revert-choice-cancel")
                yield Button(literal(_("Revert (ctrl+s)")), id="revert-choice-save", variant="primary")

    def on_mount(self) -> None:
        if self.plan.fields:
            self.set_focus(self.query_one("#choice-0", RadioSet))

    def choices(self) -> dict[str, tuple[str, str]] | None:
        """Field -> (side, edited text); None (and said so) while a field is not decided."""
        choices = {}
        for block, row in zip(self.query(FieldChoice), self.plan.fields, strict=True):
            chosen = block.chosen()
            if chosen is None:
                self._show_error(_("Choose a value for {field}.").format(field=row.caption))
                return None
            choices[row.field] = chosen
        return choices

    def action_save(self) -> None:
        if self.saving:
            return
        choices = self.choices()
        if choices is None:
            return
        self.saving = True
        self._show_error(_("Reverting…"))
        self.revert_in_background(choices)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def revert_in_background(self, choices: dict[str, tuple[str, str]]) -> None:
        plan = self.plan
        try:
            done = self.app.history.revert_with_choices(self.root, plan.commit, plan.project_id, choices)
        except PortfolioError as error:
            self.post_message(SaveFailed(error.message))
            return
        except Exception as error:  # shown, never a crash of the UI
            self.post_message(SaveFailed(f"{type(error).__name__}: {error}"))
            return
        if not done.commit:
            self.post_message(SaveFailed(_("Nothing to change: every field is kept as it is now.")))
            return
        self.post_message(ProjectSaved(done.project_id, done.commit, done.message))

    def show_save_failure(self, message: SaveFailed) -> None:
        self._show_error(message.reason)

    def _show_error(self, text: str) -> None:
        self.query_one("#revert-choice-error", Static).update(literal(text, multiline=True))

    @on(Button.Pressed, "#revert-choice-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#revert-choice-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
