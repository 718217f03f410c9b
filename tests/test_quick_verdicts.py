"""The verdicts without a record (``files/quick_verdicts.py``) never contradict the full reading.

``check`` takes a file the quick verdict finds plainly fine (certainly valid, canonical, no comment)
without making its record. Held here to ``parse_project_bytes(..., lint=True)`` on the bundled
projects, on texts edited the ways people edit them (keys swapped, a default written out, a blank
line, a comment, an entry's parts reordered) and on thousands of mutations of valid data written
as they are: wherever the quick verdict says fine, the full reading finds no problem and the same
links; and the data-only canonical order agrees with the record's on every accepted data.
"""

from __future__ import annotations

import copy
import random

import tomli_w
from test_acceptance import BUNDLED, VOCABULARY, _mutations

from portfolio.domain.acceptance import certainly_valid
from portfolio.domain.parsing import parse_project
from portfolio.domain.project_record import project_from_data, written_in_order
from portfolio.files.canonical import canonical_text
from portfolio.files.quick_verdicts import plainly_fine_data
from portfolio.files.reading import parse_project_bytes


def _agrees(raw: bytes) -> bool:
    """Asserts that the quick verdict's fine is the full reading's; returns the quick verdict."""
    quick = plainly_fine_data(raw, VOCABULARY)
    if quick is None:
        return False
    full = parse_project_bytes(raw, "projects/x.toml", VOCABULARY, lint=True)
    assert full.project is not None and full.problems == [], (raw, full.problems)
    text, data = quick
    assert text == full.text
    assert tuple(data.get("depends_on", ())) == tuple(full.project.depends_on)
    assert data.get("adopted_from") == full.project.adopted_from
    return True


def _edits(text: str):
    lines = text.splitlines(keepends=True)
    yield text
    for index in range(len(lines) - 1):
        if " = " in lines[index] and " = " in lines[index + 1] and not lines[index].startswith(" "):
            yield "".join(lines[:index] + [lines[index + 1], lines[index]] + lines[index + 2 :])  # keys swapped
    yield lines[0] + "public = true\n" + "".join(lines[1:])  # a default written out
    yield lines[0] + "\n" + "".join(lines[1:])  # a blank line
    yield text + "# Entwurf\n"
    yield text.replace("done = true }", "done = false }").replace(", done = true", ", done = false")
    yield text.replace('{ title = "', '{ done = true, title = "', 1)  # an entry's parts reordered
    yield text.replace("\n", "\r\n")


def test_every_bundled_project_is_plainly_fine():
    for data in BUNDLED:
        raw = canonical_text(parse_project(copy.deepcopy(data), VOCABULARY)).encode("utf-8")
        assert _agrees(raw), raw


def test_edited_texts_are_fine_only_where_the_full_reading_finds_nothing():
    verdicts = {True: 0, False: 0}
    for data in BUNDLED:
        text = canonical_text(parse_project(copy.deepcopy(data), VOCABULARY))
        for edited in _edits(text):
            verdicts[_agrees(edited.encode("utf-8"))] += 1
    assert verdicts[True] >= len(BUNDLED) and verdicts[False] > 3 * len(BUNDLED), verdicts


def test_mutated_data_written_as_it_is_is_fine_only_where_the_full_reading_finds_nothing():
    rng = random.Random(7)
    verdicts = {True: 0, False: 0}
    orders = 0
    for data in BUNDLED[:: max(1, len(BUNDLED) // 6)]:
        for mutated in _mutations(data, rng):
            try:
                text = tomli_w.dumps(mutated, multiline_strings=True)
            except (TypeError, ValueError):
                continue  # not writable as TOML (a None, a NaN)
            verdicts[_agrees(text.encode("utf-8"))] += 1
            if certainly_valid(mutated, VOCABULARY):
                orders += 1
                assert written_in_order(mutated) == project_from_data(mutated).written_as(mutated), mutated
                shuffled = dict(rng.sample(list(mutated.items()), len(mutated)))
                assert written_in_order(shuffled) == project_from_data(shuffled).written_as(shuffled), shuffled
    assert verdicts[True] > 100 and verdicts[False] > 1000 and orders > 200, (verdicts, orders)
