"""Which projects to show: an immutable filter, shared by the CLI and the terminal UI."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type here: the filter is usable before the model (pydantic) is imported
    from portfolio.domain.records import StoredProject

_FOLD = str.maketrans({"ß": "ss"})


@lru_cache(maxsize=1 << 16)  # two entries per project for search: 5,000 projects must fit
def fold(text: str) -> str:
    """Lower case without accents, so that "mobilitat" and "Mobilitaet" both find "Mobilität"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _search_forms(text: str) -> tuple[str, ...]:
    folded = fold(text)
    # German transliteration: ä -> ae, ö -> oe, ü -> ue.
    transliterated = fold(text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    return (folded, transliterated) if transliterated != folded else (folded,)


@dataclass(frozen=True)
class ProjectFilter:
    status: str | None = None
    municipality: str | None = None
    field: str | None = None
    module: int | None = None
    text: str = ""

    def with_status(self, status: str | None) -> ProjectFilter:
        return replace(self, status=status)

    def with_municipality(self, municipality: str | None) -> ProjectFilter:
        return replace(self, municipality=municipality)

    def with_field(self, field: str | None) -> ProjectFilter:
        return replace(self, field=field)

    def with_module(self, module: int | None) -> ProjectFilter:
        return replace(self, module=module)

    def with_text(self, text: str) -> ProjectFilter:
        return replace(self, text=text)

    @property
    def is_empty(self) -> bool:
        return self == ProjectFilter()

    def matches(self, stored: StoredProject) -> bool:
        project = stored.project
        if self.status is not None and project.status != self.status:
            return False
        if self.municipality is not None and self.municipality not in project.municipalities:
            return False
        if self.field is not None and self.field not in project.fields_of_action:
            return False
        if self.module is not None and project.module != self.module:
            return False
        if self.text.strip():
            needle = fold(self.text.strip())
            haystack = " ".join(_search_forms(f"{stored.id} {project.title} {project.summary or ''}"))
            return needle in haystack
        return True
