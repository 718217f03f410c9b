"""The portfolio's vocabularies, read from its ``schema/`` folder (data, never constants in code).

A region adopts the tool by editing ``schema/*.toml``; a file missing there falls back to the
bundled Kreis Steinfurt default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from portfolio.domain.publication import Publication, base_url_problem
from portfolio.errors import VocabularyError
from portfolio.i18n import _, chosen_language, pick_language
from portfolio.positions import scan
from portfolio.resources import SCHEMA_FILES, missing_schema_files, schema_file

SLUG_PATTERN = r"^[a-z0-9]+([_-][a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Labels = dict[str, Annotated[str, StringConstraints(min_length=1)]]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Municipality(_Entry):
    slug: Slug
    name: str
    kind: str
    ags: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,12}$")]
    # The entry for projects of the whole district: a filter on a municipality shows them too.
    district: bool = False


EuTheme = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z_]{1,15}$")]


class FieldOfAction(_Entry):
    slug: Slug
    label: Labels
    short: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=8)]] = {}  # for narrow columns
    description: Labels = {}
    priority: bool = False
    # Codes of the EU data themes (publications.europa.eu/resource/authority/data-theme), for open data.
    eu_themes: list[EuTheme] = []


class Status(_Entry):
    slug: Slug
    label: Labels
    terminal: bool = False


class Module(_Entry):
    number: int
    label: Labels
    description: Labels = {}


class Term(_Entry):
    slug: Slug
    label: Labels


class Goal(_Entry):
    """A Sustainable Development Goal of the United Nations, known by its number."""

    number: Annotated[int, Field(ge=1)]
    label: Labels


def _checked_base_url(text: str) -> str:
    problem = base_url_problem(text)
    if problem:
        raise ValueError(problem)
    return text


class OpenData(_Entry):
    """How the portfolio is published as open data (``portfolio export --format dcat``)."""

    publisher: str
    license: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    # dcatde:contributorID: who harvests the data into GovData (http://dcat-ap.de/def/contributors/...)
    contributor_id: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    base_url: Annotated[str, AfterValidator(_checked_base_url)] | None = None


class _PortfolioFile(_Entry):
    region: str
    default_language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "de"
    module: list[Module]
    priority: list[Term]
    funding_status: list[Term]
    open_data: OpenData | None = None
    publication: Publication = Publication()


class _MunicipalitiesFile(_Entry):
    municipality: list[Municipality]


class _FieldsFile(_Entry):
    field: list[FieldOfAction]


class _StatusesFile(_Entry):
    status: list[Status]

    @model_validator(mode="after")
    def _at_least_one(self) -> _StatusesFile:
        if not self.status:
            raise ValueError("at least one [[status]] is needed")
        return self


class _SdgsFile(_Entry):
    sdg: list[Goal]


class _DecisionResultsFile(_Entry):
    result: list[Term]


# Vocabularies a portfolio may leave out without a warning: the bundled ones serve every region
# (the UN's goals; the results a council's decision can have), read from there when it has none.
SHARED_SCHEMA_FILES = ("sdgs.toml", "decision_results.toml")


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


def _read_toml(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_bytes().decode("utf-8")
        return tomllib.loads(text), text
    except OSError as error:
        raise VocabularyError(
            _("{path}: cannot read vocabulary: {reason}").format(path=path, reason=error.strerror)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError, ValueError) as error:
        raise VocabularyError(_("{path}: invalid TOML: {reason}").format(path=path, reason=error)) from None


def _parse(model: type[_Entry], path: Path) -> _Entry:
    data, text = _read_toml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        position = scan(text).find(tuple(first["loc"]))
        where = f"{path}:{position.line}:{position.column}" if position else str(path)
        key = ".".join(str(part) for part in first["loc"])
        raise VocabularyError(
            _("{where}: {key}: {message}").format(where=where, key=key or "-", message=first["msg"])
        ) from None


def _unique(values: list, what: str, path: Path) -> None:
    seen: set = set()
    for value in values:
        if value in seen:
            raise VocabularyError(_("{path}: {what} {value!r} appears twice").format(path=path, what=what, value=value))
        seen.add(value)


def load_vocabulary(root: Path | None = None) -> Vocabulary:
    """The vocabulary of the portfolio at ``root`` (``None``: the bundled default)."""
    paths = [schema_file(root, name) for name in SCHEMA_FILES]
    settings = _parse(_PortfolioFile, paths[0])
    municipalities = _parse(_MunicipalitiesFile, paths[1]).municipality
    fields = _parse(_FieldsFile, paths[2]).field
    statuses = _parse(_StatusesFile, paths[3]).status
    _unique([m.slug for m in municipalities], _("municipality"), paths[1])
    _unique([m.ags for m in municipalities], _("AGS"), paths[1])
    _unique([f.slug for f in fields], _("field of action"), paths[2])
    _unique([s.slug for s in statuses], _("status"), paths[3])
    _unique([m.number for m in settings.module], _("module"), paths[0])
    _unique([p.slug for p in settings.priority], _("priority"), paths[0])
    _unique([f.slug for f in settings.funding_status], _("funding status"), paths[0])
    sdgs_path, results_path = (schema_file(root, name) for name in SHARED_SCHEMA_FILES)
    sdgs = _parse(_SdgsFile, sdgs_path).sdg
    results = _parse(_DecisionResultsFile, results_path).result
    _unique([goal.number for goal in sdgs], _("SDG"), sdgs_path)
    _unique([result.slug for result in results], _("decision result"), results_path)
    return Vocabulary(
        region=settings.region,
        default_language=settings.default_language,
        municipalities=tuple(municipalities),
        fields_of_action=tuple(fields),
        statuses=tuple(statuses),
        modules=tuple(settings.module),
        priorities=tuple(settings.priority),
        funding_statuses=tuple(settings.funding_status),
        sdgs=tuple(sdgs),
        decision_results=tuple(results),
        sources=(*paths, sdgs_path, results_path),
        open_data=settings.open_data,
        publication=settings.publication,
        bundled_defaults=missing_schema_files(root),
    )
