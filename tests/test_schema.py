"""The JSON Schema for editors: generated from the model and vocabulary, committed, and in step."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from portfolio.domain.json_schema import schema_text
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.presentation import jsonable

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads((REPOSITORY / "schema" / "project.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


def test_committed_schema_is_up_to_date():
    committed = (REPOSITORY / "schema" / "project.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(load_vocabulary(REPOSITORY)), "run: portfolio schema --write"


def test_taplo_associates_the_schema_with_project_files():
    config = tomllib.loads((REPOSITORY / ".taplo.toml").read_text(encoding="utf-8"))
    rule = config["rule"][0]
    assert rule["include"] == ["projects/*.toml"]
    assert (REPOSITORY / rule["schema"]["path"]).resolve() == REPOSITORY / "schema" / "project.schema.json"


def test_bundled_projects_are_valid_under_the_schema(validator):
    for path in sorted((REPOSITORY / "projects").glob("*.toml")):
        data = jsonable(tomllib.loads(path.read_text(encoding="utf-8")))
        assert not list(validator.iter_errors(data)), path


VALID = {
    "title": "Radweg Greven",
    "module": 3,
    "status": "planning",
    "municipalities": ["greven"],
    "fields_of_action": ["mobilitaet", "umwelt"],
    "start": "2026-01-01",
    "links": ["https://www.greven.net"],
}


def test_a_valid_project_passes(validator):
    assert not list(validator.iter_errors(VALID))


@pytest.mark.parametrize(
    "change",
    [
        {"module": "3"},
        {"module": 4},
        {"status": "fertig"},
        {"municipalities": []},
        {"municipalities": ["atlantis"]},
        {"fields_of_action": ["umwelt", "umwelt"]},
        {"color": "blau"},
        {"title": "ab"},
        {"title": "Zeile\nZwei"},
        {"title": "Rechnung \u202efdp.exe"},
        {"title": " Leerzeichen"},
        {"links": ["http://www.greven.net"]},
        {"start": "1. Januar"},
        {"budget_eur": -1},
        {"topics": ["Open Data"]},
        {"depends_on": ["-x"]},
        {"milestones": [{"due": "2026-01-01"}]},
        {"funding": [{"source": "EU", "status": "vielleicht"}]},
    ],
)
def test_invalid_projects_fail_like_in_the_checker(validator, change):
    assert list(validator.iter_errors({**VALID, **change}))
