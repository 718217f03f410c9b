"""Search: which projects a text finds, shared by the table's search box, ``list --search`` and the palette.

A project is found when every word of the search text is somewhere in its texts: id, title,
summary, description, municipalities (slug and name), fields of action (slug and every label),
lead, partners and topics. Case does not count, and German spellings are alike: ``ä``, ``ae``
and ``a`` (so ``buerger``, ``burger`` and ``Bürger`` all find "Bürgerbus" and "buergerportal"),
``ß`` and ``ss``.

Each project's texts are folded once per loaded portfolio (``SearchIndex``); a keystroke then
costs a substring test per word and project (``SearchIndex.found``: all of them at once).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only types here: the search is usable before the model (pydantic) is imported
    from portfolio.domain.records import Portfolio, StoredProject
    from portfolio.domain.vocabulary import Vocabulary

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_SPELLED_OUT = re.compile("ae|oe|ue")  # an umlaut spelled out, contracted to its vowel

_MAKING = threading.Lock()  # the UI's loading worker and its screen may ask for a new index at once

Words = tuple[tuple[str, ...], ...]  # per word of a search text, the forms any of which must be found


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _contracted(folded: str) -> str:
    return _SPELLED_OUT.sub(lambda found: found.group()[0], folded)


@lru_cache(maxsize=1 << 16)  # sorting 5,000 titles must fit
def fold(text: str) -> str:
    """Lower case without accents, ``ß`` as ``ss``: "Mobilität" -> "mobilitat" (also for sorting)."""
    return _strip_accents(text.casefold())


def text_forms(text: str) -> tuple[str, ...]:
    """The forms of a text a word is looked for in: folded, with umlauts spelled out, contracted.

    "Bürger" -> ("burger", "buerger"); "Buerger" -> ("buerger", "burger").
    """
    lowered = text.casefold()
    folded = _strip_accents(lowered)
    forms = [folded]
    spelled = _strip_accents(lowered.translate(_UMLAUTS))
    if spelled != folded:
        forms.append(spelled)
    contracted = _contracted(folded)
    if contracted != folded:
        forms.append(contracted)
    return tuple(forms)


def search_words(text: str) -> Words:
    """Each word of ``text`` in its folded and its contracted form (either found is enough)."""
    words = []
    for word in text.split():
        folded = fold(word)
        contracted = _contracted(folded)
        words.append((folded, contracted) if contracted != folded else (folded,))
    return tuple(words)


def words_in(words: Words, haystack: str) -> bool:
    """Every word found in ``haystack`` (a ``SearchIndex`` text, or ``"\\n".join(text_forms(...))``)."""
    return all(any(form in haystack for form in forms) for forms in words)


class SearchIndex:
    """Each project's searchable text, folded once; a project changed on disk is folded again."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._texts: dict[str, tuple[StoredProject, str]] = {}
        self._municipalities = {m.slug: (m.slug, m.name) for m in vocabulary.municipalities}
        self._fields = {f.slug: (f.slug, *f.label.values()) for f in vocabulary.fields_of_action}

    @classmethod
    def of(cls, portfolio: Portfolio) -> SearchIndex:
        """The index of a loaded portfolio (made on first use, then kept with it)."""
        with _MAKING:
            index = portfolio.search_index
            if not isinstance(index, SearchIndex) or index.vocabulary is not portfolio.vocabulary:
                index = portfolio.search_index = cls(portfolio.vocabulary)
            return index

    def build(self, projects: Iterable[StoredProject]) -> SearchIndex:
        for stored in projects:
            self.text(stored)
        return self

    def adopt(self, texts: Mapping[str, str], projects: Mapping[str, StoredProject]) -> None:
        """Take ``texts`` (project id -> ``text``), folded elsewhere from these ``projects`` (the UI's
        loading child), instead of folding them again."""
        for project_id, text in texts.items():
            stored = projects.get(project_id)
            if stored is not None:
                self._texts[project_id] = (stored, text)

    def texts_of(self, stored: StoredProject) -> list[str]:
        """What the search looks at, one text a line (a field of several values: one line each)."""
        project = stored.project
        texts = [stored.id, project.title, project.summary or "", project.description or "", project.lead or ""]
        texts += project.partners
        texts += project.topics
        for slug in project.municipalities:
            texts += self._municipalities.get(slug, (slug,))
        for slug in project.fields_of_action:
            texts += self._fields.get(slug, (slug,))
        return [text for text in texts if text]

    def text(self, stored: StoredProject) -> str:
        cached = self._texts.get(stored.id)
        if cached is not None and cached[0] is stored:
            return cached[1]
        joined = "\n".join(self.texts_of(stored))
        text = "\n".join(text_forms(joined))
        self._texts[stored.id] = (stored, text)
        return text

    def finds(self, stored: StoredProject, words: Words) -> bool:
        return words_in(words, self.text(stored))

    def found(self, projects: Sequence[StoredProject], words: Words) -> set[int]:
        """The positions in ``projects`` of those ``words`` finds (``finds`` for each, at once).

        A keystroke in the table's search box tested each of 5,000 projects with ``words_in`` (a
        generator per word and project: 22-31 ms of the event loop on a busy machine). Here each
        form of a word is one set comprehension over the projects the words before it left.
        """
        texts = [self.text(stored) for stored in projects]
        found = set(range(len(texts)))
        for forms in words:
            having: set[int] = set()
            for form in forms:
                having |= {index for index in found if form in texts[index]}
            found = having
        return found


def matched_spans(text: str, words: Words) -> list[tuple[int, int]]:
    """Where in ``text`` (as written) its words are found, as (start, end) offsets, for highlighting."""
    spans: list[tuple[int, int]] = []
    for spelled, contract in ((False, False), (True, False), (False, True)):
        folded, starts, ends = _folded_with_offsets(text, spelled, contract)
        for forms in words:
            for form in forms:
                at = folded.find(form) if form else -1
                while at >= 0:
                    spans.append((starts[at], ends[at + len(form) - 1]))
                    at = folded.find(form, at + len(form))
    return sorted(set(spans))


def _folded_with_offsets(text: str, spelled: bool, contract: bool) -> tuple[str, list[int], list[int]]:
    """``text`` folded like ``text_forms`` does, with each folded character's span in ``text``."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for offset, char in enumerate(text):
        lowered = char.casefold()
        piece = _strip_accents(lowered.translate(_UMLAUTS) if spelled else lowered)
        for folded_char in piece:
            chars.append(folded_char)
            starts.append(offset)
            ends.append(offset + 1)
    if contract:
        joined = "".join(chars)
        kept = [found.start() for found in re.finditer("ae|oe|ue|.", joined, flags=re.S)]
        contracted_ends = [ends[at + 1] if joined[at : at + 2] in ("ae", "oe", "ue") else ends[at] for at in kept]
        return "".join(joined[at] for at in kept), [starts[at] for at in kept], contracted_ends
    return "".join(chars), starts, ends
