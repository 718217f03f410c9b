"""Reading versions statement by statement gives what the full reading gives, or leaves the file to
it: on every bundled project, the bad-input corpus, thousands of mutations of valid data written in
canonical form, and mutations of the files' lines (each left out, doubled, swapped, broken)."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from test_acceptance import _mutations
from test_bad_input import CASES

from portfolio.domain.project_record import json_data
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.canonical import field_text
from portfolio.files.quick_verdicts import certainly_valid_data
from portfolio.files.statements import StatementReader
from portfolio.history.versions import SharedValues, plain, plain_reader, read_version

REPOSITORY = Path(__file__).resolve().parents[1]
VOCABULARY = load_vocabulary(REPOSITORY)
BUNDLED = [path.read_bytes() for path in sorted((REPOSITORY / "projects").glob("*.toml"))]


def reference(raw: bytes) -> dict | None:
    data = certainly_valid_data(raw, VOCABULARY)
    return None if data is None else json_data(data)


def agrees(reader: StatementReader, raw: bytes) -> bool:
    """Asserts that the statements' answer is the full reading's, or None; returns whether it answered."""
    answer = reader.json_values(raw)
    if answer is not None:
        # the same values, of the same types, in the same order
        assert repr(answer) == repr(reference(raw)), raw
    return answer is not None


def written(data: dict) -> bytes | None:
    """The data as the canonical form writes each of its keys (in the data's order), if it can."""
    try:
        return "".join(field_text(key, value) for key, value in data.items()).encode("utf-8")
    except (TypeError, ValueError):  # None, a value TOML cannot hold
        return None


def line_mutations(raw: bytes, rng: random.Random):
    lines = raw.decode("utf-8").split("\n")[:-1]
    for index in range(len(lines)):
        yield lines[:index] + lines[index + 1 :]  # left out
        yield lines[: index + 1] + lines[index:]  # doubled
        yield lines[:index] + lines[index + 1 : index + 2] + lines[index : index + 1] + lines[index + 2 :]  # swapped
        for broken in ("", " ", "]", "[", '"""', "[[milestones]]", "    ", "=======", "x = 1"):
            yield lines[:index] + [broken] + lines[index + 1 :]
            yield lines[:index] + [broken] + lines[index:]
        yield lines[:index] + [lines[index] + " "] + lines[index + 1 :]
        yield lines[:index] + [lines[index][:-1]] + lines[index + 1 :]
    shuffled = list(lines)
    rng.shuffle(shuffled)
    yield shuffled


def test_every_bundled_project_is_read_by_its_statements_as_the_full_reading_reads_it():
    reader = StatementReader(VOCABULARY)
    assert all(agrees(reader, raw) for raw in BUNDLED)
    assert all(agrees(reader, raw) for raw in BUNDLED)  # every statement seen before


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_file_of_the_bad_input_corpus_is_left_to_the_full_reading(case):
    _name, raw, _code, _line, _column = case
    reader = StatementReader(VOCABULARY)
    for known in BUNDLED:  # statements seen before in valid files change nothing
        reader.json_values(known)
    assert reader.json_values(raw) is None


def written_mutations(rng: random.Random):
    """The mutations of the data of a few bundled projects (test_acceptance) that TOML can hold, written."""
    for raw in BUNDLED[:6]:
        for mutated in _mutations(tomllib.loads(raw.decode("utf-8")), rng):
            text = written(mutated)
            if text is not None:
                yield text


def test_mutations_of_valid_data_are_read_as_the_full_reading_reads_them():
    reader = StatementReader(VOCABULARY)
    answers = [agrees(reader, text) for text in written_mutations(random.Random(7))]
    assert len(answers) > 1000 and 0 < sum(answers) < len(answers)  # both ways were taken


def test_mutations_of_the_lines_are_read_as_the_full_reading_reads_them():
    rng = random.Random(11)
    reader = StatementReader(VOCABULARY)
    answered = tried = 0
    for raw in BUNDLED:
        for lines in line_mutations(raw, rng):
            for ending in ("\n", "\r\n", ""):
                tried += 1
                answered += agrees(reader, (ending.join(lines) + ending).encode("utf-8"))
    assert tried > 10000 and 0 < answered < tried


def test_the_history_reads_every_version_as_read_version_reads_it():
    """What the history keeps of a version (plain_reader) is what read_version makes of it, valid or not."""
    read = plain_reader(SharedValues())
    rng = random.Random(3)
    for raw in BUNDLED[::6]:  # a few: the full reading of an invalid version takes a millisecond
        for lines in [raw.decode("utf-8").split("\n")[:-1], *line_mutations(raw, rng)]:
            text = ("\n".join(lines) + "\n").encode("utf-8")
            assert repr(read(text, VOCABULARY)) == repr(plain(read_version(text, VOCABULARY))), text


def test_versions_with_the_same_statement_share_its_value():
    reader = StatementReader(VOCABULARY)
    first = reader.json_values(BUNDLED[0])
    again = reader.json_values(BUNDLED[0])
    assert first == again and first is not again
    assert all(first[name] is again[name] for name in first)
