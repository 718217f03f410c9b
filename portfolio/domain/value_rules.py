"""The limits of a project's texts, without pydantic: read by the model's types
(``portfolio.domain.value_types``) and by the quick acceptance (``portfolio.domain.acceptance``)."""

from __future__ import annotations

import re

TOPIC_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TOPIC_RE = re.compile(TOPIC_PATTERN)

TITLE_MIN, TITLE_MAX = 3, 120
SUMMARY_MAX = 500
