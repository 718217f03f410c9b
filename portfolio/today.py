"""The day outputs are made on: today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds.

``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC; reproducible-builds.org) makes a report or catalogue
built twice from the same commit byte for byte the same, whatever the day of the build.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def output_day() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            pass  # an impossible moment: the real day, as without the variable
    return date.today()
