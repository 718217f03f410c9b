"""The filter bar: one compact button per filter (municipalities, fields of action, statuses, modules, SDGs).

One row beside the search box, so that the project table below has the full width of the screen.
A button says what its filter lets through ("Municipality" for all, "Rheine", "2 municipalities")
and opens a list to choose several values from (``tui.screens.filter_choice``); the panel then
posts ``FilterPanel.Chosen`` and the screen changes its filter. The buttons are there from the
start; until the vocabulary is loaded they have nothing to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from portfolio.domain.filters import FILTER_NAMES, ProjectFilter
from portfolio.i18n import _, ngettext
from tui.text import literal, plain
from tui.widgets.project_table import field_label

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary

LABEL_CELLS = 16  # a button's text is cut to this many cells (the toolbar must fit 80 columns)


def filter_captions() -> dict[str, str]:
    """What each button shows while its filter lets everything through."""
    return {
        "municipalities": _("Municipality"),
        "fields": _("Field of action"),
        "statuses": _("Status"),
        "modules": _("Module"),
        "sdgs": _("SDG"),
    }


def filter_titles() -> dict[str, str]:
    """The title of each filter's list of choices."""
    return {
        "municipalities": _("Show the projects of these municipalities"),
        "fields": _("Show the projects in these fields of action"),
        "statuses": _("Show the projects in these statuses"),
        "modules": _("Show the projects from these workshop modules"),
        "sdgs": _("Show the projects that serve these Sustainable Development Goals"),
    }


def _several(name: str, count: int) -> str:
    texts = {
        "municipalities": ngettext("{count} municipality", "{count} municipalities", count),
        "fields": ngettext("{count} field of action", "{count} fields of action", count),
        "statuses": ngettext("{count} status", "{count} statuses", count),
        "modules": ngettext("{count} module", "{count} modules", count),
        "sdgs": ngettext("{count} SDG", "{count} SDGs", count),
    }
    return texts[name].format(count=count)


def filter_choices(vocabulary: Vocabulary) -> dict[str, list[tuple[str, object]]]:
    """Per filter, its choices as (label, value), in vocabulary order."""
    return {
        "municipalities": [(m.name, m.slug) for m in vocabulary.municipalities],
        "fields": [(field_label(vocabulary, slug), slug) for slug in vocabulary.field_slugs],
        "statuses": [(vocabulary.label("status", slug), slug) for slug in vocabulary.status_slugs],
        "modules": [(vocabulary.label("module", number), number) for number in vocabulary.module_numbers],
        # By title first, the number after it: typing jumps by letters (digits are the pickers' keys).
        "sdgs": [(f"{vocabulary.label('sdg', number)} ({number})", number) for number in vocabulary.sdg_numbers],
    }


def chosen_labels(choices: list[tuple[str, object]], values: frozenset) -> list[str]:
    """The labels of the chosen values, in vocabulary order (a value the vocabulary lacks: as it is)."""
    known = [label for label, value in choices if value in values]
    return known + sorted(str(value) for value in values - {value for _label, value in choices})


def filter_summary(name: str, values: frozenset, choices: list[tuple[str, object]]) -> str:
    """What a filter's button says: its caption for all, the one label, or how many are chosen."""
    if not values:
        return filter_captions()[name]
    labels = chosen_labels(choices, values)
    return labels[0] if len(labels) == 1 else _several(name, len(labels))


def shortened(text: str, cells: int = LABEL_CELLS) -> str:
    if cell_len(text) <= cells:
        return text
    while text and cell_len(text) > cells - 1:
        text = text[:-1]
    return text.rstrip() + "…"


class FilterButton(Static, can_focus=True):
    """A focusable one-line button; enter, space or a click opens its filter's choices."""

    BINDINGS = [Binding("enter,space", "open", show=False)]

    def __init__(self, name: str, **kwargs) -> None:
        super().__init__(markup=False, id=f"filter-{name}", classes="filter-button", **kwargs)
        self.filter_name = name

    def show(self, text: str, chosen: bool, tooltip: str) -> None:
        self.update(literal(f"{shortened(text)} ▾"))
        self.set_class(chosen, "-chosen")
        self.tooltip = plain(tooltip)

    def action_open(self) -> None:
        self.post_message(FilterPanel.Wanted(self.filter_name))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()


class FilterPanel(Horizontal):
    """Shows the screen's filter (bound down with ``data_bind``); the screen owns and changes it."""

    DEFAULT_CSS = """
    FilterPanel {
        width: auto;
        height: auto;
    }
    FilterPanel > .filter-button {
        width: auto;
        height: 3;
        padding: 0 0 0 1;  /* the arrow at the right end: the five fit beside the search box at 80 columns */
        border: tall $border-blurred;
        background: $surface;
        color: $foreground 70%;
        text-wrap: nowrap;
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
        }
        &.-chosen {
            color: $text-accent;
            text-style: bold;
        }
    }
    """

    project_filter: reactive[ProjectFilter] = reactive(ProjectFilter, init=False)

    @dataclass
    class Wanted(Message):
        """A filter's button was pressed: its choices are to be shown."""

        name: str

    @dataclass
    class Chosen(Message):
        """The values of one filter were chosen (none: every project passes)."""

        name: str
        values: frozenset

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.vocabulary: Vocabulary | None = None
        self._choices: dict[str, list[tuple[str, object]]] = {name: [] for name in FILTER_NAMES}

    def compose(self) -> ComposeResult:
        for name in FILTER_NAMES:
            yield FilterButton(name)

    def on_mount(self) -> None:
        self.watch_project_filter(self.project_filter)

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        if vocabulary == self.vocabulary:
            return
        self.vocabulary = vocabulary
        self._choices = filter_choices(vocabulary)
        self.watch_project_filter(self.project_filter)

    def choices(self, name: str) -> list[tuple[str, object]]:
        return self._choices[name]

    def watch_project_filter(self, project_filter: ProjectFilter) -> None:
        titles = filter_titles()
        for name in FILTER_NAMES:
            values = project_filter.values_of(name)
            choices = self._choices[name]
            labels = chosen_labels(choices, values)
            tooltip = f"{titles[name]}: " + (", ".join(labels) if labels else _("all"))
            self.query_one(f"#filter-{name}", FilterButton).show(
                filter_summary(name, values, choices), bool(values), tooltip
            )

    def on_filter_panel_wanted(self, message: Wanted) -> None:
        message.stop()
        if self.vocabulary is None:
            self.notify(_("Still checking the project files; a moment, please."), severity="warning", markup=False)
            return
        from tui.screens.filter_choice import FilterChoice

        name = message.name

        def chosen(values: frozenset | None) -> None:
            if values is not None:
                self.post_message(self.Chosen(name, values))

        self.app.push_screen(
            FilterChoice(filter_titles()[name], self._choices[name], self.project_filter.values_of(name)), chosen
        )
