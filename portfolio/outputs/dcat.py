"""The portfolio as open data: a DCAT-AP.de catalogue (JSON-LD) with one dataset and its CSV and JSON files.

The municipalities of the projects are geocoded by their official keys (AGS) with
``dcatde:politicalGeocodingURI``, one URI per municipality; the fields of action carry their EU
data themes in ``schema/fields_of_action.toml`` (``eu_themes``); for DCAT-AP.de 3.0 the same URIs
are the dataset's ``dct:spatial``. The JSON-LD context is part of the document, so reading it needs no
network.

The catalogue is dated by the projects' history (:mod:`portfolio.git.project_dates`), not by the
day of the export: ``dct:issued`` is the day of the portfolio's first commit, ``dct:modified`` that
of the last commit touching ``projects/``, so the same commit always gives the same bytes and a
harvester sees a change only when the projects changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from portfolio.domain.publication import base_url_problem, published_base
from portfolio.domain.records import StoredProject
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import PortfolioError
from portfolio.git.project_dates import project_dates
from portfolio.i18n import _, current_language
from portfolio.textsafety import json_text
from portfolio.today import output_day

CSV_NAME = "portfolio.csv"
JSON_NAME = "portfolio.json"
CATALOGUE_NAME = "dcat.jsonld"
REPORT_NAME = "index.html"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/"
KEY_KINDS = {2: "stateKey", 5: "districtKey", 8: "municipalityKey", 12: "regionalKey"}
LEVELS = {2: "state", 5: "administrativeDistrict", 8: "municipality", 12: "municipality"}
DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
LANGUAGE_CODES = {"de": "DEU", "en": "ENG", "fr": "FRA", "nl": "NLD", "da": "DAN", "pl": "POL"}


class MissingBaseUrl(PortfolioError):
    exit_code = 2


@dataclass(frozen=True)
class CatalogueDates:
    issued: date  # dct:issued: when the portfolio began
    modified: date  # dct:modified: when they last changed


def catalogue_dates(root: Path) -> CatalogueDates:
    """The dates of the catalogue of the portfolio at ``root``, from its history.

    Uncommitted changes to the projects make the export's day (:func:`output_day`) the modified
    one: the exported data is then newer than any commit, and saying so is what a harvester needs.
    Outside a repository, or before the first commit touching a project, both are the export's day: there
    is no history to date the data by (``SOURCE_DATE_EPOCH`` makes even that reproducible). A
    shallow clone's first commit is the oldest it has: the CI templates fetch the whole history.
    """
    history = project_dates(root)
    if history is None:
        day = output_day()
        return CatalogueDates(issued=day, modified=day)
    modified = output_day() if history.uncommitted else history.last
    return CatalogueDates(issued=history.first, modified=max(modified, history.first))


def geocoding_uri(ags: str) -> str | None:
    """The DCAT-AP.de URI of an official key: municipalityKey for 8 digits, districtKey for 5, ..."""
    kind = KEY_KINDS.get(len(ags))
    return f"{GEOCODING}{kind}/{ags}" if kind else None


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def _text(value: str, language: str) -> dict[str, str]:
    return {"@value": value, "@language": language}


def _published_base(vocabulary: Vocabulary, base_url: str | None) -> str:
    """The address the files are published under, ending in ``/``; refuses a portfolio without one."""
    settings = vocabulary.open_data
    if base_url:
        problem = base_url_problem(base_url)
        if problem:
            raise MissingBaseUrl(_("--base-url: {problem}").format(problem=problem))
    base_url = base_url or (settings.base_url if settings else None)  # the settings' is checked on loading
    if not base_url:
        raise MissingBaseUrl(
            _(
                "where are the files published? Give --base-url URL (e.g. the Pages address), or set "
                "base_url in [open_data] of schema/portfolio.toml"
            )
        )
    if settings is None:
        raise MissingBaseUrl(_("schema/portfolio.toml has no [open_data] table (publisher, license); add it first"))
    return published_base(base_url)


def _geocoding(projects: list[StoredProject], vocabulary: Vocabulary) -> tuple[list[dict[str, str]], str | None]:
    """The political geocoding URIs of the municipalities the projects name, and the widest level among them."""
    used_municipalities = {slug for stored in projects for slug in stored.project.municipalities}
    municipalities = [m for m in vocabulary.municipalities if m.slug in used_municipalities]
    keys = [(m, geocoding_uri(m.ags)) for m in municipalities]
    geocoding = [_iri(uri) for _m, uri in keys if uri]
    levels = [LEVELS[len(m.ags)] for m, uri in keys if uri]
    level = min(levels, key=lambda name: list(LEVELS.values()).index(name)) if levels else None
    return geocoding, level


def _distribution(
    base: str, name: str, file_type: str, media_type: str, what: str, *, license_url: str, modified: str, language: str
) -> dict[str, Any]:
    return {
        "@id": base + CATALOGUE_NAME + "#" + name,
        "@type": "dcat:Distribution",
        "dct:title": _text(what, language),
        "dcat:accessURL": _iri(base + name),
        "dcat:downloadURL": _iri(base + name),
        "dct:format": _iri(FILE_TYPE + file_type),
        "dcat:mediaType": _iri(MEDIA_TYPE + media_type),
        "dct:license": _iri(license_url),
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
    }


def _dataset(
    projects: list[StoredProject], vocabulary: Vocabulary, base: str, described: dict[str, Any], language: str
) -> dict[str, Any]:
    """The one dataset: the portfolio's projects, with its keywords, themes and places."""
    used_fields = [
        f for f in vocabulary.fields_of_action if any(f.slug in stored.project.fields_of_action for stored in projects)
    ]
    themes = sorted({theme for f in used_fields for theme in f.eu_themes})
    geocoding, level = _geocoding(projects, vocabulary)
    dataset = {
        "@id": base + CATALOGUE_NAME + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": base + CATALOGUE_NAME + "#dataset",
        **described,
        "dcat:landingPage": _iri(base + REPORT_NAME),
        "dcat:keyword": [_text(vocabulary.label("field", f.slug), language) for f in used_fields],
        "dcat:theme": [_iri(DATA_THEME + theme) for theme in themes],
        # 2.0 names the places with politicalGeocodingURI, 3.0 with dct:spatial: both, for either harvester
        "dcatde:politicalGeocodingURI": geocoding,
        "dct:spatial": geocoding,
        "dcat:distribution": [
            _iri(base + CATALOGUE_NAME + "#" + CSV_NAME),
            _iri(base + CATALOGUE_NAME + "#" + JSON_NAME),
        ],
    }
    if level:
        dataset["dcatde:politicalGeocodingLevelURI"] = _iri(GEOCODING_LEVEL + level)
    if language in LANGUAGE_CODES:
        dataset["dct:language"] = _iri(LANGUAGE + LANGUAGE_CODES[language])
    contributor = vocabulary.open_data.contributor_id if vocabulary.open_data else None
    if contributor:
        dataset["dcatde:contributorID"] = _iri(contributor)
    return dataset


def _date(day: date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def catalogue(
    projects: Iterable[StoredProject],
    vocabulary: Vocabulary,
    base_url: str | None = None,
    *,
    dates: CatalogueDates | None = None,
) -> dict[str, Any]:
    """The catalogue as a JSON-LD document (a dict); ``dates`` default to the export's day."""
    base = _published_base(vocabulary, base_url)
    settings = vocabulary.open_data
    language = current_language()
    projects = list(projects)
    if dates is None:
        dates = CatalogueDates(issued=output_day(), modified=output_day())
    title = _("Project portfolio {region}").format(region=vocabulary.region)
    description = _(
        "The projects of the Smart Region {region}: status, municipalities, fields of action, "
        "budget and milestones, one row per project."
    ).format(region=vocabulary.region)
    publisher = {
        "@id": base + CATALOGUE_NAME + "#publisher",
        "@type": ["foaf:Organization", "foaf:Agent"],  # DCAT-AP asks for a foaf:Agent, of which this is one
        "foaf:name": settings.publisher,
    }
    # Catalogue and dataset are described alike: title, description, publisher, dates.
    described = {
        "dct:title": _text(title, language),
        "dct:description": _text(description, language),
        "dct:publisher": _iri(publisher["@id"]),
        "dct:issued": _date(dates.issued),
        "dct:modified": _date(dates.modified),
    }
    dataset = _dataset(projects, vocabulary, base, described, language)
    catalog = {
        "@id": base + CATALOGUE_NAME + "#catalog",
        "@type": "dcat:Catalog",
        **described,
        "dcat:dataset": _iri(dataset["@id"]),
    }
    distribution = partial(
        _distribution, base, license_url=settings.license, modified=dates.modified.isoformat(), language=language
    )
    # The places are dct:Location (the range of dct:spatial); said here so that the document is complete.
    places = [{"@id": place["@id"], "@type": "dct:Location"} for place in dataset["dct:spatial"]]
    return {
        "@context": CONTEXT,
        "@graph": [
            catalog,
            publisher,
            dataset,
            distribution(CSV_NAME, "CSV", "text/csv", _("The projects as CSV (UTF-8, comma-separated)")),
            distribution(JSON_NAME, "JSON", "application/json", _("The projects as JSON")),
            *places,
        ],
    }


def catalogue_json(
    projects: Iterable[StoredProject],
    vocabulary: Vocabulary,
    base_url: str | None = None,
    *,
    dates: CatalogueDates | None = None,
) -> str:
    return json_text(catalogue(projects, vocabulary, base_url, dates=dates), indent=2) + "\n"
