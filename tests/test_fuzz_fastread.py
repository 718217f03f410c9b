"""Differential fuzz test: the fast reader accepts exactly what tomllib accepts, with tomllib's values.

The reader may give up (``None``) on anything; it must never return data for a text tomllib
refuses, nor other data than tomllib's. The texts are built from the line shapes the reader knows,
with string bodies, escapes (surrogates among them), control characters, odd whitespace and number
forms that TOML refuses or JSON reads differently.
"""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portfolio.files.fastread import read_canonical

_ESCAPES = st.sampled_from(
    [
        r"\n",
        r"\t",
        r"\"",
        r"\\",
        r"\b",
        r"\f",
        r"\r",
        r"\/",
        r"\e",
        r"\x41",
        r"\a",
        r"\ ",
        r"\u00e9",
        r"\u0000",
        r"\u001b",
        r"\ud83d",
        r"\ude00",
        r"\ud83d\ude00",
        r"\uD800\uDC00",
        r"\udbff\udfff",
        r"\u12",
        r"\U0001F600",
        r"\U0000d800",
        r"\U00110000",
        r"\UFFFFFFFF",
    ]
)
_ODD_CHARACTERS = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u00a0", "\u2028", "\u200b", "\ufeff", "\t", "'"]
)
_STRING_BODY = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=4), _ESCAPES, _ODD_CHARACTERS), max_size=6
).map("".join)
_NUMBERS = st.sampled_from(
    [
        "0",
        "-0",
        "+1",
        "01",
        "1_000",
        "0x1f",
        "0o7",
        "0b1",
        "1.5",
        "-0.0",
        ".5",
        "5.",
        "1e5",
        "1E+05",
        "1e-0",
        "1.5e",
        "1e400",
        "inf",
        "nan",
        "-inf",
        "9" * 30,
        "2026-01-31",
        "2026-02-30",
        "0000-01-01",
        "2026-01-31T12:00:00",
        "2026-01-31 12:00:00",
        "12:00:00",
        "true",
        "false",
        "True",
    ]
)
_SCALAR = st.one_of(_STRING_BODY.map(lambda body: f'"{body}"'), _NUMBERS)
_KEY = st.sampled_from(["title", "a", "a-b", "A_1", "1", "a.b", '"q"', "é", "a b", ""])
_INLINE = st.lists(st.tuples(_KEY, _SCALAR), max_size=3).map(
    lambda pairs: "{ " + ", ".join(f"{key} = {value}" for key, value in pairs) + " }" if pairs else "{}"
)
_ARRAY = st.lists(st.one_of(_SCALAR, _INLINE), max_size=3).map(
    lambda items: "[\n" + "".join(f"    {item},\n" for item in items) + "]" if items else "[]"
)
_MULTILINE = _STRING_BODY.map(lambda body: f'"""\n{body}"""')
_WHITESPACE = st.sampled_from([" = ", " =", "= ", "\t=\t", " = \u00a0", "  =  "])
_LINE = st.one_of(
    st.builds(lambda key, value: f"{key} = {value}", _KEY, st.one_of(_SCALAR, _ARRAY, _MULTILINE, _INLINE)),
    st.builds(lambda key, space, value: f"{key}{space}{value}", _KEY, _WHITESPACE, _SCALAR),
    _KEY.map(lambda key: f"[[{key}]]"),
    _KEY.map(lambda key: f"[{key}]"),
    st.sampled_from(["", "# comment", " ", "\t"]),
)
_DOCUMENTS = st.lists(_LINE, max_size=6).map(lambda lines: "".join(line + "\n" for line in lines))


def _tomllib_verdict(text: str) -> object:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def _assert_same_verdict(text: str) -> None:
    fast = read_canonical(text)  # must never raise
    if fast is None:
        return
    expected = _tomllib_verdict(text)
    assert expected is not None, f"fast reader accepts what tomllib refuses: {text!r} -> {fast!r}"
    assert repr(fast) == repr(expected), f"fast reader reads other data than tomllib: {text!r}"


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
@example('t = "\\ud83d\\ude00"\n')  # a surrogate pair as two escapes: JSON joins them, TOML refuses
@example('t = [\n    "\\uD800\\uDC00",\n]\n')
@example('t = [\n    { a = "\\udbff\\udfff" },\n]\n')
def test_fast_reader_agrees_with_tomllib(text):
    _assert_same_verdict(text)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.data())
def test_edited_text_agrees_with_tomllib(text, data):
    if not text:
        return
    position = data.draw(st.integers(0, len(text) - 1))
    insert = data.draw(st.one_of(_ESCAPES, _ODD_CHARACTERS, st.sampled_from(['"', "\\", "\n", " ", "=", ","])))
    cut = 1 if data.draw(st.booleans()) else 0
    _assert_same_verdict(text[:position] + insert + text[position + cut :])
