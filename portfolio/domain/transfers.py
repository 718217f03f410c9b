"""Transfers between municipalities: a project that adopted what another municipality proved first.

A transfer is read from ``adopted_from``: the adopting project names the project it took over. It is
a transfer between municipalities when the two share no municipality (Greven taking over Rheine's
project); a project adopted inside the same municipality is a follow-up and is listed too, but
``between_municipalities`` tells the two apart, since the region view and the report count only
the first kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portfolio.domain.records import StoredProject


@dataclass(frozen=True)
class Transfer:
    """``target`` adopted ``source``; each side with its municipalities' slugs."""

    source_id: str
    source_title: str
    source_municipalities: tuple[str, ...]
    target_id: str
    target_title: str
    target_municipalities: tuple[str, ...]

    @property
    def between_municipalities(self) -> bool:
        return not set(self.source_municipalities) & set(self.target_municipalities)


def transfers(adopters: Iterable[StoredProject], projects: Mapping[str, StoredProject]) -> list[Transfer]:
    """The transfers of ``adopters`` whose source is one of ``projects`` (by id), by source then target.

    ``adopters`` may be a filtered selection while ``projects`` is the whole portfolio, so that a
    filtered report still names where its projects came from."""
    found = []
    for target in adopters:
        source = projects.get(target.project.adopted_from or "")
        if source is None:
            continue
        found.append(
            Transfer(
                source.id,
                source.project.title,
                tuple(source.project.municipalities),
                target.id,
                target.project.title,
                tuple(target.project.municipalities),
            )
        )
    return sorted(found, key=lambda transfer: (transfer.source_id, transfer.target_id))


def transfer_counts(found: Iterable[Transfer]) -> dict[tuple[str, str], int]:
    """How many projects went from one municipality to another: (from, to) -> count, for transfers
    between municipalities only (every pair of the two sides' municipalities counts)."""
    counts: Counter[tuple[str, str]] = Counter()
    for transfer in found:
        if not transfer.between_municipalities:
            continue
        for source in transfer.source_municipalities:
            for target in transfer.target_municipalities:
                counts[source, target] += 1
    return dict(sorted(counts.items()))
