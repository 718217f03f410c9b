"""The problems told without the model are the model's, at the same positions, or left to it: on the
bad-input corpus, thousands of mutations of valid data, mutations of the bundled files' lines and
the mistakes it is made for, alone and together."""

from __future__ import annotations

import random
import subprocess
import sys
import tomllib

import pytest
from test_bad_input import CASES
from test_statements import BUNDLED, VOCABULARY, line_mutations, written, written_mutations

from portfolio.files.quick_verdicts import certain_problems
from portfolio.files.reading import parse_project_bytes


def agrees(raw: bytes) -> bool:
    """Asserts that the problems told without the model are the model's; returns whether it told them."""
    quick = certain_problems(raw, "projects/p.toml", VOCABULARY)
    if quick is not None:
        assert quick == parse_project_bytes(raw, "projects/p.toml", VOCABULARY).problems, raw
    return quick is not None


def without(raw: bytes, *names: str) -> dict:
    data = tomllib.loads(raw.decode("utf-8"))
    for name in names:
        data.pop(name, None)
    return data


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_the_bad_input_corpus_is_told_as_the_model_tells_it(case):
    agrees(case[1])


def test_the_mistakes_it_is_made_for_are_told_as_the_model_tells_them():
    project = BUNDLED[0]
    cases = [
        without(project, "status"),
        without(project, "title", "municipalities"),
        without(project, "title", "module", "status", "municipalities", "fields_of_action"),
        {**without(project), "status": "idee"},  # a close match: "did you mean"
        {**without(project), "status": "zzz"},
        {**without(project), "priority": "hihg"},
        {**without(project, "title"), "status": "planung", "priority": "x"},
    ]
    assert all(agrees(written(data)) for data in cases)


def test_mistakes_it_leaves_to_the_model_are_left():
    project = BUNDLED[0]
    cases = [
        {**without(project), "status": 3},  # not a text: the model's own words
        {**without(project), "status": "zzz", "module": "2"},  # with a mistake it does not tell
        {**without(project), "color": "blau"},  # an unknown key
        {
            **without(project),
            "start": tomllib.loads("d = 2027-01-01")["d"],
            "end": tomllib.loads("d = 2026-01-01")["d"],
        },
        without(project),  # valid
    ]
    assert not any(certain_problems(written(data), "p.toml", VOCABULARY) for data in cases)


def test_mutations_of_valid_data_are_told_as_the_model_tells_them():
    told = [agrees(text) for text in written_mutations(random.Random(5))]
    assert len(told) > 1000 and 0 < sum(told) < len(told)


def test_mutations_of_the_lines_are_told_as_the_model_tells_them():
    rng = random.Random(13)
    told = tried = 0
    for raw in BUNDLED[::4]:
        for lines in line_mutations(raw, rng):
            tried += 1
            told += agrees(("\n".join(lines) + "\n").encode("utf-8"))
    assert tried > 1000 and 0 < told < tried


def test_an_invalid_version_told_without_the_model_does_not_import_it(tmp_path):
    broken = written(without(BUNDLED[0], "status"))
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from portfolio.domain.vocabulary import load_vocabulary\n"
        "from portfolio.history.versions import read_version\n"
        f"vocabulary = load_vocabulary(Path({str(tmp_path)!r}))\n"
        "before = set(sys.modules)\n"  # checking the vocabulary's files may take pydantic; reading must not
        f"version = read_version({broken!r}, vocabulary)\n"
        "print(version.invalid)\n"
        "new = set(sys.modules) - before\n"
        "print(sorted(name for name in new if name.split('.')[0] == 'pydantic' or name == 'portfolio.domain.model'))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    reason, modules = result.stdout.splitlines()
    assert reason == "required key 'status' is missing [missing-key]"
    assert modules == "[]"
