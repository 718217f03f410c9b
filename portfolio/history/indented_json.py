"""Indented JSON in pieces, byte for byte what ``textsafety.json_text(value, indent=2)`` writes, fast.

``json.dumps`` with an indent runs its pure-Python encoder (the C one cannot indent): a generator
per container and a ``yield`` per token, ~45 us per event of ``portfolio log --format json``,
which made writing the history cost more than reading it. Here the C encoder writes the values
on one line (``json_text``: the standard library's numbers, strings and escapes, control and bidi
characters made safe), and msgspec's ``json.format`` indents that text: it copies every number
and string as it is and only adds the line breaks and spaces ``indent=2`` would (checked against
``json_text`` in tests/test_history_streaming.py). Where it cannot (``NaN`` from a float that
is not finite is not JSON; a lone surrogate), ``json_text`` itself is used.

A value the caller knows msgspec writes as ``json.dumps`` does (``alike``: JSON's types, every float
finite and written without an exponent: ``json_floats.floats_alike``) is written on one line by msgspec,
~5x faster: its strings and escapes are the standard library's, and such floats too.

A list is made in batches, so that its first values are written before the rest is encoded
(``portfolio log | head``), and each batch is encoded in one call (few Python steps per value).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import msgspec

from portfolio.textsafety import json_safe, json_text

INDENT = 2
FIRST_BATCH, BATCH = 8, 512  # values of a list: a few first, then many per call


def _one_line(value: Any, alike: bool) -> str:
    if alike:
        try:
            return json_safe(msgspec.json.encode(value).decode("utf-8"))
        except (TypeError, ValueError, OverflowError):  # keys json.dumps makes strings of, a lone surrogate
            pass
    return json_text(value)


def indented_json(value: Any, depth: int = 0, *, alike: bool = False) -> str:
    """``json_text(value, indent=2)``, every line after the first moved right by ``depth`` levels.
    ``alike``: the caller knows that msgspec writes ``value`` as json.dumps does (see the module)."""
    try:
        text = msgspec.json.format(_one_line(value, alike), indent=INDENT)
    except (msgspec.DecodeError, UnicodeEncodeError):  # NaN or Infinity (not JSON, but what json.dumps
        # writes), a lone surrogate (not UTF-8; git's texts and TOML files cannot hold one)
        text = json_text(value, indent=INDENT)
    return text.replace("\n", "\n" + " " * (INDENT * depth)) if depth else text


def json_list_pieces(
    values: Iterable[Any], depth: int = 0, *, alike: Callable[[Any], bool] | None = None
) -> Iterator[str]:
    """The text of ``json_text(list(values), indent=2)`` at ``depth``, in pieces of a batch of values
    each. ``alike``: tells of a value whether msgspec writes it as json.dumps does (see the module)."""
    values = iter(values)
    size, first = FIRST_BATCH, True
    while batch := list(islice(values, size)):
        inner = indented_json(
            batch, depth, alike=alike is not None and all(map(alike, batch))
        )  # "[\n  {...},\n  {...}\n]" at this depth
        closing = len(inner) - (INDENT * depth + 2)  # where the "\n" + indentation + "]" begins
        yield ("[" if first else ",") + inner[1:closing]
        size, first = BATCH, False
    yield "[]" if first else "\n" + " " * (INDENT * depth) + "]"
