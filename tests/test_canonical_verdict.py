"""The checker tells a canonical file from its data without writing its canonical form
(``canonical.spelled_canonically``); it must never call a file canonical that is not.

Differential: every text the fast verdict calls canonical is byte for byte ``canonical_text`` of its
project. The texts are the bundled projects, as they are and edited: by the edits people make
(reordered lines, numbers spelled otherwise, escapes, blank lines, multi-line strings, empty
values, tabs, reordered table keys) and by random insertions and deletions of the characters that
matter to TOML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.canonical import canonical_text, spelled_canonically
from portfolio.files.fastread import read_canonical

REPOSITORY = Path(__file__).resolve().parents[1]
VOCABULARY = load_vocabulary(REPOSITORY)
BUNDLED = [path.read_text(encoding="utf-8") for path in sorted((REPOSITORY / "projects").glob("*.toml"))]


def _verdict(text: str) -> bool | None:
    """The fast verdict on ``text``, or None where it does not apply (not fast-read, not valid)."""
    data = read_canonical(text)
    if data is None:
        return None
    try:
        project = parse_project(data, VOCABULARY)
    except ValidationError:
        return None
    fast = spelled_canonically(text, data, project)
    if fast:
        assert canonical_text(project) == text, "the fast verdict called a non-canonical text canonical"
    return fast


def test_every_bundled_project_is_canonical_by_the_fast_verdict():
    assert BUNDLED
    assert all(_verdict(text) is True for text in BUNDLED)


def _swap_lines(text: str, index: int) -> str:
    lines = text.split("\n")
    index %= max(1, len(lines) - 2)
    lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "\n".join(lines)


EDITS = [
    lambda text: re.sub(r"(= |    )(\d+)\b(?!-)", r"\g<1>\g<2>.0", text, count=1),  # 2 -> 2.0
    lambda text: re.sub(r"(= |    )(\d+)\.(\d*[1-9])\b", r"\g<1>\g<2>.\g<3>0", text, count=1),  # 1.5 -> 1.50
    lambda text: text.replace("ü", "\\u00fc", 1),
    lambda text: text.replace("\n", "\n\n", 1),
    lambda text: "\n" + text,
    lambda text: re.sub(r'^(title = )"(.*)"$', r'\1"""\n\2"""', text, count=1, flags=re.M),
    lambda text: text + 'notes = ""\n',
    lambda text: text.replace(" ", "\t", 1),
    lambda text: re.sub(r"\{ (\w+ = [^,]+), (\w+ = [^,}]+)", r"{ \2, \1", text, count=1),
    lambda text: text.replace('"', '"\\"', 1).replace('"\\"', '"\\"x', 1),
    lambda text: re.sub(r'^(summary = ".*)"$', r'\1\\nzweite Zeile"', text, count=1, flags=re.M),
    lambda text: re.sub(r"^(\w+) = \[\n    (.*),\n\]$", r"\1 = [\n    \2,\n    \2,\n]", text, count=1, flags=re.M),
]


@pytest.mark.parametrize("edit", range(len(EDITS)))
def test_an_edited_file_is_never_called_canonical_wrongly(edit):
    edited = [EDITS[edit](text) for text in BUNDLED]
    assert any(after != before for after, before in zip(edited, BUNDLED)), "the edit never applied"
    verdicts = [_verdict(text) for text in edited if text not in BUNDLED]
    assert True not in verdicts  # each edit leaves the canonical form


def test_the_edits_reach_the_fast_verdict():
    """Most edits keep the file readable by the fast reader and valid: the verdict itself says no."""
    reached = {index for index, edit in enumerate(EDITS) if any(_verdict(edit(text)) is False for text in BUNDLED)}
    assert len(reached) >= 5, reached


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(list(' \n\t"\\0.,{}[]=éa-#')), st.booleans()),
        min_size=1,
        max_size=3,
    ),
    swap=st.one_of(st.none(), st.integers(0, 200)),
)
def test_random_edits_are_never_called_canonical_wrongly(seed, edits, swap):
    text = BUNDLED[seed % len(BUNDLED)]
    if swap is not None:
        text = _swap_lines(text, swap)
    for position, char, insert in edits:
        position %= len(text)
        text = text[:position] + char + text[position:] if insert else text[:position] + text[position + 1 :]
    _verdict(text)


def test_data_is_the_same_only_with_the_same_types_and_order():
    """Python calls 0 and False, 1 and 1.0, and dicts in any order equal; the canonical form does not."""
    data = {
        "title": "Ein Projekt",
        "module": 2,
        "status": "idea",
        "municipalities": ["rheine"],
        "fields_of_action": ["umwelt"],
        "budget_eur": 1,
        "kpis": [{"name": "x", "unit": "%"}],
    }
    project = parse_project(data, VOCABULARY)
    assert project.written_as(data) and project.written_as(project.to_data())
    assert not project.written_as({**data, "budget_eur": 1.0})
    assert not project.written_as({**data, "budget_eur": True})
    assert not project.written_as({"module": 2, **data})  # the same keys in another order
    assert not project.written_as({**data, "kpis": [{"unit": "%", "name": "x"}]})
    assert not project.written_as({**data, "public": True})  # the default is left out of the file
    assert not project.written_as({**data, "sdgs": []})
    assert not project.written_as({**data, "kpis": [{"name": "x", "unit": "%"}, {"name": "y"}]})
    assert not project.written_as({key: value for key, value in data.items() if key != "budget_eur"})
    assert not project.written_as({})
