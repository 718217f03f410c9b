"""The fast writer of TOML values (portfolio/files/toml_literals.py) writes what tomli_w writes.

The canonical form is tomli_w's output; the fast writer only saves time. Any value it writes at all
must come out byte for byte as tomli_w writes it, with and without multi-line strings, at the top
level, in arrays and in inline tables.
"""

from __future__ import annotations

from datetime import date, datetime

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.files.canonical import field_text, table_item_text
from portfolio.files.toml_literals import literal

# Text of every kind: what needs escaping (quotes, backslashes, control characters, CR LF), tabs,
# line breaks, non-ASCII, and plain words, which take the fast path.
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from('ab "\\\t\n\r\x00\x1f\x7fäß€\u202e')),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126, exclude_characters='"\\')),
)
SCALARS = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
)
KEYS = st.one_of(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), st.text(min_size=1, max_size=5))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(value=VALUES, multiline=st.booleans())
def test_every_value_written_fast_is_written_as_tomli_w_writes_it(value, multiline):
    # In an array of arrays, as tomli_w writes any value in an array (a table there is an inline table).
    fast = literal([[value]], multiline)
    if fast is not None:
        assert fast == tomli_w.dumps({"k": [[value]]}, multiline_strings=multiline)[len("k = ") : -1]


@settings(max_examples=300, deadline=None)
@given(key=KEYS, value=VALUES)
def test_a_field_is_written_as_tomli_w_writes_it(key, value):
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return  # arrays of tables have the canonical form's own layout, tested below
    assert field_text(key, value) == tomli_w.dumps({key: value}, multiline_strings=True)


@settings(max_examples=200, deadline=None)
@given(table=st.dictionaries(KEYS, SCALARS, min_size=1, max_size=5))
def test_a_table_of_an_array_is_one_line_of_tomli_w_pairs(table):
    pairs = ", ".join(tomli_w.dumps({key: value})[:-1] for key, value in table.items())
    assert table_item_text(table) == "    { " + pairs + " },\n"


def test_the_fast_path_is_taken_for_plain_values():
    """The cases that make a check fast: plain text, numbers, dates and lists of them."""
    assert literal("Digitales Rathaus", True) == '"Digitales Rathaus"'
    assert literal("zwei\nZeilen", True) == '"""\nzwei\nZeilen"""'
    assert literal(["a", 1, date(2027, 3, 1)], True) == '[\n    "a",\n    1,\n    2027-03-01,\n]'
    assert literal(datetime(2027, 3, 1, 12, 0), False) == "2027-03-01 12:00:00"
    assert literal('mit "Anführung"', True) is None  # left to tomli_w
