"""Proposing a project id from its title: a readable ASCII slug that no other project has."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from portfolio.domain.ids import is_valid_id

MAX_ID_LENGTH = 64
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug_from_title(title: str, max_length: int = MAX_ID_LENGTH) -> str:
    """``"Mobilität für alle!"`` -> ``"mobilitaet-fuer-alle"``; cut at a word boundary to ``max_length``."""
    ascii_text = unicodedata.normalize("NFKD", title.translate(_GERMAN).casefold())
    ascii_text = "".join(char for char in ascii_text if not unicodedata.combining(char))
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug.strip("-")


def propose_id(title: str, taken: Iterable[str]) -> str:
    """A valid id for ``title`` that differs (also in case) from every id in ``taken``; "" if none fits.

    Collisions get a number: ``radweg``, ``radweg-2``, ``radweg-3``, ...
    """
    base = slug_from_title(title)
    if not is_valid_id(base):
        return ""
    used = {project_id.casefold() for project_id in taken}
    if base not in used:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{slug_from_title(title, MAX_ID_LENGTH - len(suffix))}{suffix}"
        if candidate not in used and is_valid_id(candidate):
            return candidate
        number += 1
