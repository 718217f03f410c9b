"""Choosing the values of one filter: a list to tick several in, by keyboard (or mouse).

Typing jumps to the first choice that starts with what was typed (then to one with a word that does);
space ticks, enter is done (when nothing was ticked: the highlighted choice alone), delete unticks
all (every project passes), escape leaves the filter as it was.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.selection_list import Selection

from portfolio.i18n import _
from tui.bindings import install
from tui.text import literal
from tui.widgets.jump import JumpSelectionList


class FilterList(JumpSelectionList):
    jump_digits = True  # no number keys here: typing 3 goes to module 3


class FilterChoice(ModalScreen[frozenset | None]):
    """Dismissed with the chosen values (an empty set: all), or ``None`` when left with escape."""

    DEFAULT_CSS = """
    FilterChoice {
        align: center middle;
    }
    #filter-choice-frame {
        width: 40;
        max-width: 90%;
        height: auto;
        max-height: 90%;
        border: tall $border;
        background: $surface;
        padding: 0 1;
    }
    #filter-choice-title {
        text-style: bold;
    }
    #filter-choice-hint {
        color: $foreground 60%;
    }
    #filter-choice-list {
        height: auto;
        max-height: 26;
        border: none;
        padding: 0;
    }
    """

    def __init__(self, title: str, choices: list[tuple[str, object]], chosen: frozenset) -> None:
        super().__init__(id="filter-choice")
        self.title_text = title
        self.choices = choices
        self.initially = chosen
        self._touched = False  # ticked or unticked something
        install(
            self,
            [
                Binding(
                    "enter", "done", _("Done"), id="filter-done", priority=True, tooltip=_("Use the ticked choices")
                ),
                Binding("escape", "cancel", _("Cancel"), id="filter-cancel", tooltip=_("Leave the filter as it was")),
                Binding("delete", "none", _("All"), id="filter-all", tooltip=_("Untick every choice: all pass")),
            ],
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-choice-frame"):
            yield Static(literal(self.title_text), id="filter-choice-title")
            yield Static(
                literal(_("type to jump · space ticks · enter done · delete all · escape cancels")),
                id="filter-choice-hint",
            )
            yield FilterList(
                *(Selection(literal(label), value, value in self.initially) for label, value in self.choices),
                id="filter-choice-list",
            )

    def on_mount(self) -> None:
        # As wide as the title and the longest choice (its tick box: 4 cells, a scrollbar: 2); the hint wraps.
        widest = max([cell_len(label) + 6 for label, _value in self.choices] + [cell_len(self.title_text), 30])
        self.query_one("#filter-choice-frame").styles.width = widest + 4
        listing = self.query_one(FilterList)
        first = next((index for index, (_label, value) in enumerate(self.choices) if value in self.initially), 0)
        if self.choices:
            listing.highlighted = first
        self.set_focus(listing)

    def on_selection_list_selected_changed(self) -> None:
        self._touched = True

    def action_done(self) -> None:
        listing = self.query_one(FilterList)
        chosen = frozenset(listing.selected)
        if not chosen and not self._touched and listing.highlighted is not None and self.choices:
            chosen = frozenset([self.choices[listing.highlighted][1]])  # enter on a choice: that one
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_none(self) -> None:
        self._touched = True
        self.query_one(FilterList).deselect_all()
