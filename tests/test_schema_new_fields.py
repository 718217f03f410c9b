"""The JSON Schema describes funding terms, decisions, measurements, SDGs and transfers as the checker does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

REPOSITORY = Path(__file__).resolve().parents[1]

VALID = {
    "title": "Mobilstation Laer",
    "module": 3,
    "status": "planning",
    "municipalities": ["laer"],
    "fields_of_action": ["mobilitaet"],
    "kpis": [{"name": "Ladepunkte", "baseline": 0, "target": 4}],
    "funding": [
        {
            "source": "Land NRW",
            "rate_percent": 70,
            "own_share_eur": 30000,
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
            "proof_due": "2028-06-30",
            "interim_due": ["2026-12-31"],
        }
    ],
    "decisions": [
        {"body": "Rat der Gemeinde Laer", "date": "2026-03-01", "reference": "DS 12/2026", "result": "approved"}
    ],
    "measurements": [{"kpi": "Ladepunkte", "date": "2026-06-30", "value": 2}],
    "sdgs": [11, 13],
    "adopted_from": "mobilstationen-greven",
}


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads((REPOSITORY / "schema" / "project.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


def test_a_project_with_every_new_field_passes(validator):
    assert not list(validator.iter_errors(VALID))


def _with_funding(**terms) -> dict:
    return {**VALID, "funding": [{**VALID["funding"][0], **terms}]}


@pytest.mark.parametrize(
    "project",
    [
        _with_funding(rate_percent=101),
        _with_funding(rate_percent=-1),
        _with_funding(own_share_eur=-1),
        _with_funding(interim_due=["2026-12-31", "2026-12-31"]),
        _with_funding(proof_due="30.06.2028"),
        {**VALID, "decisions": [{**VALID["decisions"][0], "result": "vertagt"}]},
        {**VALID, "decisions": [{**VALID["decisions"][0], "url": "http://ris.example.org"}]},
        {**VALID, "decisions": [{"body": "Kreistag", "date": "2026-03-01", "result": "noted"}]},
        {**VALID, "measurements": [{"kpi": "Ladepunkte", "date": "2026-06-30"}]},
        {**VALID, "sdgs": [18]},
        {**VALID, "sdgs": [11, 11]},
        {**VALID, "adopted_from": "Mobilstationen Greven"},
    ],
)
def test_what_the_checker_refuses_in_one_file_the_schema_refuses_too(validator, project):
    assert list(validator.iter_errors(project))
