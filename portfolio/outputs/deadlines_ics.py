"""Deadlines as an iCalendar file (RFC 5545) that people subscribe to in their calendar.

Written by hand, not with a library: the format needed is small (one all-day event per deadline)
and this way the core needs no further dependency. The rules that matter are followed here:
CRLF line endings, lines folded at 75 octets (never inside a UTF-8 character), and TEXT values
with backslash, semicolon, comma and newline escaped. Control and bidi characters of user text are
shown as escapes first (``portfolio.textsafety``), as in every other output.

The file is reproducible: DTSTAMP is the day the deadlines are computed for (``--today`` or
``SOURCE_DATE_EPOCH``), and each event's UID is a hash of what it is, so a calendar that
subscribes sees the same event again, not a new one, on every download.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit

from portfolio.i18n import _
from portfolio.outputs.deadlines import Deadline
from portfolio.textsafety import escape_control

_FOLD_AT = 75  # octets per line, without the CRLF (RFC 5545, 3.1)


def ics_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): unsafe characters shown as escapes, then \\ ; , and newlines escaped."""
    shown = escape_control(value, keep_newlines=True).replace("\r\n", "\n").replace("\r", "\n")
    return shown.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets, each continuation starting with a space."""
    pieces, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _FOLD_AT if not pieces else _FOLD_AT - 1  # a continuation's leading space counts
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def uid_domain(base_url: str | None) -> str:
    """The right-hand side of the UIDs: the host the portfolio is published at, else ``portfolio``."""
    host = urlsplit(base_url).hostname if base_url else None
    return host or "portfolio"


def deadline_uid(deadline: Deadline, domain: str) -> str:
    """Stable for the same deadline: its project, kind, what and day."""
    key = "\x1f".join((deadline.project_id, deadline.kind, deadline.what, deadline.day.isoformat()))
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}@{domain}"


def summary(deadline: Deadline) -> str:
    """``proof of use: Land NRW (Mobilstationen in Greven)``; the project's end names only the project."""
    if deadline.what:
        return _("{kind}: {what} ({title})").format(kind=deadline.kind_label, what=deadline.what, title=deadline.title)
    return _("{kind}: {title}").format(kind=deadline.kind_label, title=deadline.title)


def _event(deadline: Deadline, domain: str, stamp: str) -> list[str]:
    description = _("Project {id}: {title}").format(id=deadline.project_id, title=deadline.title)
    return [
        "BEGIN:VEVENT",
        f"UID:{deadline_uid(deadline, domain)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(deadline.day)}",
        f"DTEND;VALUE=DATE:{_day(deadline.day + timedelta(days=1))}",
        f"SUMMARY:{ics_text(summary(deadline))}",
        f"DESCRIPTION:{ics_text(description)}",
        f"CATEGORIES:{ics_text(deadline.kind_label)}",
        "TRANSP:TRANSPARENT",  # a deadline does not make anyone busy that day
        "END:VEVENT",
    ]


def deadlines_ics(deadlines: Iterable[Deadline], *, today: date, region: str, domain: str) -> str:
    """The calendar of ``deadlines``, CRLF line endings, ready to be written to a file as UTF-8."""
    stamp = f"{_day(today)}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Smart Region Portfolio//portfolio due//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(_('Deadlines – {region}').format(region=region))}",
    ]
    for deadline in deadlines:
        lines.extend(_event(deadline, domain, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
