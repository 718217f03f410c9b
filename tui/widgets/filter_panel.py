"""The filter bar: municipality, field of action, status and module, each "all ..." or one value.

One row beside the search box, so that the project table below has the full width of the screen.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Select

from portfolio.filters import ProjectFilter
from portfolio.i18n import _
from portfolio.vocabulary import Vocabulary

from ..text import literal
from .project_table import field_label

FILTER_SELECTS = ("municipality", "field", "status", "module")
SELECT_FRAME = 6  # border, padding (app.tcss) and the arrow of a Select


def filter_prompts() -> dict[str, str]:
    """What each filter shows when it lets everything through."""
    return {"municipality": _("all municipalities"), "field": _("all fields of action"),
            "status": _("all statuses"), "module": _("all modules")}


def filter_tooltips() -> dict[str, str]:
    return {"municipality": _("Show only the projects of one municipality"),
            "field": _("Show only the projects in one field of action"),
            "status": _("Show only the projects in one status"),
            "module": _("Show only the projects from one workshop module")}


def select_width(prompt: str, labels: list[Content]) -> int:
    """Wide enough for the prompt and the longest choice (up to 30), plus the frame and the arrow."""
    return min(30, max([cell_len(prompt), *(label.cell_length for label in labels)])) + SELECT_FRAME


class FilterPanel(Horizontal):
    """Shows the screen's filter (bound down with ``data_bind``); the screen owns and changes it."""

    project_filter: reactive[ProjectFilter] = reactive(ProjectFilter, init=False)

    def __init__(self, vocabulary: Vocabulary | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.vocabulary = vocabulary
        self._options_from: Vocabulary | None = None

    def compose(self) -> ComposeResult:
        prompts, tooltips = filter_prompts(), filter_tooltips()
        for name in FILTER_SELECTS:
            select = Select([], prompt=prompts[name], id=f"filter-{name}", allow_blank=True, tooltip=tooltips[name])
            select.styles.width = select_width(prompts[name], [])
            yield select

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        if vocabulary == self._options_from:
            return
        self.vocabulary = self._options_from = vocabulary
        options = {
            "municipality": [(literal(m.name), m.slug) for m in vocabulary.municipalities],
            "field": [(literal(field_label(vocabulary, f.slug)), f.slug) for f in vocabulary.fields_of_action],
            "status": [(literal(vocabulary.label("status", s.slug)), s.slug) for s in vocabulary.statuses],
            "module": [(literal(vocabulary.label("module", m.number)), m.number) for m in vocabulary.modules],
        }
        prompts = filter_prompts()
        for name, choices in options.items():
            select = self.query_one(f"#filter-{name}", Select)
            with select.prevent(Select.Changed):
                select.set_options(choices)
            select.styles.width = select_width(prompts[name], [label for label, _value in choices])
        self.watch_project_filter(self.project_filter)

    def watch_project_filter(self, project_filter: ProjectFilter) -> None:
        if self.vocabulary is None:
            return
        for name in FILTER_SELECTS:
            value = getattr(project_filter, name)
            select = self.query_one(f"#filter-{name}", Select)
            wanted = Select.NULL if value is None else value
            if select.value != wanted:
                with select.prevent(Select.Changed):
                    select.value = wanted
