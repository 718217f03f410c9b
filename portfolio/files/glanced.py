"""What a first look at the files finds (``portfolio.files.first_look``): the listed fields of each
project file and the labels to show them with, as read, nothing validated.

Records only, apart from the reading: the UI receives them from its loading child (pickled) and
shows them, and needs neither the readers nor tomllib for that (6 ms of its start-up).
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.i18n import chosen_language, pick_language


@dataclass(frozen=True)
class GlancedProject:
    """The listed fields of one project file, as read (not validated)."""

    id: str
    path: str
    title: str
    status: str
    module: int
    municipalities: tuple[str, ...]
    fields_of_action: tuple[str, ...]

    @property
    def primary_field(self) -> str:
        return self.fields_of_action[0]


@dataclass(frozen=True)
class GlancedLabels:
    """The labels a list shows, from ``schema/`` read as plain TOML (the Vocabulary's ``label``, unvalidated)."""

    region: str
    default_language: str
    labels: dict[str, dict[str, dict[str, str]]]  # kind -> slug -> language -> label
    municipality_names: dict[str, str]
    priority_fields: frozenset[str]

    def label(self, kind: str, slug: object) -> str:
        if kind == "municipality":
            return self.municipality_names.get(str(slug), str(slug))
        texts = self.labels.get(kind, {}).get(str(slug))
        if not texts:
            return str(slug)
        return pick_language(texts, chosen_language() or self.default_language) or str(slug)

    def is_priority(self, field: str) -> bool:
        return field in self.priority_fields

    def slugs(self, kind: str) -> list[str]:
        """The slugs of ``kind`` in file order (modules: their numbers, as text)."""
        if kind == "municipality":
            return list(self.municipality_names)
        return list(self.labels.get(kind, {}))

    def status_order(self, slug: str) -> int:
        """1-based position of a status in the vocabulary (0 when unknown)."""
        order = self.slugs("status")
        return order.index(slug) + 1 if slug in order else 0


@dataclass(frozen=True)
class FirstLook:
    labels: GlancedLabels
    projects: tuple[GlancedProject, ...]  # sorted by id
    files: int  # project files found, listed or not
