"""What a row of the project table says of a project: pure functions of the project and the
vocabulary (no widget), so that a worker thread can measure a long list before the table shows it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len

from portfolio.domain.search import fold
from portfolio.files.glanced import GlancedLabels, GlancedProject
from portfolio.i18n import _

if TYPE_CHECKING:
    from portfolio.domain.project_record import ProjectRecord
    from portfolio.domain.records import StoredProject
    from portfolio.domain.vocabulary import Vocabulary

    Shown = StoredProject | GlancedProject  # a validated project, or a first look at its file


def field_label(vocabulary: Vocabulary | GlancedLabels, slug: str) -> str:
    """The label of a field of action, with a star when the region flagged it as a priority."""
    label = vocabulary.label("field", slug)
    return f"{label} ★" if _is_priority(vocabulary, slug) else label


def _is_priority(vocabulary: Vocabulary | GlancedLabels, slug: str) -> bool:
    if isinstance(vocabulary, GlancedLabels):
        return vocabulary.is_priority(slug)
    entry = vocabulary.field_of_action(slug)
    return entry is not None and entry.priority


def slugs_of(vocabulary: Vocabulary | GlancedLabels, kind: str) -> list:
    """Every slug of ``kind`` in vocabulary order (module: numbers)."""
    if isinstance(vocabulary, GlancedLabels):
        return vocabulary.slugs(kind)
    return list(
        {"status": vocabulary.status_slugs, "module": vocabulary.module_numbers, "field": vocabulary.field_slugs}[kind]
    )


def listed(item: Shown) -> ProjectRecord | GlancedProject:
    """What a row shows of a project: the validated project, or the first look at its file."""
    return item if isinstance(item, GlancedProject) else item.project


def title_text(project: ProjectRecord | GlancedProject) -> str:
    """The title; an internal project's marked at the start, where it is never cut (a first look at a
    file does not read ``public``: the validated project, shown next, has the mark)."""
    if getattr(project, "public", True):
        return project.title
    return _("[internal]") + " " + project.title


DISTRICT_MARK = "⊕"  # before the municipalities of a row shown for being district-wide (at the start: never cut)


def municipalities_text(vocabulary: Vocabulary | GlancedLabels, item: Shown, by_district: bool = False) -> str:
    """The municipalities' names; ``by_district``: the row is shown for being district-wide (marked)."""
    names = ", ".join(vocabulary.label("municipality", m) for m in listed(item).municipalities)
    return f"{DISTRICT_MARK} {names}" if by_district else names


class TextWidths(NamedTuple):
    """The widest id, title and municipalities of some rows, in terminal cells."""

    id: int
    title: int
    municipalities: int


def text_widths(
    items: Iterable[Shown], vocabulary: Vocabulary | GlancedLabels, marked: frozenset[str] = frozenset()
) -> TextWidths:
    """How wide the id, title and municipalities columns' texts of ``items`` are (``marked``: as in the table)."""
    return _widest(row_widths(item, vocabulary, item.id in marked) for item in items)


def row_widths(item: Shown, vocabulary: Vocabulary | GlancedLabels, by_district: bool = False) -> tuple[int, int, int]:
    """How wide ``item``'s id, title and municipalities are (a plain tuple, made for every project;
    only the widest are a TextWidths)."""
    return (
        cell_len(item.id),
        cell_len(title_text(listed(item))),
        cell_len(municipalities_text(vocabulary, item, by_district)),
    )


def _widest(rows: Iterable[tuple[int, int, int]]) -> TextWidths:
    ids = titles = places = 0
    for row_id, title, municipalities in rows:
        ids, titles, places = max(ids, row_id), max(titles, title), max(places, municipalities)
    return TextWidths(ids, titles, places)


class TextWidthsMemo:
    """``text_widths`` of any of the projects, each project measured once (per record, mark and
    vocabulary): a search refills the table at every key, and measuring 3,000 rows anew took 30 ms
    of the event loop on a busy machine. After a load the memo is filled beforehand, so that the
    first search does not measure 3,086 rows on the event loop (30 ms of a key's 78 ms at 5,000
    projects): ``adopt`` takes the widths the loading child measured, ``prime`` measures them in a
    worker thread when there is no child (a reload, a small portfolio)."""

    def __init__(self) -> None:
        self._vocabulary: Vocabulary | GlancedLabels | None = None
        self._known: dict[tuple[str, bool], tuple[Shown, tuple[int, int, int]]] = {}
        self._lock = threading.Lock()  # the event loop asks, a worker thread primes

    def __call__(
        self, items: Iterable[Shown], vocabulary: Vocabulary | GlancedLabels, marked: frozenset[str] = frozenset()
    ) -> TextWidths:
        with self._lock:
            if vocabulary is not self._vocabulary:
                self._vocabulary, self._known = vocabulary, {}
            return _widest(self._of(item, vocabulary, item.id in marked) for item in items)

    def prime(self, items: Iterable[Shown], vocabulary: Vocabulary | GlancedLabels) -> None:
        """Measures ``items`` unmarked (as most rows are shown) with ``vocabulary``, the one the table
        shows them with from now on. The measuring holds no lock: the event loop asks meanwhile."""
        measured = {(item.id, False): (item, row_widths(item, vocabulary, False)) for item in items}
        with self._lock:
            if vocabulary is not self._vocabulary:
                self._vocabulary, self._known = vocabulary, {}
            self._known.update(measured)

    def adopt(
        self, widths: Mapping[str, tuple[int, int, int]], projects: Mapping[str, Shown], vocabulary: Vocabulary
    ) -> None:
        """Takes ``widths`` (project id -> ``row_widths``, unmarked), measured elsewhere from these
        ``projects`` with ``vocabulary`` (the UI's loading child), instead of measuring them here."""
        with self._lock:
            if vocabulary is not self._vocabulary:
                self._vocabulary, self._known = vocabulary, {}
            for project_id, measured in widths.items():
                item = projects.get(project_id)
                if item is not None:
                    self._known[(project_id, False)] = (item, measured)

    def _of(self, item: Shown, vocabulary: Vocabulary | GlancedLabels, by_district: bool) -> tuple[int, int, int]:
        key = (item.id, by_district)
        known = self._known.get(key)
        if known is None or known[0] is not item:  # a project changed by a save or reload is another record
            known = self._known[key] = (item, row_widths(item, vocabulary, by_district))
        return known[1]


def sort_key(column: str, vocabulary: Vocabulary | GlancedLabels) -> Callable[[Shown], object]:
    """What the table sorts its rows by, for each column."""
    keys: dict[str, Callable[[Shown], object]] = {
        "id": lambda item: item.id,
        "title": lambda item: fold(listed(item).title),
        "status": lambda item: vocabulary.status_order(listed(item).status),
        "module": lambda item: listed(item).module,
        "municipalities": lambda item: [fold(vocabulary.label("municipality", m)) for m in listed(item).municipalities],
        "field": lambda item: fold(vocabulary.label("field", listed(item).primary_field)),
    }
    return keys[column]
