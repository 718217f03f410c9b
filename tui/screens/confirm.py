"""A question before something is lost: two buttons, the safe one focused; dismissed with True only
when the person chose the other one.

Enter answers with the focused button (at first the safe one), Tab or the arrow keys move between
them, Escape is the safe answer.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from portfolio.i18n import _
from tui.bindings import install
from tui.text import literal


class ConfirmScreen(ModalScreen[bool]):
    """``question`` with a safe answer (``keep``, the default) and one that goes ahead (``proceed``)."""

    def __init__(self, question: str, keep: str, proceed: str, *, id: str = "confirm") -> None:
        super().__init__(id=id)
        self.question, self.keep, self.proceed = question, keep, proceed
        install(
            self,
            [
                Binding("escape", "answer(False)", keep, id="confirm-escape", tooltip=keep),
                Binding("left", "app.focus_previous", show=False, id="confirm-left", tooltip=_("Previous button")),
                Binding("right", "app.focus_next", show=False, id="confirm-right", tooltip=_("Next button")),
            ],
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-frame"):
            yield Static(literal(self.question, multiline=True), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(literal(self.keep), id="confirm-keep", variant="primary")
                yield Button(literal(self.proceed), id="confirm-proceed", variant="error")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#confirm-keep", Button))

    @on(Button.Pressed, "#confirm-keep")
    def keep_pressed(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm-proceed")
    def proceed_pressed(self) -> None:
        self.dismiss(True)

    def action_answer(self, proceed: bool) -> None:
        self.dismiss(proceed)
