"""``portfolio export --format dcat``: valid JSON-LD (expanded offline), one geocoding URI per municipality."""

from __future__ import annotations

import json
import tomllib

import pytest
from pyld import jsonld
from report_fixtures import example, example_root  # noqa: F401

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.dcat import geocoding_uri

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
DCATDE = "http://dcat-ap.de/def/dcatde/"
BASE = "https://smart-region.example.org/portfolio/"


def _no_network(url, options=None):
    raise AssertionError(f"the catalogue needs no document from the network, but {url} was asked for")


def _expanded(text: str) -> dict[str, dict]:
    """id -> node of the expanded document (the JSON-LD processor fails on anything invalid)."""
    nodes = jsonld.expand(json.loads(text), {"documentLoader": _no_network})
    return {node["@id"]: node for node in nodes}


def _ids(node: dict, key: str) -> list[str]:
    return [value["@id"] for value in node.get(key, [])]


def test_the_catalogue_is_json_ld_with_a_dataset_two_distributions_and_geocoding(example):
    result = example("export", "--format", "dcat", "--base-url", BASE)
    assert result.exit_code == 0, result.output
    nodes = _expanded(result.stdout)
    catalog = next(node for node in nodes.values() if f"{DCAT}Catalog" in node["@type"])
    (dataset_id,) = _ids(catalog, f"{DCAT}dataset")
    dataset = nodes[dataset_id]
    assert f"{DCAT}Dataset" in dataset["@type"]

    distributions = [nodes[i] for i in _ids(dataset, f"{DCAT}distribution")]
    formats = {_ids(d, f"{DCT}format")[0].rsplit("/", 1)[1]: _ids(d, f"{DCAT}downloadURL")[0] for d in distributions}
    assert formats == {"CSV": BASE + "portfolio.csv", "JSON": BASE + "portfolio.json"}
    assert all(_ids(d, f"{DCT}license") == ["http://dcat-ap.de/def/licenses/dl-by-de/2.0"] for d in distributions)

    vocabulary = load_vocabulary(example.root)
    municipalities = {
        slug
        for path in (example.root / "projects").glob("*.toml")
        for slug in tomllib.loads(path.read_text(encoding="utf-8"))["municipalities"]
    }
    expected = sorted(geocoding_uri(vocabulary.municipality(slug).ags) for slug in municipalities)
    geocoded = _ids(dataset, f"{DCATDE}politicalGeocodingURI")
    assert sorted(geocoded) == expected and len(geocoded) == len(set(geocoded)) == len(municipalities) == 25
    assert "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05566076" in geocoded  # Rheine
    assert "http://dcat-ap.de/def/politicalGeocoding/districtKey/05566" in geocoded  # the district
    assert _ids(dataset, f"{DCATDE}politicalGeocodingLevelURI") == [
        "http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict"
    ]

    themes = {uri.rsplit("/", 1)[1] for uri in _ids(dataset, f"{DCAT}theme")}
    schema_themes = {theme for field in vocabulary.fields_of_action for theme in field.eu_themes}
    assert themes == schema_themes == {"ECON", "GOVE", "ENVI", "ENER", "TECH", "HEAL", "SOCI", "TRAN", "EDUC"}
    # RDF conversion: every IRI and literal is well-formed.
    assert "dcat-ap.de/def/politicalGeocoding/municipalityKey/05566076" in jsonld.to_rdf(
        json.loads(result.stdout), {"format": "application/n-quads", "documentLoader": _no_network}
    )


def test_only_the_municipalities_of_the_projects_are_geocoded_and_themes_follow_schema(example):
    for path in (example.root / "projects").glob("*.toml"):
        if path.stem != "radverkehrszaehlung-rheine":
            path.unlink()
    fields = example.root / "schema" / "fields_of_action.toml"
    fields.write_text(
        fields.read_text(encoding="utf-8").replace('eu_themes = ["TRAN"]', 'eu_themes = ["TRAN", "REGI"]'),
        encoding="utf-8",
    )
    nodes = _expanded(example("export", "--format", "dcat", "--base-url", BASE).stdout)
    dataset = next(node for node in nodes.values() if f"{DCAT}Dataset" in node["@type"])
    project = tomllib.loads((example.root / "projects" / "radverkehrszaehlung-rheine.toml").read_text(encoding="utf-8"))
    vocabulary = load_vocabulary(example.root)
    assert sorted(_ids(dataset, f"{DCATDE}politicalGeocodingURI")) == sorted(
        geocoding_uri(vocabulary.municipality(slug).ags) for slug in project["municipalities"]
    )
    expected_themes = {
        theme for slug in project["fields_of_action"] for theme in vocabulary.field_of_action(slug).eu_themes
    }
    assert {uri.rsplit("/", 1)[1] for uri in _ids(dataset, f"{DCAT}theme")} == expected_themes


def test_without_a_base_url_the_export_says_where_to_set_it(example):
    result = example("export", "--format", "dcat")
    assert result.exit_code == 2 and "--base-url" in result.output and "[open_data]" in result.output


@pytest.mark.parametrize(
    "ags, uri",
    [
        ("05566076", "municipalityKey/05566076"),
        ("05566", "districtKey/05566"),
        ("05", "stateKey/05"),
        ("055660076076", "regionalKey/055660076076"),
        ("0556607", None),
    ],
)
def test_geocoding_uris_follow_the_key_length(ags, uri):
    assert geocoding_uri(ags) == (f"http://dcat-ap.de/def/politicalGeocoding/{uri}" if uri else None)
