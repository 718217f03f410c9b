"""The region at a glance: how many projects each municipality has in each field of action."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary


@dataclass(frozen=True)
class RegionCounts:
    """Counts of projects: per (municipality, field of action) cell and per status.

    A project counts in every cell of its own municipalities x its fields of action, the same rule
    by which ``ProjectFilter(municipalities={m}, fields={f}, district_wide=False)`` selects it; so a
    cell's number is exactly the number of rows the table shows when the cell is chosen (a
    district-wide project counts in the district's row).
    """

    cells: dict[tuple[str, str], int]
    by_status: dict[str, int]
    total: int

    def cell(self, municipality: str, field: str) -> int:
        return self.cells.get((municipality, field), 0)

    @property
    def largest_cell(self) -> int:
        return max(self.cells.values(), default=0)


def region_counts(projects: Iterable[StoredProject], vocabulary: Vocabulary) -> RegionCounts:
    cells: Counter[tuple[str, str]] = Counter()
    statuses: Counter[str] = Counter()
    total = 0
    for stored in projects:
        project = stored.project
        total += 1
        statuses[project.status] += 1
        for municipality in project.municipalities:
            for field in project.fields_of_action:
                cells[(municipality, field)] += 1
    by_status = {slug: statuses.get(slug, 0) for slug in vocabulary.status_slugs}
    return RegionCounts(dict(cells), by_status, total)


def shade_level(count: int, largest: int, levels: int = 5) -> int:
    """0 for an empty cell, else 1..levels by the share of the largest cell (for shading)."""
    if count <= 0 or largest <= 0:
        return 0
    return max(1, min(levels, -(-count * levels // largest)))
