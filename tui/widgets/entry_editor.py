"""The rows of a list-of-tables field (milestones, funding, KPIs): one row per entry, a control per part.

Built from the field registry's ``EntryShape`` alone, never from a field's name: an input for a
text, date or number, a checkbox for a flag, a dropdown of the vocabulary for a choice. Keys on
the editor add a row below the focused one, remove it, and move it up or down; a button adds one
when there are none. The form reads ``rows()``: part name -> text, bool, or slug (None).

Ids a script can rely on (``ID`` is the editor's, e.g. ``field-milestones``): ``ID-row-N`` the
row N (from 0), ``ID-N-PART`` its part (``field-milestones-0-due``, ``field-funding-1-amount-eur``),
``ID-N-error`` its messages, ``ID-add`` the add button.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from portfolio.domain.fields import EntryPart, Kind, ProjectField
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _
from tui.bindings import install
from tui.text import literal
from tui.widgets.jump import JumpSelect
from tui.widgets.measured_static import MeasuredStatic

PART_CLASSES = {
    Kind.TEXT: "part-text",
    Kind.DATE: "part-date",
    Kind.DATES: "part-dates",
    Kind.WHOLE_NUMBER: "part-number",
    Kind.NUMBER: "part-number",
    Kind.FLAG: "part-flag",
    Kind.CHOICE: "part-choice",
}


def blank_value(part: EntryPart) -> Any:
    """What an empty part holds: no text, an unticked flag, no choice."""
    if part.kind is Kind.FLAG:
        return False
    return None if part.kind is Kind.CHOICE else ""


class EntryRow(Horizontal):
    """One entry: its parts side by side."""

    def __init__(self, index: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index


class EntryEditor(Vertical):
    """The entries of ``field`` as rows; ``rows`` is what the form shows at first (``form_texts``)."""

    DEFAULT_CSS = """
    EntryEditor {
        height: auto;
        & > .entry-keys { color: $text-muted; }
        & > .entry-header, & > EntryRow { height: auto; }
        & > EntryRow.entry-lines { layout: vertical; }
        & .entry-line { height: auto; }
        & .entry-caption { padding: 0 0 0 3; color: $text-muted; }
        & .part-text { width: 1fr; }
        & .part-date { width: 17; }
        & .part-dates { width: 1fr; }
        & .part-number { width: 14; }
        & .part-flag { width: 18; }
        & .part-choice { width: 20; }
        & > .entry-add { min-width: 12; }
    }
    """

    @dataclass
    class RowsChanged(Message):
        """A row was added, removed or moved (typing in a row sends the controls' own Changed)."""

        editor: EntryEditor

        @property
        def control(self) -> EntryEditor:
            return self.editor

    def __init__(self, field: ProjectField, rows: list[dict[str, Any]], vocabulary: Vocabulary, *, id: str) -> None:
        super().__init__(id=id, classes="entry-editor")
        if field.entry is None:
            raise ValueError(f"{field.name} has no entries")
        self.shape = field.entry
        self.vocabulary = vocabulary
        self._rows = [self._complete(row) for row in rows]
        self._controls: list[dict[str, Widget]] = []
        self._errors: list[Static] = []
        self._rebuilding = False
        install(
            self,
            [
                Binding("ctrl+n", "add_row", _("New row"), id="entry-add", tooltip=_("Add a row below this one")),
                Binding("ctrl+r", "remove_row", _("Remove row"), id="entry-remove", tooltip=_("Remove this row")),
                Binding("alt+up", "move_row(-1)", _("Row up"), id="entry-up", tooltip=_("Move this row up")),
                Binding("alt+down", "move_row(1)", _("Row down"), id="entry-down", tooltip=_("Move this row down")),
            ],
        )

    def _complete(self, row: dict[str, Any]) -> dict[str, Any]:
        return {part.name: row.get(part.name, blank_value(part)) for part in self.shape.parts}

    # --- building -----------------------------------------------------------------------------

    def part_id(self, index: int, part: EntryPart) -> str:
        return f"{self.id}-{index}-{part.name.replace('_', '-')}"

    def compose(self) -> ComposeResult:
        self._controls, self._errors = [], []
        yield Static(literal(_("ctrl+n new row · ctrl+r remove row · alt+↑ alt+↓ move row")), classes="entry-keys")
        lines = self.shape.part_lines()
        if self._rows:
            for line in lines:
                with Horizontal(classes="entry-header"):
                    for part in line:
                        caption = "" if part.kind is Kind.FLAG else part.caption  # the checkbox has it as its label
                        yield Label(literal(caption), classes=f"entry-caption {PART_CLASSES[part.kind]}")
        for index, row in enumerate(self._rows):
            controls = {part.name: self._control(index, part, row[part.name]) for part in self.shape.parts}
            self._controls.append(controls)
            if len(lines) == 1:
                with EntryRow(index, id=f"{self.id}-row-{index}", classes="entry-row"):
                    yield from controls.values()
            else:  # a row of several lines, each under its line of captions
                with EntryRow(index, id=f"{self.id}-row-{index}", classes="entry-row entry-lines"):
                    for line in lines:
                        with Horizontal(classes="entry-line"):
                            yield from (controls[part.name] for part in line)
            error = MeasuredStatic("", id=f"{self.id}-{index}-error", classes="field-error", markup=False)
            self._errors.append(error)
            yield error
        yield Button(literal(_("Add {noun}").format(noun=self.shape.caption)), id=f"{self.id}-add", classes="entry-add")

    def _control(self, index: int, part: EntryPart, value: Any) -> Widget:
        classes = f"entry-part {PART_CLASSES[part.kind]}"
        widget_id = self.part_id(index, part)
        if part.kind is Kind.FLAG:
            return Checkbox(literal(part.caption), bool(value), id=widget_id, classes=classes)
        if part.kind is Kind.CHOICE:
            kind = part.vocabulary or ""
            options = [(literal(self.vocabulary.label(kind, slug)), slug) for slug in self.vocabulary.slugs(kind)]
            return JumpSelect(options, prompt=_("none"), value=value or Select.NULL, id=widget_id, classes=classes)
        placeholder = {Kind.DATE: _("YYYY-MM-DD"), Kind.DATES: _("YYYY-MM-DD, ...")}.get(part.kind, part.caption)
        return Input(value=str(value or ""), placeholder=placeholder, id=widget_id, classes=classes)

    # --- reading ------------------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        """Every row as typed: part name -> text (TEXT, DATE, numbers), bool (FLAG), slug or None (CHOICE)."""
        self._sync()
        return copy.deepcopy(self._rows)

    def _sync(self) -> None:
        """Take the values of the controls (while they stand for the rows: not in a rebuild)."""
        if self._rebuilding or len(self._controls) != len(self._rows):
            return
        for row, controls in zip(self._rows, self._controls):
            for name, widget in controls.items():
                if isinstance(widget, Checkbox):
                    row[name] = widget.value
                elif isinstance(widget, Select):
                    row[name] = None if widget.value is Select.NULL else widget.value
                elif isinstance(widget, Input):
                    row[name] = widget.value

    def focused_place(self) -> tuple[int, str] | None:
        """(row, part) of the focused control, when the focus is in a row."""
        focused = self.screen.focused if self.is_attached else None
        if focused is None:
            return None
        chain = set(focused.ancestors_with_self)
        for index, controls in enumerate(self._controls):
            for name, widget in controls.items():
                if widget in chain:
                    return index, name
        return None

    # --- errors -------------------------------------------------------------------------------

    def show_errors(self, at: dict[tuple[int, str], list[str]]) -> None:
        """The messages of each row below it; the parts they concern marked invalid."""
        if self._rebuilding:
            return
        for index, (controls, label) in enumerate(zip(self._controls, self._errors)):
            messages = [message for (row, _part), found in sorted(at.items()) if row == index for message in found]
            label.update(literal("\n".join(messages), multiline=True))
            label.set_class(bool(messages), "shown")
            marked = {name for name in controls if at.get((index, name))}
            if messages and not marked:  # a message about the whole row: marked at its first part
                marked = {self.shape.parts[0].name}
            for name, widget in controls.items():
                widget.set_class(name in marked, "invalid")

    # --- adding, removing and moving rows -----------------------------------------------------

    @on(Button.Pressed, ".entry-add")
    async def add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add_row()

    async def action_add_row(self) -> None:
        self._sync()
        place = self.focused_place()
        index = place[0] + 1 if place else len(self._rows)
        self._rows.insert(index, {part.name: blank_value(part) for part in self.shape.parts})
        await self._rebuild((index, self.shape.parts[0].name))

    async def action_remove_row(self) -> None:
        self._sync()
        place = self.focused_place()
        if place is None:
            return
        del self._rows[place[0]]
        await self._rebuild((min(place[0], len(self._rows) - 1), place[1]) if self._rows else None)

    async def action_move_row(self, step: int) -> None:
        self._sync()
        place = self.focused_place()
        if place is None or not 0 <= place[0] + step < len(self._rows):
            return
        index, target = place[0], place[0] + step
        self._rows[index], self._rows[target] = self._rows[target], self._rows[index]
        await self._rebuild((target, place[1]))

    async def _rebuild(self, focus: tuple[int, str] | None) -> None:
        """Make the rows again (their ids follow their places), then focus ``focus`` or the add button."""
        self._rebuilding = True
        try:
            await self.recompose()
        finally:
            self._rebuilding = False
        if focus is not None:
            target: Widget = self._controls[focus[0]][focus[1]]
        else:
            target = self.query_one(".entry-add", Button)
        # Scrolled here, not by the focus (it animates from where the rows were): the new rows are laid
        # out with the next refresh, the form around them with the one after.
        self.screen.set_focus(target, scroll_visible=False)
        self.call_after_refresh(self.call_after_refresh, self._scroll_to, target)
        self.post_message(self.RowsChanged(self))

    def _scroll_to(self, target: Widget) -> None:
        """``target`` in view at once: a scroll still moving (to where the focus was) stops first."""
        for node in target.ancestors:
            if isinstance(node, Widget) and node.is_scrollable:
                self.app.animator.force_stop_animation(node, "scroll_y")
        target.scroll_visible(animate=False)
