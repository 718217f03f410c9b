"""The vocabulary files' rules, as pydantic models: what ``load_vocabulary`` checks a file's text against.

Imported only when a vocabulary is read whose exact bytes have not passed these rules before
(``vocabulary_verdicts``): pydantic and these models cost more to load than the rest of a short
command.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from portfolio.domain.publication import base_url_problem, contact_problem
from portfolio.errors import VocabularyError
from portfolio.i18n import _
from portfolio.positions import scan

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


def _checked_contact(text: str) -> str:
    problem = contact_problem(text)
    if problem:
        raise ValueError(problem)
    return text


PublishedOutput = Literal["report", "csv", "xlsx", "json", "dcat"]


class Publication(_Entry):
    """``[publication]``: what a published output may hold (``domain.publication.Publication``)."""

    contacts: Annotated[tuple[PublishedOutput, ...], Field(strict=False)] = ()
    accessibility_contact: Annotated[str, AfterValidator(_checked_contact)] | None = None


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


def read_toml(path: Path) -> tuple[dict, str]:
    """A vocabulary file's data and text; a file that cannot be read or is no TOML is refused."""
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
    data, text = read_toml(path)
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


def check_vocabulary_files(paths: list[Path], sdgs_path: Path, results_path: Path) -> None:
    """Refuse the first breach of the files' rules (``VocabularyError`` at its line and column), in
    file order: each file read, then its entries, then what must be unique."""
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
    sdgs = _parse(_SdgsFile, sdgs_path).sdg
    results = _parse(_DecisionResultsFile, results_path).result
    _unique([goal.number for goal in sdgs], _("SDG"), sdgs_path)
    _unique([result.slug for result in results], _("decision result"), results_path)
