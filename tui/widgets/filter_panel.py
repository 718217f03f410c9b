"""The filter panel: municipality, field of action, status and module, each "all" or one value."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Label, Select

from portfolio.filters import ProjectFilter
from portfolio.i18n import _
from portfolio.vocabulary import Vocabulary

from ..text import literal
from .project_table import field_label

FILTER_SELECTS = ("municipality", "field", "status", "module")


class FilterPanel(Vertical):
    """Shows the screen's filter (bound down with ``data_bind``); the screen owns and changes it."""

    project_filter: reactive[ProjectFilter] = reactive(ProjectFilter, init=False)

    def __init__(self, vocabulary: Vocabulary | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.vocabulary = vocabulary
        self._options_from: Vocabulary | None = None

    def compose(self) -> ComposeResult:
        for name, caption in zip(FILTER_SELECTS, (_("Municipality"), _("Field of action"), _("Status"), _("Module"))):
            yield Label(caption, classes="filter-caption")
            yield Select([], prompt=_("all"), id=f"filter-{name}", allow_blank=True)

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
        for name, choices in options.items():
            select = self.query_one(f"#filter-{name}", Select)
            with select.prevent(Select.Changed):
                select.set_options(choices)
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
