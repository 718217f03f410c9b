"""Which floats msgspec writes as ``json.dumps`` does (``portfolio.history.indented_json``)."""

from __future__ import annotations

from typing import Any


def floats_alike(value: Any) -> bool:
    """Whether every float in ``value`` (its keys too) is spelled by msgspec as by ``json.dumps``:
    zero, or at least 1e-4 and below 1e16 in size. repr writes the others with an exponent, which
    msgspec spells otherwise (1e16 for 1e+16, 0.00005 for 5e-05); NaN and infinity it writes as null."""
    if isinstance(value, float):
        return value == 0 or 1e-4 <= abs(value) < 1e16
    if isinstance(value, (list, tuple)):
        return all(map(floats_alike, value))
    if isinstance(value, dict):
        return all(map(floats_alike, value)) and all(map(floats_alike, value.values()))
    return True
