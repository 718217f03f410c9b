"""The filter bar: municipality, field of action, status and module, each "all ..." or one value.

One row beside the search box, so that the project table below has the full width of the screen.
Until the portfolio is validated the filters cannot filter anything; they are shown as what they
will be (a closed choice, "all ..."), one plain widget each, and become real Select widgets
(six widgets each, 30 ms for the four) once the vocabulary is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Select, Static

from portfolio.domain.filters import ProjectFilter
from portfolio.files.first_look import GlancedLabels
from portfolio.i18n import _
from tui.text import literal
from tui.widgets.project_table import field_label, slugs_of

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary

FILTER_SELECTS = ("municipality", "field", "status", "module")
SELECT_FRAME = 6  # border, padding (app.tcss) and the arrow of a Select


def filter_prompts() -> dict[str, str]:
    """What each filter shows when it lets everything through."""
    return {
        "municipality": _("all municipalities"),
        "field": _("all fields of action"),
        "status": _("all statuses"),
        "module": _("all modules"),
    }


def filter_tooltips() -> dict[str, str]:
    return {
        "municipality": _("Show only the projects of one municipality"),
        "field": _("Show only the projects in one field of action"),
        "status": _("Show only the projects in one status"),
        "module": _("Show only the projects from one workshop module"),
    }


def filter_choices(vocabulary: Vocabulary | GlancedLabels) -> dict[str, list[tuple[str, object]]]:
    """Per filter, its choices as (label, value), in vocabulary order."""
    municipalities = (
        vocabulary.slugs("municipality") if isinstance(vocabulary, GlancedLabels) else vocabulary.municipality_slugs
    )
    return {
        "municipality": [(vocabulary.label("municipality", slug), slug) for slug in municipalities],
        "field": [(field_label(vocabulary, slug), slug) for slug in slugs_of(vocabulary, "field")],
        "status": [(vocabulary.label("status", slug), slug) for slug in slugs_of(vocabulary, "status")],
        "module": [(vocabulary.label("module", number), number) for number in slugs_of(vocabulary, "module")],
    }


def select_width(prompt: str, labels: list[str]) -> int:
    """Wide enough for the prompt and the longest choice (up to 30), plus the frame and the arrow."""
    return min(30, max([cell_len(prompt), *(cell_len(label) for label in labels)])) + SELECT_FRAME


class FilterPanel(Horizontal):
    """Shows the screen's filter (bound down with ``data_bind``); the screen owns and changes it."""

    project_filter: reactive[ProjectFilter] = reactive(ProjectFilter, init=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.vocabulary: Vocabulary | None = None

    def compose(self) -> ComposeResult:
        prompts = filter_prompts()
        for name in FILTER_SELECTS:
            waiting = Static(literal(f"{prompts[name]} ▼"), classes="filter-waiting", markup=False)
            waiting.styles.width = select_width(prompts[name], [])
            yield waiting

    def set_first_look(self, labels: GlancedLabels) -> None:
        """Make the waiting filters as wide as the filters will be (nothing moves when they come)."""
        if self.vocabulary is None:
            self._make_wide_enough(self.query(".filter-waiting"), labels)

    def _make_wide_enough(self, widgets, vocabulary: Vocabulary | GlancedLabels) -> None:
        prompts, choices = filter_prompts(), filter_choices(vocabulary)
        for widget, name in zip(widgets, FILTER_SELECTS):
            widget.styles.width = select_width(prompts[name], [label for label, _value in choices[name]])

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        if vocabulary == self.vocabulary:
            return
        first = self.vocabulary is None
        self.vocabulary = vocabulary
        choices = filter_choices(vocabulary)
        if first:
            prompts, tooltips = filter_prompts(), filter_tooltips()
            selects = [
                Select(
                    [(literal(label), value) for label, value in choices[name]],
                    prompt=prompts[name],
                    id=f"filter-{name}",
                    allow_blank=True,
                    tooltip=tooltips[name],
                )
                for name in FILTER_SELECTS
            ]
            self._make_wide_enough(selects, vocabulary)
            self.query(".filter-waiting").remove()
            self.mount_all(selects)
            self.call_after_refresh(self.watch_project_filter, self.project_filter)
            return
        for name in FILTER_SELECTS:
            select = self.query_one(f"#filter-{name}", Select)
            with select.prevent(Select.Changed):
                select.set_options([(literal(label), value) for label, value in choices[name]])
        self._make_wide_enough([self.query_one(f"#filter-{name}", Select) for name in FILTER_SELECTS], vocabulary)
        self.watch_project_filter(self.project_filter)

    def watch_project_filter(self, project_filter: ProjectFilter) -> None:
        if self.vocabulary is None or not self.query(Select):
            return
        for name in FILTER_SELECTS:
            value = getattr(project_filter, name)
            select = self.query_one(f"#filter-{name}", Select)
            wanted = Select.NULL if value is None else value
            if select.value != wanted:
                with select.prevent(Select.Changed):
                    select.value = wanted
