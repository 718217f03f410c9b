"""Dates, numbers and amounts as people of the chosen language write them (26.11.2026, 1.234.567 €).

Reading them back, as people type them, is ``portfolio.typed_input``.

English keeps ISO dates (2026-11-26) and writes 1,234,567 and €1,234,567. A language without its
own style here is written like English.
"""

from __future__ import annotations

from datetime import date, datetime

from portfolio.i18n import current_language

_GERMAN = ("de",)


def _language(language: str | None) -> str:
    return language or current_language()


def number_marks(language: str | None = None) -> tuple[str, str]:
    """(the mark that groups thousands, the decimal mark): ``(".", ",")`` in German, ``(",", ".")`` otherwise."""
    return (".", ",") if _language(language) in _GERMAN else (",", ".")


def format_date(value: date | str, language: str | None = None) -> str:
    """A day: ``26.11.2026`` in German, ``2026-11-26`` otherwise. ISO text is accepted too."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    if _language(language) in _GERMAN:
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return value.isoformat()


def format_datetime(value: datetime | str, language: str | None = None) -> str:
    """A moment to the minute, in the time zone it was recorded in: ``26.11.2026 14:03``."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{format_date(value.date(), language)} {value.hour:02d}:{value.minute:02d}"


def format_number(value: int | float, language: str | None = None) -> str:
    """``1.234.567`` and ``1.234,5`` in German, ``1,234,567`` and ``1,234.5`` otherwise."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = f"{int(value):,}"
    elif isinstance(value, float):
        text = f"{value:,.15g}" if "e" in f"{value:.15g}" else f"{value:,.{_decimals(value)}f}"
    else:
        text = f"{value:,}"
    group, mark = number_marks(language)
    return text.translate(str.maketrans({",": group, ".": mark}))


def _decimals(value: float) -> int:
    shortest = repr(value)
    return len(shortest.split(".", 1)[1]) if "." in shortest and "e" not in shortest else 0


def format_euros(value: int | float, language: str | None = None) -> str:
    """``1.234.567 €`` in German, ``€1,234,567`` otherwise."""
    number = format_number(value, language)
    if _language(language) in _GERMAN:
        return f"{number} €"
    return f"€{number}"
