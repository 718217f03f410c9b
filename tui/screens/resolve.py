"""Decide a conflict of sync: each project and field both sides changed, with base, mine and theirs.

Per field: mine, theirs, both (lists) or an edited value. Save (ctrl+s) validates, commits the merge
with a message that says what was decided, pushes and moves the branch, in a thread worker (the
core's ``portfolio.changes.resolve.decide``, as ``portfolio resolve`` uses). Escape gives up: nothing
was changed, so nothing has to be undone. A merge or rebase git left in progress opens here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, Static

from portfolio.errors import InvalidProject, PortfolioError
from portfolio.i18n import _
from tui.bindings import install
from tui.text import literal
from tui.widgets.field_choice import FieldChoice
from tui.widgets.measured_static import MeasuredStatic


@dataclass
class ConflictsRead(Message):
    to_decide: Any  # portfolio.changes.resolve.ToDecide
    vocabulary: Any


@dataclass
class ResolutionDecided(Message):
    decided: Any  # portfolio.changes.resolve.Decided


@dataclass
class ResolutionFailed(Message):
    reason: str
    nothing_to_decide: bool = False


def _reason(error: Exception) -> str:
    if isinstance(error, InvalidProject):
        details = "; ".join(problem.message for problem in error.problems)
        return f"{error.message}: {details}" if details else error.message
    if isinstance(error, PortfolioError):
        return error.message
    return f"{type(error).__name__}: {error}"


class ResolveScreen(ModalScreen[Any]):
    """Dismissed with the core's ``Decided`` once committed and pushed, or with None (nothing changed)."""

    def __init__(self, root: Path) -> None:
        super().__init__(id="resolve")
        self.root = root
        self.to_decide = None
        self.vocabulary = None
        self.saving = False
        install(
            self,
            [
                Binding(
                    "escape",
                    "cancel",
                    _("Give up"),
                    id="cancel-resolve",
                    tooltip=_("Close without deciding: nothing was changed, both sides stay as they are"),
                ),
                Binding(
                    "ctrl+s",
                    "save",
                    _("Commit and push"),
                    id="save-resolve",
                    tooltip=_("Commit the merge with the chosen values, push it, then move your branch"),
                ),
            ],
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="resolve-frame"):
            yield Static(literal(_("Reading both sides…")), id="resolve-title")
            yield VerticalScroll(id="resolve-fields")
            yield MeasuredStatic("", id="resolve-error", markup=False)
            with Horizontal(id="resolve-buttons"):
                yield Button(literal(_("Give up (escape)")), id="resolve-cancel")
                yield Button(literal(_("Commit and push (ctrl+s)")), id="resolve-save", variant="primary")

    def on_mount(self) -> None:
        self.read_in_background()

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def read_in_background(self) -> None:
        from portfolio.changes.resolve import NothingToResolve, conflicts_to_decide
        from portfolio.domain.vocabulary import load_vocabulary

        try:
            self.post_message(ConflictsRead(conflicts_to_decide(self.root), load_vocabulary(self.root)))
        except NothingToResolve as nothing:
            self.post_message(ResolutionFailed(nothing.message, nothing_to_decide=True))
        except Exception as error:  # shown, never a crash of the UI
            self.post_message(ResolutionFailed(_reason(error)))

    @on(ConflictsRead)
    async def conflicts_read(self, message: ConflictsRead) -> None:
        self.to_decide, self.vocabulary = message.to_decide, message.vocabulary
        divergence = self.to_decide.divergence
        self.query_one("#resolve-title", Static).update(
            literal(
                _("Mine: {branch} · theirs: {theirs}. Choose a value for each field; escape changes nothing.").format(
                    branch=divergence.branch, theirs=divergence.theirs_name
                )
            )
        )
        fields = self.query_one("#resolve-fields", VerticalScroll)
        blocks: list = [Static(literal(line), classes="resolve-unresolvable") for line in self.to_decide.unresolvable]
        blocks += [self._conflict_block(number, conflict) for number, conflict in enumerate(self.to_decide.conflicts)]
        await fields.mount_all(blocks)
        if self.to_decide.conflicts:
            self.set_focus(self.query_one("#choice-0", RadioSet))

    def _conflict_block(self, number: int, conflict) -> FieldChoice:
        from portfolio.changes.resolve import SIDE_LABELS

        shown = conflict.shown
        lines = [
            f"{conflict.project_id} · {conflict.caption()}",
            _("  base:   {value}").format(value=shown(self.vocabulary, conflict.base)),
            _("  mine:   {value}").format(value=shown(self.vocabulary, conflict.mine)),
            _("  theirs: {value}").format(value=shown(self.vocabulary, conflict.theirs)),
        ]
        sides = [(side, _(SIDE_LABELS[side])) for side in conflict.sides()]
        return FieldChoice(number, lines, sides, classes="resolve-conflict")

    def decisions(self) -> dict:
        """Conflict key -> Decision, read from the choices; BadAssignment for an unreadable edited value."""
        from portfolio.changes.resolve import decision_from_text

        decisions = {}
        for block, conflict in zip(self.query(FieldChoice), self.to_decide.conflicts, strict=True):
            chosen = block.chosen()
            if chosen is None:
                continue
            side, text = chosen
            decisions[conflict.key] = decision_from_text(conflict, text if side == "edited" else side, self.vocabulary)
        return decisions

    def action_save(self) -> None:
        if self.saving or self.to_decide is None:
            return
        try:
            decisions = self.decisions()
        except PortfolioError as error:
            self._show_error(error.message)
            return
        self.saving = True
        self._show_error(_("Committing and pushing…"))
        self.decide_in_background(decisions)

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def decide_in_background(self, decisions: dict) -> None:
        from portfolio.changes.resolve import decide

        try:
            self.post_message(ResolutionDecided(decide(self.root, self.to_decide, decisions)))
        except Exception as error:
            self.post_message(ResolutionFailed(_reason(error)))

    @on(ResolutionDecided)
    def resolution_decided(self, message: ResolutionDecided) -> None:
        self.dismiss(message.decided)

    @on(ResolutionFailed)
    def resolution_failed(self, message: ResolutionFailed) -> None:
        self.saving = False
        self._show_error(message.reason)

    def _show_error(self, text: str) -> None:
        self.query_one("#resolve-error", Static).update(literal(text, multiline=True))

    @on(Button.Pressed, "#resolve-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#resolve-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.saving:  # a commit on its way is not stopped half-way
            self.dismiss(None)
