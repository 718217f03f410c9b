"""The limits of a project's texts, and what is said of a value none of a vocabulary's slugs,
without pydantic: read by the model's types (``portfolio.domain.value_types``), by the quick
acceptance (``portfolio.domain.acceptance``) and by the quick verdicts (``portfolio.files.quick_verdicts``)."""

from __future__ import annotations

import re

from portfolio.i18n import _

TOPIC_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TOPIC_RE = re.compile(TOPIC_PATTERN)

TITLE_MIN, TITLE_MAX = 3, 120
SUMMARY_MAX = 500


def unknown_slug_message(kind: str, value: str, known: tuple[str, ...]) -> str:
    """What the model says of a value that is none of its vocabulary's slugs (``kind``: status, ...)."""
    from difflib import get_close_matches

    close = get_close_matches(value, known, n=1)
    hint = _("; did you mean {suggestion!r}?").format(suggestion=close[0]) if close else ""
    return _("unknown {kind} {value!r}{hint} (the known ones are in schema/{file})").format(
        kind=_vocabulary_kind_name(kind), value=value, hint=hint, file=_VOCABULARY_FILE[kind]
    )


_VOCABULARY_FILE = {
    "municipality": "municipalities.toml",
    "field": "fields_of_action.toml",
    "status": "statuses.toml",
    "priority": "portfolio.toml",
    "funding-status": "portfolio.toml",
    "decision-result": "decision_results.toml",
}


def _vocabulary_kind_name(kind: str) -> str:
    return {
        "municipality": _("municipality"),
        "field": _("field of action"),
        "status": _("status"),
        "priority": _("priority"),
        "funding-status": _("funding status"),
        "decision-result": _("decision result"),
        "module": _("module"),
        "sdg": _("SDG"),
    }[kind]
