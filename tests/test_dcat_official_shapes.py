"""The DCAT catalogue checked with pySHACL against GovData's own DCAT-AP.de shapes.

The shapes are GovData's files, unmodified, in ``tests/shapes/official/`` (its README names the
repository, path, commit and licence of each). The profiles are put together as GovData's
documentation of the validator lists them; of each profile this test loads the files that could be
obtained, and ``tests/shapes/official/README.md`` says which are missing and what therefore goes
unchecked here (above all the EU DCAT-AP base shapes, whose mandatory classes and cardinalities
``tests/test_dcat_shacl.py`` checks with the hand-written shapes instead).

Code lists: the validator loads the code lists into the data graph, and the official shapes check a
value by its ``skos:inScheme``. The code lists are not obtainable here, so the data graph gets the
hand-written ``tests/shapes/code-list-types-of-the-catalogue.ttl`` instead: the code list of each
code-list IRI the bundled example's catalogue uses, and of no other. A catalogue using another
value therefore fails as one using a value outside the code list would; the check cannot tell a
real value missing from that file from a wrong one, so a new value the export starts to use belongs
in that file (with the code list it is in) before this test can pass.

The export conforms when no result is a ``sh:Violation``; warnings and infos are allowed and
listed in the assertion message. A result is named by the official shape that reported it (for a
nested shape, the named shape holding it), so each known-bad catalogue must fail on the rule it
breaks and on no other.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import SH
from report_fixtures import ExampleRun

from portfolio.git.scaffold import init_portfolio

# rdflib's JSON-LD parser still builds a ConjunctiveGraph; nothing this test can change
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SHAPES = Path(__file__).resolve().parent / "shapes"
OFFICIAL = SHAPES / "official"
CODE_LISTS = SHAPES / "code-list-types-of-the-catalogue.ttl"
SPEC_20 = ("2.0/dcat-ap-spec-german-additions.ttl", "2.0/dcat-ap-de-deprecated.ttl")
SPEC_30 = (
    "3.0/dcat-ap-spec-german-additions.ttl",
    "3.0/dcat-ap-de-deprecated.ttl",
    "3.0/dcat-ap-de-controlledvocabularies.ttl",
)
PROFILES = {
    "2.0 Spezifikation": SPEC_20,
    "2.0 Spezifikation + Konventionen": (*SPEC_20, "2.0/dcat-ap-konventionen.ttl"),
    "3.0 Spezifikation": SPEC_30,
}
BASE = "https://smart-region.example.org/portfolio/"
DE_20 = "http://dcat-ap.de/def/dcatde/"
DE_30 = "http://dcat-ap.de/def/dcatde/3.0/shacl/"


@pytest.fixture(scope="module")
def shapes() -> dict[str, rdflib.Graph]:
    """Each profile's shapes, parsed once for the module."""
    graphs = {}
    for profile, names in PROFILES.items():
        graph = rdflib.Graph()
        for name in names:
            graph.parse(OFFICIAL / name, format="turtle")
        graphs[profile] = graph
    return graphs


@pytest.fixture(scope="module")
def code_lists() -> rdflib.Graph:
    return rdflib.Graph().parse(CODE_LISTS, format="turtle")


def _named(shapes: rdflib.Graph, shape: rdflib.term.Node) -> str:
    # a nested property shape is a blank node: name it by the shape that holds it
    while not isinstance(shape, rdflib.URIRef):
        holder = next(shapes.subjects(SH.property, shape), None)
        if holder is None:
            return str(shape)
        shape = holder
    return str(shape)


def _results(text: str, shapes: rdflib.Graph, code_lists: rdflib.Graph) -> dict[str, set[str]]:
    """The shapes that reported a result, by severity (``Violation``, ``Warning``, ``Info``)."""
    data = rdflib.Graph().parse(data=text, format="json-ld")
    data += code_lists
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found: dict[str, set[str]] = {"Violation": set(), "Warning": set(), "Info": set()}
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity)).removeprefix(str(SH))
        found[severity].add(_named(shapes, report.value(result, SH.sourceShape)))
    return found


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> str:
    root = init_portfolio(tmp_path_factory.mktemp("official") / "example", example=True, commit=True)
    result = ExampleRun(root)("export", "--format", "dcat", "--base-url", BASE)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("profile", PROFILES)
def test_the_exported_catalogue_has_no_violation_of_each_official_profile(exported, shapes, code_lists, profile):
    found = _results(exported, shapes[profile], code_lists)
    assert found["Violation"] == set(), f"warnings: {sorted(found['Warning'])}, infos: {sorted(found['Info'])}"


def test_the_official_shapes_reach_the_catalogue(exported, shapes, code_lists):
    # what the official shapes say of the export, each for a reason the catalogue has: they ran on it
    assert _results(exported, shapes["2.0 Spezifikation"], code_lists)["Warning"] == {
        DE_20 + "Location_locations_v_Min"  # the municipalities are dct:Location IRIs without a geometry
    }
    assert _results(exported, shapes["3.0 Spezifikation"], code_lists)["Warning"] == {
        DE_30 + "Deprecated_dcatde_politicalGeocodingURI"  # kept for the 2.0 harvesters
    }


def _node(document: dict, kind: str) -> dict:
    return next(node for node in document["@graph"] if node.get("@type") == kind)


def _dataset(document: dict) -> dict:
    return _node(document, "dcat:Dataset")


def _no_contributor(document: dict) -> None:
    del _dataset(document)["dcatde:contributorID"]


def _contributor_not_in_the_list(document: dict) -> None:
    _dataset(document)["dcatde:contributorID"] = {"@id": "http://dcat-ap.de/def/contributors/steinfurt"}


def _contributor_as_text(document: dict) -> None:
    _dataset(document)["dcatde:contributorID"] = "openNRW"


def _level_as_text(document: dict) -> None:
    _dataset(document)["dcatde:politicalGeocodingLevelURI"] = "administrativeDistrict"


def _no_licence(document: dict) -> None:
    for node in document["@graph"]:
        if node.get("@type") == "dcat:Distribution":
            del node["dct:license"]


def _licence_not_in_the_list(document: dict) -> None:
    for node in document["@graph"]:
        if node.get("@type") == "dcat:Distribution":
            node["dct:license"] = {"@id": "https://creativecommons.org/licenses/by/4.0/"}


def _theme_not_an_eu_theme(document: dict) -> None:
    _dataset(document)["dcat:theme"] = {"@id": "https://smart-region.example.org/themes/mobility"}


def _format_not_an_eu_file_type(document: dict) -> None:
    _node(document, "dcat:Distribution")["dct:format"] = {
        "@id": "https://www.iana.org/assignments/media-types/text/csv"
    }


def _media_type_not_from_iana(document: dict) -> None:
    _node(document, "dcat:Distribution")["dcat:mediaType"] = {"@id": "https://smart-region.example.org/types/csv"}


def _no_publisher(document: dict) -> None:
    del _dataset(document)["dct:publisher"]


BROKEN: list[tuple[Callable[[dict], None], str, set[str]]] = [
    (_no_contributor, "2.0 Spezifikation + Konventionen", {DE_20 + "Konv12_13_contributorID_v_List"}),
    (_contributor_not_in_the_list, "2.0 Spezifikation + Konventionen", {DE_20 + "Konv12_13_contributorID_v_List"}),
    (_contributor_as_text, "2.0 Spezifikation", {DE_20 + "Dataset_dcatde_contributorID_v_IRI"}),
    (_contributor_as_text, "3.0 Spezifikation", {DE_30 + "DE_Dataset_dcatde_contributorID_v_IRI"}),
    (_level_as_text, "2.0 Spezifikation", {DE_20 + "Dataset_dcatde_politicalGeocodingLevelURI_v_IRI"}),
    (_level_as_text, "3.0 Spezifikation", {DE_30 + "DE_Dataset_dcatde_politicalGeocodingLevelURI_v_IRI"}),
    (_no_licence, "3.0 Spezifikation", {DE_30 + "DE_Distribution_dcterms_license_v_Min"}),
    (_no_licence, "2.0 Spezifikation + Konventionen", {DE_20 + "Konv31_dct_license_v_List"}),
    (_licence_not_in_the_list, "2.0 Spezifikation + Konventionen", {DE_20 + "Konv31_dct_license_v_List"}),
    (_theme_not_an_eu_theme, "2.0 Spezifikation", {DE_20 + "Dataset_dcat_theme_v_List"}),
    (_theme_not_an_eu_theme, "3.0 Spezifikation", {DE_30 + "datensatz-kategorie_Violation_List"}),
    (_format_not_an_eu_file_type, "2.0 Spezifikation", {DE_20 + "Distribution_dct_format_v_List"}),
    (_format_not_an_eu_file_type, "3.0 Spezifikation", {DE_30 + "distribution-format_Violation_List"}),
    (_media_type_not_from_iana, "3.0 Spezifikation", {DE_30 + "distribution-medientyp_Violation_List"}),
    (_no_publisher, "2.0 Spezifikation + Konventionen", {DE_20 + "Konv36_dct_publisher_v_Min"}),
    (_no_publisher, "3.0 Spezifikation", {DE_30 + "DE_Dataset_dcterms_publisher_v_Min"}),
]


@pytest.mark.parametrize(
    "breaking, profile, expected",
    BROKEN,
    ids=[f"{breaking.__name__}-{profile}" for breaking, profile, _ in BROKEN],
)
def test_a_known_bad_catalogue_fails_on_the_official_rule_it_breaks(
    exported, shapes, code_lists, breaking, profile, expected
):
    document = copy.deepcopy(json.loads(exported))
    breaking(document)
    assert _results(json.dumps(document), shapes[profile], code_lists)["Violation"] == expected
