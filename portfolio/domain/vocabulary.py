"""The portfolio's vocabularies, read from its ``schema/`` folder (data, never constants in code).

A region adopts the tool by editing ``schema/*.toml``; a file missing there falls back to the
bundled Kreis Steinfurt default.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from portfolio.domain.publication import Publication
from portfolio.domain.vocabulary_verdicts import remember_verdict, remembered_verdict, verdict_key
from portfolio.errors import VocabularyError
from portfolio.i18n import _, chosen_language, pick_language
from portfolio.resources import SCHEMA_FILES, SHARED_SCHEMA_FILES, missing_schema_files, vocabulary_sources

# The entries as the rest of the tool reads them. What a file may hold is checked by the models of
# ``vocabulary_files`` (the same names, with their rules), and only for bytes not checked before.


@dataclass(frozen=True)
class Municipality:
    slug: str
    name: str
    kind: str
    ags: str
    # The entry for projects of the whole district: a filter on a municipality shows them too.
    district: bool = False


@dataclass(frozen=True)
class FieldOfAction:
    slug: str
    label: dict[str, str]
    short: dict[str, str] = field(default_factory=dict)  # for narrow columns
    description: dict[str, str] = field(default_factory=dict)
    priority: bool = False
    # Codes of the EU data themes (publications.europa.eu/resource/authority/data-theme), for open data.
    eu_themes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Status:
    slug: str
    label: dict[str, str]
    terminal: bool = False


@dataclass(frozen=True)
class Module:
    number: int
    label: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Term:
    slug: str
    label: dict[str, str]


@dataclass(frozen=True)
class Goal:
    """A Sustainable Development Goal of the United Nations, known by its number."""

    number: int
    label: dict[str, str]


@dataclass(frozen=True)
class OpenData:
    """How the portfolio is published as open data (``portfolio export --format dcat``)."""

    publisher: str
    license: str
    # dcatde:contributorID: who harvests the data into GovData (http://dcat-ap.de/def/contributors/...)
    contributor_id: str | None = None
    base_url: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Every vocabulary of one portfolio, in file order."""

    region: str
    default_language: str
    municipalities: tuple[Municipality, ...]
    fields_of_action: tuple[FieldOfAction, ...]
    statuses: tuple[Status, ...]
    modules: tuple[Module, ...]
    priorities: tuple[Term, ...]
    funding_statuses: tuple[Term, ...]
    sdgs: tuple[Goal, ...] = ()
    decision_results: tuple[Term, ...] = ()
    sources: tuple[Path, ...] = field(default=(), compare=False)
    open_data: OpenData | None = None
    publication: Publication = Publication()
    # schema files the portfolio lacks, read from the bundled default (Kreis Steinfurt's) instead
    bundled_defaults: tuple[str, ...] = field(default=(), compare=False)

    def bundled_default_warning(self) -> str | None:
        """What to tell on every command when the portfolio's own schema files are missing."""
        if not self.bundled_defaults:
            return None
        return _(
            "warning: the portfolio has no {files}; using the bundled default vocabulary of {region} instead "
            "(copy schema/ from 'portfolio init' and adapt it to your region)"
        ).format(files=", ".join(f"schema/{name}" for name in self.bundled_defaults), region=self.region)

    @cached_property
    def municipality_slugs(self) -> tuple[str, ...]:
        return tuple(m.slug for m in self.municipalities)

    @cached_property
    def district_slugs(self) -> frozenset[str]:
        """The municipalities marked ``district = true``: their projects concern every municipality."""
        return frozenset(m.slug for m in self.municipalities if m.district)

    @cached_property
    def terminal_statuses(self) -> frozenset[str]:
        """The statuses marked ``terminal = true``: work on the project has ended."""
        return frozenset(s.slug for s in self.statuses if s.terminal)

    @cached_property
    def field_slugs(self) -> tuple[str, ...]:
        return tuple(f.slug for f in self.fields_of_action)

    @cached_property
    def status_slugs(self) -> tuple[str, ...]:
        return tuple(s.slug for s in self.statuses)

    @cached_property
    def module_numbers(self) -> tuple[int, ...]:
        return tuple(m.number for m in self.modules)

    @cached_property
    def priority_slugs(self) -> tuple[str, ...]:
        return tuple(p.slug for p in self.priorities)

    @cached_property
    def funding_status_slugs(self) -> tuple[str, ...]:
        return tuple(f.slug for f in self.funding_statuses)

    @cached_property
    def sdg_numbers(self) -> tuple[int, ...]:
        return tuple(goal.number for goal in self.sdgs)

    @cached_property
    def decision_result_slugs(self) -> tuple[str, ...]:
        return tuple(result.slug for result in self.decision_results)

    @cached_property
    def _by_slug(self) -> dict[str, dict]:
        return {
            "municipality": {m.slug: m for m in self.municipalities},
            "field": {f.slug: f for f in self.fields_of_action},
            "status": {s.slug: s for s in self.statuses},
            "priority": {p.slug: p for p in self.priorities},
            "funding_status": {f.slug: f for f in self.funding_statuses},
            "decision_result": {r.slug: r for r in self.decision_results},
        }

    def slugs(self, kind: str) -> tuple[str, ...]:
        """The slugs of one vocabulary (a kind of ``label`` other than module), in file order."""
        return tuple(self._by_slug[kind])

    def municipality(self, slug: str) -> Municipality | None:
        return self._by_slug["municipality"].get(slug)

    def field_of_action(self, slug: str) -> FieldOfAction | None:
        return self._by_slug["field"].get(slug)

    def status(self, slug: str) -> Status | None:
        return self._by_slug["status"].get(slug)

    def status_order(self, slug: str) -> int:
        """1-based position of a status in the vocabulary (0 when unknown)."""
        try:
            return self.status_slugs.index(slug) + 1
        except ValueError:
            return 0

    def label(self, kind: str, slug: str, language: str | None = None) -> str:
        """The label of ``slug`` in ``language`` (default: the chosen language, else the portfolio's),
        else the slug itself."""
        if kind == "module":
            entry = next((m for m in self.modules if str(m.number) == str(slug)), None)
        elif kind == "sdg":
            entry = next((goal for goal in self.sdgs if str(goal.number) == str(slug)), None)
        elif kind == "municipality":
            entry = self.municipality(slug)
            return entry.name if entry else slug
        else:
            entry = self._by_slug[kind].get(slug)
        if entry is None:
            return str(slug)
        return pick_language(entry.label, language or chosen_language() or self.default_language) or str(slug)

    def short_label(self, slug: str, language: str | None = None) -> str:
        """A field of action's short label (``short`` in the vocabulary), else its label."""
        entry = self._by_slug["field"].get(slug)
        short = pick_language(entry.short, language or chosen_language() or self.default_language) if entry else None
        return short or self.label("field", slug, language)


def _entries(kind: type, items: list[dict[str, Any]]) -> tuple:
    return tuple(kind(**item) for item in items)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # the check that follows tells why, in its words


def _parsed(contents: list[bytes], folder: Path) -> list[dict[str, Any]]:
    import tomllib  # not for a remembered vocabulary

    try:
        return [tomllib.loads(content.decode("utf-8")) for content in contents]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:  # changed since it was read just now
        raise VocabularyError(_("{path}: invalid TOML: {reason}").format(path=folder, reason=error)) from None


def _keepable(read: list[dict[str, Any]]) -> bytes:
    try:
        return marshal.dumps(read)
    except ValueError:  # a value marshal cannot keep (a date): the verdict alone
        return b""


def _kept_data(kept: bytes) -> list[dict[str, Any]] | None:
    try:
        read = marshal.loads(kept)
    except (EOFError, ValueError, TypeError, MemoryError):  # damaged: read from the files again
        return None
    return read if type(read) is list and len(read) == len(SCHEMA_FILES) + len(SHARED_SCHEMA_FILES) else None


def load_vocabulary(root: Path | None = None) -> Vocabulary:
    """The vocabulary of the portfolio at ``root`` (``None``: the bundled default).

    Bytes that passed the files' rules before (``vocabulary_verdicts``) are read without them."""
    *paths, sdgs_path, results_path = vocabulary_sources(root)
    contents = [_read(path) for path in (*paths, sdgs_path, results_path)]
    key = None if None in contents else verdict_key(contents)
    kept = remembered_verdict(key) if key is not None else None
    if kept is None:
        from portfolio.domain.vocabulary_files import check_vocabulary_files

        check_vocabulary_files(paths, sdgs_path, results_path)
    read = _kept_data(kept) if kept else None
    if read is None:
        read = _parsed(contents, paths[0].parent)
        if key is not None:
            remember_verdict(key, kept=_keepable(read))
    settings, municipalities, fields, statuses, sdgs, results = read
    open_data = settings.get("open_data")
    publication = settings.get("publication", {})
    return Vocabulary(
        region=settings["region"],
        default_language=settings.get("default_language", "de"),
        municipalities=_entries(Municipality, municipalities["municipality"]),
        fields_of_action=_entries(FieldOfAction, fields["field"]),
        statuses=_entries(Status, statuses["status"]),
        modules=_entries(Module, settings["module"]),
        priorities=_entries(Term, settings["priority"]),
        funding_statuses=_entries(Term, settings["funding_status"]),
        sdgs=_entries(Goal, sdgs["sdg"]),
        decision_results=_entries(Term, results["result"]),
        sources=(*paths, sdgs_path, results_path),
        open_data=OpenData(**open_data) if open_data is not None else None,
        publication=Publication(
            contacts=tuple(publication.get("contacts", ())),
            accessibility_contact=publication.get("accessibility_contact"),
        ),
        bundled_defaults=missing_schema_files(root),
    )
