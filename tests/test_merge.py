"""The field-aware three-way merge of one project (pure functions and the file-level merge)."""

from __future__ import annotations

from datetime import date

import pytest
from collab_fixtures import RADWEG, canonical_file
from factories import minimal_project

from portfolio.domain.fields import Kind, registry
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.reading import parse_project_bytes
from portfolio.git.merge import merge_project_data, merged_order, table_key
from portfolio.git.merge_driver import OPEN_VOCABULARY, merge_file_bytes


def full(**overrides):
    data = dict(RADWEG)
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    return parse_project(data, OPEN_VOCABULARY).model_dump(mode="python")


def merge(base, ours, theirs):
    return merge_project_data(base, ours, theirs)


def text_of(**overrides) -> bytes:
    data = dict(RADWEG)
    data.update(overrides)
    return canonical_file({key: value for key, value in data.items() if value is not None}, OPEN_VOCABULARY).encode()


def test_a_field_changed_on_one_side_takes_that_side():
    result = merge(full(), full(status="concept"), full(summary="Neu"))
    assert result.clean
    assert result.data["status"] == "concept" and result.data["summary"] == "Neu"


def test_the_same_change_on_both_sides_merges():
    result = merge(full(), full(status="planning"), full(status="planning"))
    assert result.clean and result.data["status"] == "planning"


def test_a_field_changed_differently_on_both_sides_is_a_conflict_named_by_field():
    result = merge(full(), full(status="planning", summary="A"), full(status="on_hold"))
    assert [conflict.where for conflict in result.conflicts] == ["status"]
    assert result.conflicts[0].describe() == 'status was changed on both sides: ours "planning", theirs "on_hold"'
    assert result.data["summary"] == "A"  # everything else is still merged


def test_removing_a_value_on_one_side_and_changing_it_on_the_other_is_a_conflict():
    base = full(summary="Alt")
    result = merge(base, full(summary=None), full(summary="Neu"))
    assert [conflict.where for conflict in result.conflicts] == ["summary"]


def test_lists_merge_as_sets_of_additions_and_removals_from_both_sides():
    base = full(municipalities=["rheine", "greven"], topics=["radverkehr", "alltag"])
    ours = full(municipalities=["rheine", "greven", "emsdetten"], topics=["radverkehr"])
    theirs = full(municipalities=["rheine", "ochtrup"], topics=["radverkehr", "alltag", "schule"])
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.data["municipalities"] == ["rheine", "emsdetten", "ochtrup"]
    assert result.data["topics"] == ["radverkehr", "schule"]


def test_two_appends_keep_a_stable_order_ours_then_theirs():
    assert merged_order(["a", "b", "x"], ["a", "b", "y"], ["a", "b"], {"a", "b", "x", "y"}) == ["a", "b", "x", "y"]
    assert merged_order(["a", "x", "b"], ["a", "b", "y"], ["a", "b"], {"a", "b", "x", "y"}) == ["a", "x", "b", "y"]
    assert merged_order(["a", "b"], ["y", "a", "b"], ["a", "b"], {"a", "b", "y"}) == ["y", "a", "b"]


def test_a_new_primary_field_of_action_on_one_side_survives_an_addition_on_the_other():
    base = full(fields_of_action=["mobilitaet", "umwelt"])
    ours = full(fields_of_action=["mobilitaet", "umwelt", "energie"])
    theirs = full(fields_of_action=["umwelt", "mobilitaet"])
    result = merge(base, ours, theirs)
    assert result.clean and result.data["fields_of_action"] == ["umwelt", "mobilitaet", "energie"]


def test_two_different_new_primary_fields_of_action_are_a_conflict():
    base = full(fields_of_action=["mobilitaet", "umwelt"])
    result = merge(
        base,
        full(fields_of_action=["umwelt", "mobilitaet"]),
        full(fields_of_action=["energie", "mobilitaet", "umwelt"]),
    )
    assert [(conflict.where, conflict.kind) for conflict in result.conflicts] == [("fields_of_action", "primary")]


def test_tables_in_lists_merge_by_their_title_or_name():
    assert {name: table_key(name) for name in registry().names_of(Kind.TABLE_LIST)} == {
        "funding": "source",
        "milestones": "title",
        "kpis": "name",
        "measurements": ("kpi", "date"),
        "decisions": ("body", "date"),
    }
    base = full(milestones=[{"title": "Planung", "due": date(2026, 3, 31)}, {"title": "Bau"}])
    ours = full(
        milestones=[
            {"title": "Planung", "due": date(2026, 3, 31), "done": True},
            {"title": "Bau"},
            {"title": "Eröffnung"},
        ]
    )
    theirs = full(
        milestones=[{"title": "Planung", "due": date(2026, 4, 30)}, {"title": "Bau"}, {"title": "Förderbescheid"}]
    )
    result = merge(base, ours, theirs)
    assert result.clean
    merged = [(table["title"], table["due"], table["done"]) for table in result.data["milestones"]]
    assert merged == [
        ("Planung", date(2026, 4, 30), True),
        ("Bau", None, False),
        ("Eröffnung", None, False),
        ("Förderbescheid", None, False),
    ]


def test_a_table_changed_differently_on_both_sides_is_a_conflict_named_by_item_and_key():
    base = full(kpis=[{"name": "Radfahrende", "target": 100}])
    result = merge(
        base, full(kpis=[{"name": "Radfahrende", "target": 150}]), full(kpis=[{"name": "Radfahrende", "target": 200}])
    )
    assert [conflict.where for conflict in result.conflicts] == ['kpis["Radfahrende"].target']


def test_a_table_removed_on_one_side_and_changed_on_the_other_is_a_conflict():
    base = full(milestones=[{"title": "Planung"}, {"title": "Bau"}])
    result = merge(
        base,
        full(milestones=[{"title": "Bau"}]),
        full(milestones=[{"title": "Planung", "done": True}, {"title": "Bau"}]),
    )
    assert [(conflict.where, conflict.kind) for conflict in result.conflicts] == [
        ('milestones["Planung"]', "removed-and-changed")
    ]
    assert "removed on one side (ours) and changed on the other (theirs)" in result.conflicts[0].describe()


def test_both_sides_adding_the_file_merge_what_they_agree_on_and_conflict_on_the_rest():
    result = merge(None, full(status="idea", topics=["a-b"]), full(status="concept", topics=["c-d"]))
    assert [conflict.where for conflict in result.conflicts] == ["status"]
    assert result.data["topics"] == ["a-b", "c-d"]


# The file level: bytes in, canonical bytes (or markers) out.


def test_a_clean_merge_is_written_in_canonical_form():
    base = text_of()
    ours = base.replace(b'status = "idea"', b'status = "concept"')
    theirs = base.replace(b'    "rheine",\n', b'    "rheine",\n    "greven",\n')
    merged = merge_file_bytes(base, ours, theirs, "projects/radweg.toml")
    assert merged.clean
    expected = text_of(status="concept", municipalities=["rheine", "greven"])
    assert merged.result == expected


def test_a_conflict_is_written_with_markers_around_that_field_only_and_check_finds_them():
    base = text_of()
    merged = merge_file_bytes(
        base,
        text_of(status="concept", topics=["radverkehr", "schule"]),
        text_of(status="on_hold", summary="Neu"),
        "projects/radweg.toml",
    )
    assert not merged.clean
    text = merged.result.decode()
    assert '<<<<<<< ours\nstatus = "concept"\n=======\nstatus = "on_hold"\n>>>>>>> theirs\n' in text
    assert 'summary = "Neu"' in text and '"schule"' in text  # the rest is merged
    parsed = parse_project_bytes(merged.result, "projects/radweg.toml", load_vocabulary())
    assert [(problem.code, problem.line) for problem in parsed.problems][:1] == [("conflict-marker", 3)]


def test_a_conflicting_table_gets_markers_around_its_own_line():
    base = text_of(milestones=[{"title": "Planung"}, {"title": "Bau"}])
    merged = merge_file_bytes(
        base,
        text_of(milestones=[{"title": "Planung", "due": date(2026, 12, 1), "done": True}, {"title": "Bau"}]),
        text_of(milestones=[{"title": "Planung", "due": date(2027, 1, 1)}, {"title": "Bau"}]),
        "projects/radweg.toml",
        marker_size=9,
    )
    text = merged.result.decode()
    assert (
        'milestones = [\n<<<<<<<<< ours\n    { title = "Planung", due = 2026-12-01, done = true },\n=========\n'
        '    { title = "Planung", due = 2027-01-01 },\n>>>>>>>>> theirs\n    { title = "Bau" },\n]\n'
    ) in text


def test_a_merge_that_would_not_be_valid_is_a_conflict_of_that_field():
    base = text_of(municipalities=["rheine", "greven"])
    merged = merge_file_bytes(
        base, text_of(municipalities=["rheine"]), text_of(municipalities=["greven"]), "projects/radweg.toml"
    )
    assert [(conflict.where, conflict.kind) for conflict in merged.conflicts] == [("municipalities", "invalid")]
    assert "municipalities must list at least 1 item(s); it is empty" in merged.conflicts[0].describe()


def test_dates_out_of_order_after_merging_are_a_conflict():
    base = text_of(start=date(2026, 1, 1), end=date(2026, 12, 31))
    merged = merge_file_bytes(
        base,
        text_of(start=date(2026, 10, 1), end=date(2026, 12, 31)),
        text_of(start=date(2026, 1, 1), end=date(2026, 6, 30)),
        "projects/radweg.toml",
    )
    assert [conflict.where for conflict in merged.conflicts] == ["end"]


@pytest.mark.parametrize(
    "broken",
    [
        b'title = "Radweg\n',  # invalid TOML
        b'<<<<<<< HEAD\nstatus = "idea"\n=======\nstatus = "concept"\n>>>>>>> x\n',  # unresolved markers
        b'title = "Radweg"\nmodule = "zwei"\n',  # wrong structure
    ],
)
def test_a_side_that_cannot_be_read_is_never_merged_by_guessing(broken):
    base = text_of()
    merged = merge_file_bytes(base, text_of(status="concept"), broken, "projects/radweg.toml")
    assert merged.result is None and not merged.clean
    assert merged.unreadable and all("(theirs)" in problem.path for problem in merged.unreadable)


def test_vocabulary_is_not_a_merge_question():
    base = text_of()
    merged = merge_file_bytes(
        base, text_of(status="concept"), text_of(municipalities=["rheine", "neustadt-am-see"]), "projects/radweg.toml"
    )
    assert merged.clean and b'"neustadt-am-see"' in merged.result


def test_an_unchanged_side_returns_the_other_side_as_it_is():
    base = text_of()
    theirs = base + b"# a comment\n"
    assert merge_file_bytes(base, base, theirs, "p").result == theirs
    assert merge_file_bytes(base, theirs, base, "p").result == theirs


def test_minimal_project_merges_as_well():
    base = canonical_file(minimal_project()).encode()
    ours = canonical_file(minimal_project(status="concept")).encode()
    theirs = canonical_file(minimal_project(partners=["WESt mbH"])).encode()
    merged = merge_file_bytes(base, ours, theirs, "p")
    assert merged.clean
    assert merged.result == canonical_file(minimal_project(status="concept", partners=["WESt mbH"])).encode()
