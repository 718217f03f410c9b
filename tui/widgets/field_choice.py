"""One field to decide: its values (one line each), a choice among sides, and an edited value.

Used by the conflict screens: a conflict of sync (tui.screens.resolve: mine, theirs, both, edited)
and a revert a later change is in the way of (tui.screens.revert_choice: now, before, edited).
The choice is ``#choice-N`` (its buttons ``#choice-N-SIDE``), the edited value ``#edited-N``, enabled
while "edited" is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.containers import Vertical
from textual.widgets import Input, RadioButton, RadioSet, Static

from portfolio.i18n import _
from tui.text import literal

EDITED = "edited"


class FieldChoice(Vertical):
    """``lines`` above a choice of ``sides`` (side, label); with an ``edited`` side, an input for the value."""

    DEFAULT_CSS = """
    FieldChoice {
        height: auto;
        margin-bottom: 1;
    }
    FieldChoice RadioSet {
        layout: horizontal;
        height: auto;
    }
    FieldChoice RadioSet > RadioButton {
        width: auto;
    }
    """

    def __init__(self, number: int, lines: Sequence[str], sides: Sequence[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.number = number
        self.lines = list(lines)
        self.sides = list(sides)

    def compose(self):
        yield Static(literal("\n".join(self.lines), multiline=True), classes="choice-values")
        yield RadioSet(
            *(RadioButton(literal(label), id=f"choice-{self.number}-{side}") for side, label in self.sides),
            id=f"choice-{self.number}",
        )
        if any(side == EDITED for side, _label in self.sides):
            yield Input(placeholder=_("edited value"), id=f"edited-{self.number}", disabled=True)

    @on(RadioSet.Changed)
    def choice_changed(self, event: RadioSet.Changed) -> None:
        edited = self.query(f"#edited-{self.number}")
        if edited:
            box = edited.first(Input)
            box.disabled = not event.pressed.id.endswith(f"-{EDITED}")
            if not box.disabled:
                self.screen.set_focus(box)

    def chosen(self) -> tuple[str, str] | None:
        """The side chosen and, for "edited", the value typed (else ""); None while nothing is chosen."""
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None:
            return None
        side = pressed.id.removeprefix(f"choice-{self.number}-")
        return side, self.query_one(f"#edited-{self.number}", Input).value if side == EDITED else ""
