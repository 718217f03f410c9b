"""The DCAT catalogue checked with pySHACL against the DCAT-AP.de profiles (tests/shapes/, see its
README): the export conforms to each (no violation), and catalogues broken as the issue found them
broken fail, each on the rule it breaks."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import SH
from report_fixtures import example, example_root  # noqa: F401

# rdflib's JSON-LD parser still builds a ConjunctiveGraph; nothing this test can change
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SHAPES = Path(__file__).resolve().parent / "shapes"
PROFILES = {
    "2.0 Spezifikation": ("dcat-ap-de-2.0.ttl",),
    "2.0 Spezifikation + Konventionen": ("dcat-ap-de-2.0.ttl", "dcat-ap-de-2.0-konventionen.ttl"),
    "3.0 Spezifikation": ("dcat-ap-de-2.0.ttl", "dcat-ap-de-3.0.ttl"),
}
BASE = "https://smart-region.example.org/portfolio/"
DCT = "http://purl.org/dc/terms/"
DCATDE = "http://dcat-ap.de/def/dcatde/"


def _shapes(profile: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in PROFILES[profile]:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def _results(text: str, profile: str, severity: rdflib.URIRef = SH.Violation) -> set[str]:
    """The paths (or, for a SPARQL constraint, the component) of the results of ``severity``."""
    data = rdflib.Graph().parse(data=text, format="json-ld")
    _conforms, report, _text = validate(data, shacl_graph=_shapes(profile), inference="none", allow_warnings=True)
    found = set()
    for result in report.subjects(SH.resultSeverity, severity):
        path = report.value(result, SH.resultPath) or report.value(result, SH.sourceConstraintComponent)
        found.add(str(path))
    return found


@pytest.fixture
def exported(example) -> str:
    result = example("export", "--format", "dcat", "--base-url", BASE)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("profile", PROFILES)
def test_the_exported_catalogue_conforms_to_each_profile(exported, profile):
    assert _results(exported, profile) == set()


def test_the_shapes_reach_the_catalogue_3_0_warns_of_the_deprecated_geocoding_uri(exported):
    # a warning, not a violation: the 2.0 harvesters still read it
    assert _results(exported, "3.0 Spezifikation", SH.Warning) == {DCATDE + "politicalGeocodingURI"}


def _node(document: dict, kind: str) -> dict:
    return next(node for node in document["@graph"] if node.get("@type") == kind)


def _old_level_iri(document: dict) -> None:
    _node(document, "dcat:Dataset")["dcatde:politicalGeocodingLevelURI"] = {
        "@id": "http://dcat-ap.de/def/politicalGeocodingLevel/administrativeDistrict"
    }


def _no_contributor(document: dict) -> None:
    del _node(document, "dcat:Dataset")["dcatde:contributorID"]


def _two_contributors(document: dict) -> None:
    _node(document, "dcat:Dataset")["dcatde:contributorID"] = [
        {"@id": "http://dcat-ap.de/def/contributors/openNRW"},
        {"@id": "http://dcat-ap.de/def/contributors/govdata"},
    ]


def _dataset_without_publisher(document: dict) -> None:
    del _node(document, "dcat:Dataset")["dct:publisher"]


def _publisher_only_an_organization(document: dict) -> None:
    next(node for node in document["@graph"] if node["@id"].endswith("#publisher"))["@type"] = "foaf:Organization"


def _modified_as_plain_text(document: dict) -> None:
    _node(document, "dcat:Catalog")["dct:modified"] = "2026-12-02"


def _two_issued_dates(document: dict) -> None:
    _node(document, "dcat:Dataset")["dct:issued"] = [
        {"@value": "2026-01-01", "@type": "xsd:date"},
        {"@value": "2026-02-01", "@type": "xsd:date"},
    ]


def _distribution_without_licence(document: dict) -> None:
    del _node(document, "dcat:Distribution")["dct:license"]


def _places_not_typed(document: dict) -> None:
    document["@graph"] = [node for node in document["@graph"] if node.get("@type") != "dct:Location"]


def _geocoding_without_spatial(document: dict) -> None:
    del _node(document, "dcat:Dataset")["dct:spatial"]


BROKEN: list[tuple[Callable[[dict], None], str, str]] = [
    (_old_level_iri, "2.0 Spezifikation", DCATDE + "politicalGeocodingLevelURI"),
    (_no_contributor, "2.0 Spezifikation + Konventionen", DCATDE + "contributorID"),
    (_two_contributors, "2.0 Spezifikation + Konventionen", DCATDE + "contributorID"),
    (_dataset_without_publisher, "2.0 Spezifikation + Konventionen", DCT + "publisher"),
    (_publisher_only_an_organization, "2.0 Spezifikation", DCT + "publisher"),
    (_modified_as_plain_text, "2.0 Spezifikation", DCT + "modified"),
    (_two_issued_dates, "2.0 Spezifikation", DCT + "issued"),
    (_distribution_without_licence, "2.0 Spezifikation", DCT + "license"),
    (_places_not_typed, "3.0 Spezifikation", DCT + "spatial"),
    (_geocoding_without_spatial, "3.0 Spezifikation", str(SH.SPARQLConstraintComponent)),
]


@pytest.mark.parametrize("breaking, profile, path", BROKEN, ids=[breaking.__name__ for breaking, *_ in BROKEN])
def test_a_known_bad_catalogue_fails_on_the_rule_it_breaks(exported, breaking, profile, path):
    document = copy.deepcopy(json.loads(exported))
    breaking(document)
    assert _results(json.dumps(document), profile) == {path}


def test_without_a_contributor_id_the_conventions_fail_and_the_specification_holds(example):
    settings = example.root / "schema" / "portfolio.toml"
    text = settings.read_text(encoding="utf-8")
    assert 'contributor_id = "http://dcat-ap.de/def/contributors/openNRW"\n' in text
    settings.write_text(text.replace('contributor_id = "http://dcat-ap.de/def/contributors/openNRW"\n', ""))
    exported = example("export", "--format", "dcat", "--base-url", BASE).stdout
    assert "contributorID" not in exported
    assert _results(exported, "2.0 Spezifikation") == set()
    assert _results(exported, "2.0 Spezifikation + Konventionen") == {DCATDE + "contributorID"}


def test_a_contributor_id_that_is_no_address_is_refused_with_file_line_and_column(example):
    settings = example.root / "schema" / "portfolio.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('"http://dcat-ap.de/def/contributors/openNRW"', '"openNRW"'), encoding="utf-8")
    result = example("export", "--format", "dcat", "--base-url", BASE)
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("contributor_id"))
    assert result.exit_code != 0 and result.stdout == ""
    assert f"schema/portfolio.toml:{line}:18: open_data.contributor_id" in result.output
    assert "Traceback" not in result.output
