"""Whether a file's data is certainly a valid project, without pydantic.

``certainly_valid`` says yes only for data the pydantic model (``portfolio.domain.model``) accepts;
when it says no, the model decides, and its errors are the messages people read. It may say no to
valid data (a ``datetime`` where a date belongs, a field it does not know): that costs time, never
a wrong verdict. A differential test holds it to the model on every bundled project, on a corpus
of broken files and on thousands of mutations of valid data (``tests/test_acceptance.py``).

Why: importing pydantic and building the model takes a tenth of a second, more than the rest of
``show`` or the merge driver together; almost every file they read is valid.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from portfolio.domain.fields import registry
from portfolio.domain.ids import ID_RE
from portfolio.domain.value_rules import SUMMARY_MAX, TITLE_MAX, TITLE_MIN, TOPIC_RE
from portfolio.textsafety import find_unsafe

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary

Check = Callable[[Any, "Vocabulary"], bool]


def _single_line(value: Any) -> bool:
    return type(value) is str and value != "" and value == value.strip() and find_unsafe(value) is None


def _multi_line(value: Any) -> bool:
    return type(value) is str and value.strip() != "" and find_unsafe(value, multiline=True) is None


def _whole(value: Any) -> bool:
    return type(value) is int and value >= 0


def _number(value: Any) -> bool:
    return type(value) is int or (type(value) is float and math.isfinite(value))


def _date(value: Any) -> bool:
    return type(value) is date


def _https(value: Any) -> bool:
    if not _single_line(value) or " " in value:
        return False
    from urllib.parse import urlsplit  # a link is rare; the module costs 2 ms

    try:
        parts = urlsplit(value)
        return parts.scheme == "https" and bool(parts.hostname)
    except ValueError:
        return False


def _project_id(value: Any) -> bool:
    return type(value) is str and ID_RE.fullmatch(value) is not None


def _topic(value: Any) -> bool:
    return type(value) is str and TOPIC_RE.fullmatch(value) is not None


def _plain(test: Callable[[Any], bool]) -> Check:
    return lambda value, _vocabulary: test(value)


def _text(low: int, high: int | None) -> Check:
    return lambda value, _vocabulary: _single_line(value) and low <= len(value) and (high is None or len(value) <= high)


def _known(kind: type, attribute: str) -> Check:
    return lambda value, vocabulary: type(value) is kind and value in getattr(vocabulary, attribute)


def _unique(values: list) -> bool:
    return len(set(values)) == len(values)


def _listing(item: Check, *, min_length: int = 0) -> Check:
    def check(values: Any, vocabulary: Vocabulary) -> bool:
        return (
            type(values) is list
            and len(values) >= min_length
            and all(item(value, vocabulary) for value in values)
            and _unique(values)
        )

    return check


def _in_order(entry: dict, later: str, earlier: str) -> bool:
    return later not in entry or earlier not in entry or entry[later] >= entry[earlier]


# The parts of each list of tables: (check, required), and what no two entries may share.
_TABLES: dict[str, tuple[dict[str, tuple[Check, bool]], tuple[str, ...]]] = {
    "funding": (
        {
            "source": (_plain(_single_line), True),
            "programme": (_plain(_single_line), False),
            "amount_eur": (_plain(_whole), False),
            "status": (_known(str, "funding_status_slugs"), False),
            "rate_percent": (_plain(lambda value: _number(value) and 0 <= value <= 100), False),
            "own_share_eur": (_plain(_whole), False),
            "decision_date": (_plain(_date), False),
            "period_start": (_plain(_date), False),
            "period_end": (_plain(_date), False),
            "proof_due": (_plain(_date), False),
            "interim_due": (_listing(_plain(_date)), False),
        },
        ("source",),
    ),
    "milestones": (
        {
            "title": (_plain(_single_line), True),
            "due": (_plain(_date), False),
            "done": (_plain(lambda value: type(value) is bool), False),
        },
        ("title",),
    ),
    "kpis": (
        {
            "name": (_plain(_single_line), True),
            "unit": (_plain(_single_line), False),
            "baseline": (_plain(_number), False),
            "target": (_plain(_number), False),
        },
        ("name",),
    ),
    "measurements": (
        {
            "kpi": (_plain(_single_line), True),
            "date": (_plain(_date), True),
            "value": (_plain(_number), True),
            "note": (_plain(_single_line), False),
        },
        ("kpi", "date"),
    ),
    "decisions": (
        {
            "body": (_plain(_single_line), True),
            "date": (_plain(_date), True),
            "reference": (_plain(_single_line), True),
            "result": (_known(str, "decision_result_slugs"), True),
            "url": (_plain(_https), False),
        },
        ("body", "date"),
    ),
}


def _tables(name: str) -> Check:
    parts, unique_by = _TABLES[name]
    required = [part for part, (_check, needed) in parts.items() if needed]

    def check(entries: Any, vocabulary: Vocabulary) -> bool:
        if type(entries) is not list:
            return False
        keys = set()
        for entry in entries:
            if type(entry) is not dict or any(part not in entry for part in required):
                return False
            for part, value in entry.items():
                known = parts.get(part)
                if known is None or not known[0](value, vocabulary):
                    return False
            keys.add(tuple(entry[part] for part in unique_by))
        if name == "funding" and not all(
            _in_order(entry, "period_end", "period_start") and _in_order(entry, "proof_due", "period_end")
            for entry in entries
        ):
            return False
        return len(keys) == len(entries)

    return check


_FIELDS: dict[str, Check] = {
    "title": _text(TITLE_MIN, TITLE_MAX),
    "module": _known(int, "module_numbers"),
    "status": _known(str, "status_slugs"),
    "municipalities": _listing(_known(str, "municipality_slugs"), min_length=1),
    "fields_of_action": _listing(_known(str, "field_slugs"), min_length=1),
    "public": _plain(lambda value: type(value) is bool),
    "summary": _text(0, SUMMARY_MAX),
    "description": _plain(_multi_line),
    "priority": _known(str, "priority_slugs"),
    "lead": _plain(_single_line),
    "contact": _plain(_single_line),
    "partners": _listing(_plain(_single_line)),
    "topics": _listing(_plain(_topic)),
    "start": _plain(_date),
    "end": _plain(_date),
    "budget_eur": _plain(_whole),
    "funding": _tables("funding"),
    "milestones": _tables("milestones"),
    "kpis": _tables("kpis"),
    "measurements": _tables("measurements"),
    "decisions": _tables("decisions"),
    "sdgs": _listing(_known(int, "sdg_numbers")),
    "adopted_from": _plain(_project_id),
    "links": _listing(_plain(_https)),
    "depends_on": _listing(_plain(_project_id)),
    "notes": _plain(_multi_line),
}
REQUIRED = ("title", "module", "status", "municipalities", "fields_of_action")


def knows_the_fields() -> bool:
    """Whether the registry in use is the one this module was written for (a test may extend it)."""
    return registry().names == tuple(_FIELDS)


def certainly_valid(data: Any, vocabulary: Vocabulary) -> bool:
    """True only for data the model accepts; False when it is invalid or this cannot tell."""
    if type(data) is not dict or not knows_the_fields():
        return False  # an extended registry has fields this does not know: the model decides
    return all(certainly_valid_field(name, value, vocabulary) for name, value in data.items()) and valid_together(data)


def certainly_valid_field(name: str, value: Any, vocabulary: Vocabulary) -> bool:
    """Whether ``value`` is certainly valid for the field ``name`` on its own (``certainly_valid``
    of data whose fields all are asks ``valid_together`` of them too)."""
    check = _FIELDS.get(name)
    return check is not None and check(value, vocabulary)


def valid_together(data: dict[str, Any]) -> bool:
    """The rules over several fields, for data whose every field is certainly valid on its own: the
    required ones present, the end not before the start, every measurement of a KPI the project has."""
    for name in REQUIRED:
        if name not in data:
            return False
    if "start" in data and "end" in data and data["end"] < data["start"]:
        return False
    if "measurements" not in data:
        return True
    measured = {measurement["kpi"] for measurement in data["measurements"]}
    return measured <= {kpi["name"] for kpi in data.get("kpis", ())}
