"""The main screen's search, filters, switches and sort: which projects the table shows, in which order.

``FilteredScreen`` is the base of ``tui.screens.main.MainScreen`` (never used alone): it owns the
filter (one reactive, bound down to the filter bar) and uses the screen's ``portfolio``, its
project table, status line and ``show_highlighted()``. Filtering 5,000 projects is a set test per
filter and a substring test per search word (``portfolio.domain.search``): fast enough for every
keystroke.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from portfolio.domain.filters import FILTER_NAMES, BoundFilter, ProjectFilter
from portfolio.domain.search import SearchIndex
from portfolio.i18n import _
from tui.widgets.filter_panel import FilterButton, FilterPanel
from tui.widgets.project_table import ProjectTable
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from portfolio.domain.records import Portfolio, StoredProject


def filter_bindings() -> list[Binding]:
    """The keys of the filters and the sort; listed in help (the key bar has no room for them)."""
    return [
        Binding(
            "f",
            "filters",
            _("Filters"),
            id="filters",
            show=False,
            tooltip=_("Go to the filter buttons (municipality, field, status, module); enter opens one"),
        ),
        Binding(
            "a",
            "active_only",
            _("Active only"),
            id="active-only",
            show=False,
            tooltip=_("Show only active projects (not in a status marked terminal), or all again"),
        ),
        Binding(
            "w",
            "district_wide",
            _("District-wide"),
            id="district-wide",
            show=False,
            tooltip=_("With a municipality filter: show the district-wide projects too (marked), or leave them out"),
        ),
        Binding("o", "sort_next", _("Sort"), id="sort-next", show=False, tooltip=_("Sort by the next column")),
        Binding(
            "O", "sort_reverse", _("Reverse sort"), id="sort-reverse", show=False, tooltip=_("Reverse the sort order")
        ),
    ]


class FilteredScreen(Screen):
    """Search, filter and sort the projects of ``self.portfolio`` (set by the screen)."""

    project_filter: reactive[ProjectFilter] = reactive(ProjectFilter, init=False)
    portfolio: Portfolio | None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._search_pending: str | None = None

    # --- which projects, and the table ------------------------------------------------------

    def bound_filter(self) -> BoundFilter | None:
        if self.portfolio is None:
            return None
        return self.project_filter.bound(self.portfolio.vocabulary, SearchIndex.of(self.portfolio))

    def matching_projects(self) -> list[StoredProject]:
        bound = self.bound_filter()
        return bound.select(self.portfolio.projects.values()) if bound and self.portfolio else []

    def refresh_table(self, keep: str | None = None) -> None:
        bound = self.bound_filter()
        if bound is None or self.portfolio is None:
            return
        table = self.query_one(ProjectTable)
        keep = keep or table.highlighted_id()
        matching = bound.select(self.portfolio.projects.values())
        marked = frozenset(stored.id for stored in matching if bound.by_district(stored))
        table.show(matching, self.portfolio.vocabulary, keep=keep, marked=marked)
        chosen = self.project_filter
        self.query_one(StatusLine).show_counts(
            len(matching),
            len(self.portfolio.projects),
            len(self.portfolio.broken),
            filtered=not chosen.is_empty,
            active_only=chosen.active_only,
            by_district=len(marked),
            district_left_out=bool(chosen.municipalities) and not chosen.district_wide,
        )
        self.show_highlighted()

    def watch_project_filter(self, _old: ProjectFilter, _new: ProjectFilter) -> None:
        self.refresh_table()

    # --- the search box ----------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        # Keys typed faster than the screen refreshes are searched for once, with the latest text.
        if self._search_pending is None:
            self.call_after_refresh(self._apply_search)
        self._search_pending = event.value

    def _apply_search(self) -> None:
        text, self._search_pending = self._search_pending, None
        if text is not None and text != self.project_filter.text:
            self.project_filter = self.project_filter.with_text(text)

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self._search_pending = None
        if event.value != self.project_filter.text:
            self.project_filter = self.project_filter.with_text(event.value)
        table = self.query_one(ProjectTable)
        self.set_focus(table)
        if table.row_count:
            table.move_cursor(row=0, animate=False)

    def _clear_search_box(self) -> None:
        """Empty the search box without a search for "" arriving later over a filter set now."""
        search = self.query_one("#search", Input)
        self._search_pending = None
        with search.prevent(Input.Changed):
            search.value = ""

    # --- the filters and the switches --------------------------------------------------------

    @on(FilterPanel.Chosen)
    def filter_chosen(self, message: FilterPanel.Chosen) -> None:
        if message.name in FILTER_NAMES:
            self.project_filter = self.project_filter.with_values(message.name, message.values)

    def choose_cell(self, municipality: str, field: str) -> None:
        """Show the projects of one region cell (from the region view): the municipality's own ones,
        as the cell counts them (the district-wide switch shows the others)."""
        self._clear_search_box()
        self.project_filter = ProjectFilter(municipalities={municipality}, fields={field}, district_wide=False)

    def jump_to(self, project_id: str) -> None:
        """Highlight a project, clearing the filter if it hides it (from the command palette)."""
        if self.query_one(ProjectTable).row_of(project_id) is None:
            self._clear_search_box()
            self.project_filter = ProjectFilter()
        table = self.query_one(ProjectTable)
        self.refresh_table(keep=project_id)
        self.set_focus(table)

    def action_focus_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            search.insert_text_at_cursor("/")  # the binding has priority: "/" typed in the box is still text
            return
        # Screen.set_focus is immediate (Widget.focus is deferred): keys typed right after "/" go to the box.
        self.set_focus(search)

    def action_clear(self) -> None:
        self._clear_search_box()
        self.project_filter = ProjectFilter()
        self.set_focus(self.query_one(ProjectTable))

    def action_filters(self) -> None:
        self.set_focus(self.query(FilterButton).first())

    def action_active_only(self) -> None:
        self.project_filter = self.project_filter.with_active_only(not self.project_filter.active_only)

    def action_district_wide(self) -> None:
        chosen = self.project_filter
        self.project_filter = chosen.with_district_wide(not chosen.district_wide)
        if not chosen.municipalities:
            self.notify(
                _("District-wide projects: shown too")
                if not chosen.district_wide
                else _("District-wide projects: left out"),
                title=_("With a municipality filter"),
                markup=False,
            )

    # --- the sort ----------------------------------------------------------------------------

    def action_sort_next(self) -> None:
        self.query_one(ProjectTable).cycle_sort()

    def action_sort_reverse(self) -> None:
        self.query_one(ProjectTable).flip_sort()
