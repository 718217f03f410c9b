"""Which projects to show: an immutable filter, shared by the CLI and the terminal UI.

Each filter takes several values: a project passes when it has any of them (OR within a filter),
and every filter set must pass (AND across). A municipality filter also lets the district-wide
projects through (the municipalities marked ``district = true`` in the vocabulary), unless
``district_wide`` is off; "active only" leaves out the statuses marked ``terminal = true``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from portfolio.domain.search import SearchIndex, fold, search_words

if TYPE_CHECKING:  # only types here: the filter is usable before the model (pydantic) is imported
    from portfolio.domain.records import StoredProject
    from portfolio.domain.vocabulary import Vocabulary

__all__ = ["FILTER_NAMES", "BoundFilter", "ProjectFilter", "fold"]

FILTER_NAMES = ("municipalities", "fields", "statuses", "modules", "sdgs")  # the filters of several values


@dataclass(frozen=True)
class ProjectFilter:
    """What to show; values are slugs (modules, SDGs: numbers). Any iterable is taken, kept as a frozenset."""

    municipalities: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    modules: frozenset[int] = frozenset()
    sdgs: frozenset[int] = frozenset()  # the goals' numbers: projects that serve any of them
    text: str = ""
    active_only: bool = False
    district_wide: bool = True  # with a municipality filter: also the district-wide projects

    def __post_init__(self) -> None:
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset([value] if isinstance(value, str | int) else value))

    def values_of(self, name: str) -> frozenset:
        """The values of one of ``FILTER_NAMES``."""
        if name not in FILTER_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def with_values(self, name: str, values: Iterable) -> ProjectFilter:
        """This filter with the values of ``name`` (one of ``FILTER_NAMES``) replaced; none: no restriction."""
        if name not in FILTER_NAMES:
            raise KeyError(name)
        return replace(self, **{name: frozenset(values)})

    def with_text(self, text: str) -> ProjectFilter:
        return replace(self, text=text)

    def with_active_only(self, active_only: bool) -> ProjectFilter:
        return replace(self, active_only=active_only)

    def with_district_wide(self, district_wide: bool) -> ProjectFilter:
        return replace(self, district_wide=district_wide)

    @property
    def is_empty(self) -> bool:
        """Lets every project through."""
        return not (any(self.values_of(name) for name in FILTER_NAMES) or self.text.strip() or self.active_only)

    def bound(self, vocabulary: Vocabulary, index: SearchIndex | None = None) -> BoundFilter:
        """The filter ready to test projects of a portfolio with this vocabulary (and search index)."""
        return BoundFilter(self, vocabulary, index)

    def matches(self, stored: StoredProject, vocabulary: Vocabulary, index: SearchIndex | None = None) -> bool:
        return self.bound(vocabulary, index).matches(stored)

    def select(
        self, projects: Iterable[StoredProject], vocabulary: Vocabulary, index: SearchIndex | None = None
    ) -> list[StoredProject]:
        """The projects that pass, in the order given."""
        return self.bound(vocabulary, index).select(projects)


class BoundFilter:
    """A ``ProjectFilter`` with what it needs from the vocabulary, made once for many projects."""

    def __init__(self, chosen: ProjectFilter, vocabulary: Vocabulary, index: SearchIndex | None = None) -> None:
        self.chosen = chosen
        self._statuses = chosen.statuses
        self._ended = vocabulary.terminal_statuses if chosen.active_only else frozenset()
        self._municipalities = chosen.municipalities
        self._districts = (
            vocabulary.district_slugs - chosen.municipalities
            if chosen.municipalities and chosen.district_wide
            else frozenset()
        )
        self._fields = chosen.fields
        self._modules = chosen.modules
        self._sdgs = chosen.sdgs
        self._words = search_words(chosen.text)
        self._index = index if index is not None or not self._words else SearchIndex(vocabulary)

    def matches(self, stored: StoredProject) -> bool:
        return self._passes_choices(stored) and (not self._words or self._index.finds(stored, self._words))

    def _passes_choices(self, stored: StoredProject) -> bool:
        """Everything but the search words."""
        project = stored.project
        if self._statuses and project.status not in self._statuses:
            return False
        if project.status in self._ended:
            return False
        if self._municipalities and self._municipalities.isdisjoint(project.municipalities):
            if self._districts.isdisjoint(project.municipalities):
                return False
        if self._fields and self._fields.isdisjoint(project.fields_of_action):
            return False
        if self._modules and project.module not in self._modules:
            return False
        if self._sdgs and self._sdgs.isdisjoint(project.sdgs):
            return False
        return True

    def by_district(self, stored: StoredProject) -> bool:
        """Shown only because it is district-wide: none of its own municipalities is chosen (mark it)."""
        municipalities = stored.project.municipalities
        return (
            bool(self._districts)
            and self._municipalities.isdisjoint(municipalities)
            and not self._districts.isdisjoint(municipalities)
        )

    def select(self, projects: Iterable[StoredProject]) -> list[StoredProject]:
        """The projects that pass, in the order given."""
        passing = [stored for stored in projects if self._passes_choices(stored)]
        if not self._words:
            return passing
        found = self._index.found(passing, self._words)  # only these folded, as matches() would
        return [stored for index, stored in enumerate(passing) if index in found]
