"""The quick acceptance says yes only where the pydantic model accepts, and the record it makes (and
the history's values made without it) are the model's: on every bundled project, on the bad-input corpus, and on thousands of mutations of
valid data (each field and each part of a table set to values of every kind)."""

from __future__ import annotations

import copy
import pickle
import random
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from test_bad_input import CASES

from portfolio.domain.acceptance import certainly_valid
from portfolio.domain.fields import Kind, registry
from portfolio.domain.model import validated_model
from portfolio.domain.parsing import parse_project, try_parse_project
from portfolio.domain.project_record import json_data, project_from_data, table_record
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.git.merge_driver import OPEN_VOCABULARY

REPOSITORY = Path(__file__).resolve().parents[1]
VOCABULARY = load_vocabulary(REPOSITORY)
BUNDLED = [tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted((REPOSITORY / "projects").glob("*.toml"))]

# Values of every kind a file can hold, and the edges of the model's rules.
VALUES = [
    None,
    True,
    False,
    0,
    1,
    2,
    -1,
    17,
    18,
    100,
    101,
    1.5,
    100.5,
    -0.5,
    float("inf"),
    float("nan"),
    "",
    " ",
    "ab",
    "abc",
    " Rheine",
    "Rheine ",
    "rheine",
    "greven",
    "kreis-steinfurt",
    "muenster",
    "umwelt",
    "energie",
    "idea",
    "operation",
    "high",
    "granted",
    "approved",
    "open-data",
    "Open Data",
    "a--b",
    "ok-id",
    "-bad-id",
    "https://example.org/x",
    "http://example.org/x",
    "https://",
    "https://exa mple.org",
    "https://[::1",
    "Zeile\nZwei",
    "Zeile\tTab",
    "bidi \u202e",
    "esc \x1b[31m",
    "x" * 121,
    "y" * 501,
    date(2024, 1, 1),
    date(2030, 12, 31),
    datetime(2024, 1, 1, 0, 0),
    [],
    ["rheine"],
    ["rheine", "rheine"],
    ["rheine", "greven"],
    [1, 2],
    [3, 3],
    [7, 99],
    [date(2024, 1, 1), date(2024, 1, 1)],
    [date(2024, 1, 1), date(2025, 1, 1)],
    ["https://example.org/a", "https://example.org/a"],
    [{"title": "x"}],
    {},
    {"title": "x"},
]


def _agrees(data: object, vocabulary=VOCABULARY) -> bool:
    """Asserts that a yes of the quick acceptance is the model's yes, with the same record; returns it."""
    quick = certainly_valid(copy.deepcopy(data), vocabulary)
    try:
        model = validated_model(copy.deepcopy(data), vocabulary)
    except ValidationError:
        assert not quick, f"accepted what the model refuses: {data!r}"
        return False
    if quick:
        assert project_from_data(data).model_dump() == model.model_dump(mode="python"), data
        # the history's values, made without the record: the same, of the same types, in the same order
        dumped = project_from_data(data).model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        assert repr(json_data(copy.deepcopy(data))) == repr(dumped), data
    return quick


def _mutations(data: dict, rng: random.Random):
    """The data with one field, or one part of one table, set to each value (or left out)."""
    for field in registry():
        for value in VALUES:
            mutated = copy.deepcopy(data)
            if value is None:
                mutated.pop(field.name, None)
            else:
                mutated[field.name] = copy.deepcopy(value)
            yield mutated
        if field.entry is None or not data.get(field.name):
            continue
        for part in field.entry.parts:
            for value in rng.sample(VALUES, 20):
                mutated = copy.deepcopy(data)
                entry = rng.choice(mutated[field.name])
                if value is None:
                    entry.pop(part.name, None)
                else:
                    entry[part.name] = copy.deepcopy(value)
                yield mutated
        mutated = copy.deepcopy(data)
        mutated[field.name].append(copy.deepcopy(mutated[field.name][0]))  # the same entry twice
        yield mutated
        mutated = copy.deepcopy(data)
        mutated[field.name][0]["extra"] = 1
        yield mutated


def test_every_bundled_project_is_accepted_quickly_and_made_as_the_model_makes_it():
    assert BUNDLED and all(_agrees(data) for data in BUNDLED)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_file_of_the_bad_input_corpus_is_left_to_the_model(case):
    _name, raw, *_ = case
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return  # never reaches validation
    assert not _agrees(data)


def test_mutations_of_valid_data_are_accepted_only_where_the_model_accepts_them():
    rng = random.Random(14)
    verdicts = {True: 0, False: 0}
    for data in BUNDLED[:: max(1, len(BUNDLED) // 8)]:
        for mutated in _mutations(data, rng):
            verdicts[_agrees(mutated)] += 1
    # Both verdicts occur many times: the corpus tells the model's limits from the inside and outside.
    assert verdicts[True] > 200 and verdicts[False] > 2000, verdicts


def test_the_merge_drivers_open_vocabulary_is_accepted_as_the_model_accepts_it():
    data = copy.deepcopy(BUNDLED[0])
    data["municipalities"], data["status"] = ["nirgendwo"], "unbekannt"
    assert _agrees(data, OPEN_VOCABULARY)
    data["module"] = "2"
    assert not _agrees(data, OPEN_VOCABULARY)


def test_try_parse_gives_the_models_errors_and_parse_raises_them():
    data = copy.deepcopy(BUNDLED[0])
    data["title"] = "ab"
    project, error = try_parse_project(data, VOCABULARY)
    assert project is None and isinstance(error, ValidationError)
    with pytest.raises(ValidationError):
        parse_project(data, VOCABULARY)


def test_a_record_is_immutable_compared_by_value_and_survives_pickling():
    project = parse_project(copy.deepcopy(BUNDLED[0]), VOCABULARY)
    with pytest.raises(AttributeError):
        project.title = "Anders"  # type: ignore[misc]
    assert project == parse_project(copy.deepcopy(BUNDLED[0]), VOCABULARY)
    changed = project.model_copy(update={"title": "Ein anderer Titel"})
    assert changed != project and changed.title == "Ein anderer Titel" and project.title != changed.title
    assert pickle.loads(pickle.dumps(project)) == project
    tables = [field.name for field in registry() if field.kind is Kind.TABLE_LIST]
    for name in tables:
        for entry in getattr(project, name):
            assert pickle.loads(pickle.dumps(entry)) == entry
    milestone = table_record("milestones", {"title": "Start"})
    assert milestone.done is False and milestone.due is None
    assert project.to_data() == validated_model(copy.deepcopy(BUNDLED[0]), VOCABULARY).to_data()


def test_a_record_of_one_part_or_of_many_unpickles_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records pickle their values as one tuple read at once (``operator.attrgetter``, which gives a
    lone value, not a tuple, for a single name): a list of tables with one part, as a region may
    define it, must come back as itself, as must the bundled ones."""
    from portfolio.domain import fields
    from portfolio.domain.field_types import EntryPart, EntryShape, FieldRegistry, FormWidget, ProjectField

    tags = ProjectField(
        "tags",
        Kind.TABLE_LIST,
        "Tags",
        widget=FormWidget.ENTRIES,
        entry=EntryShape("Tag", "name", (EntryPart("name", Kind.TEXT, "Name", required=True),)),
    )
    bundled = fields.PROJECT_FIELDS
    monkeypatch.setattr(fields, "PROJECT_FIELDS", FieldRegistry([*bundled, tags], [*bundled.form_order, "tags"]))
    tag = table_record("tags", {"name": "Radverkehr"})
    assert tag._values() == ("Radverkehr",)
    back = pickle.loads(pickle.dumps(tag))
    assert type(back) is type(tag) and back == tag and back.name == "Radverkehr" and hash(back) == hash(tag)
    milestone = table_record("milestones", {"title": "Start", "due": date(2027, 3, 1), "done": True})
    assert milestone._values() == ("Start", date(2027, 3, 1), True)
    back = pickle.loads(pickle.dumps(milestone))
    assert back == milestone and (back.title, back.due, back.done) == ("Start", date(2027, 3, 1), True)
    assert back != table_record("milestones", {"title": "Start", "due": date(2027, 3, 1)})
