"""Amounts, numbers and dates as people type them: the one reader behind the form, ``set``, ``new``,
``import`` and every date option.

The language decides how digits are grouped: German ``1.234.567,5``, English ``1,234,567.5``;
spaces (also no-break and narrow no-break spaces) group digits in both. Amounts may carry ``€`` or
``EUR`` before or after. Dates are ``2027-03-01``, ``01.03.2027`` or ``1.3.2027`` in every language
(nobody writes the month first with dots).

Nothing here guesses: a text is read as the language writes it or refused with a message that
quotes it and says how to write it (``Refused.message``, in the chosen language, without the
field's name: the caller knows the field and puts its label in front).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from portfolio.formats import format_number, number_marks
from portfolio.i18n import N_, _, in_every_language
from portfolio.textsafety import escape_control

SPACES = " \u00a0\u202f\u2009"
_SPACE_RUN = re.compile(f"(?<=\\d)[{SPACES}]+(?=\\d)")
_GROUP_SPACE = "\u2009"  # every run of spaces between digits, before the digits are read
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?(?![a-z]))|(?:€|(?<![a-z])eur(?:o)?)$", re.IGNORECASE)
_SIGNS = {"-": -1, "\u2212": -1, "+": 1}
_LONGEST = 60  # characters; a longer text is no amount anyone typed (and int() of it is slow)
_LARGEST = 2**63 - 1  # TOML's integers have 64 bits: a larger one makes a file other TOML tools refuse
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED_DAY = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_SHORT_YEAR = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2})")


class Refused(ValueError):
    """A text that is not a value of its kind; ``message`` quotes it and says how to write one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shown(text: str) -> str:
    """What the user typed, for a message: trimmed, shortened, control characters escaped."""
    text = text.strip(SPACES)
    return escape_control(text if len(text) <= 40 else text[:39] + "…")


@dataclass(frozen=True)
class _Reading:
    value: Decimal
    grouped: bool  # digits grouped with the group mark (or spaces)
    fraction: str  # the digits after the decimal mark, "" when there is none


def _read(core: str, group: str, mark: str) -> _Reading | None:
    """``core`` (digits and marks, no sign) read with this group mark and decimal mark, or None."""
    separators = re.escape(group + _GROUP_SPACE)
    match = re.fullmatch(
        rf"([1-9]\d{{0,2}}([{separators}])\d{{3}}(?:\2\d{{3}})*|\d+)(?:{re.escape(mark)}(\d+))?", core, re.ASCII
    )
    if match is None:
        return None
    digits = re.sub(f"[{separators}]", "", match.group(1))
    fraction = match.group(3) or ""
    return _Reading(Decimal(f"{digits}.{fraction or 0}"), match.group(2) is not None, fraction)


def _prepared(text: str, *, currency: bool) -> tuple[int, str] | None:
    """(sign, digits and marks) of a typed number, or None when it holds nothing else or is too long."""
    core = text.strip(SPACES)
    sign = 0
    if core[:1] in _SIGNS:
        sign, core = _SIGNS[core[0]], core[1:].lstrip(SPACES)
    if currency:
        core = _CURRENCY.sub("", core, count=1).strip(SPACES)
    if not sign and core[:1] in _SIGNS:  # "€ -150" as well as "-150 €"
        sign, core = _SIGNS[core[0]], core[1:].lstrip(SPACES)
    if not core or len(text) > _LONGEST:
        return None
    return sign or 1, _SPACE_RUN.sub(_GROUP_SPACE, core)


def _readings(text: str, language: str | None, *, currency: bool) -> tuple[int, _Reading | None, _Reading | None]:
    """(sign, as the language writes numbers, as the other way round): both None for no number at all."""
    prepared = _prepared(text, currency=currency)
    if prepared is None:
        return 1, None, None
    sign, core = prepared
    group, mark = number_marks(language)
    return sign, _read(core, group, mark), _read(core, mark, group)


def _written_otherwise(text: str, value: Decimal, language: str | None) -> Refused:
    """The text groups digits the other language's way: say how this language writes what it meant."""
    number = int(value) if value == value.to_integral_value() else float(value)
    plain = format_number(number, language).replace(number_marks(language)[0], "")
    grouped = format_number(number, language)
    suggestion = plain if plain == grouped else _("{one} or {other}").format(one=plain, other=grouped)
    return Refused(
        _(
            "“{text}”: in English the point marks the decimals and the comma groups thousands; write {suggestion}"
        ).format(text=shown(text), suggestion=suggestion)
    )


def whole_number_refused(text: str, *, euros: bool = False) -> Refused:
    """The refusal of a text that is no whole number (of euros): ``raise whole_number_refused(...)``."""
    if euros:
        message = _("“{text}” is not an amount in whole euros (e.g. 150000 or €150,000)")
    else:
        message = _("“{text}” is not a whole number (e.g. 2 or 1,500)")
    return Refused(message.format(text=shown(text)))


def _bounded(text: str, value: int) -> int:
    if abs(value) > _LARGEST:
        raise Refused(_("“{text}” is too large a number").format(text=shown(text)))
    return value


def _whole(text: str, language: str | None, *, euros: bool) -> int:
    sign, mine, other = _readings(text, language, currency=euros)
    # ",000" (or ".000" in English) never ends a whole number as people type it: 150,000 in German
    # can only be the English 150000, though a German reading makes it 150. It is refused rather
    # than read either way, and so is anything else written the other language's way: a guess that
    # is wrong loses an amount silently, a refusal costs one retype.
    if mine is not None and other is not None and other.grouped and other.value != mine.value:
        raise _written_otherwise(text, sign * other.value, language)
    if mine is not None:
        if mine.value != mine.value.to_integral_value():
            raise whole_number_refused(text, euros=euros)
        return _bounded(text, sign * int(mine.value))
    if other is not None and other.value == other.value.to_integral_value():
        raise _written_otherwise(text, sign * other.value, language)
    raise whole_number_refused(text, euros=euros)


def parse_amount(text: str, language: str | None = None) -> int:
    """Whole euros: ``150000``, ``150.000 €``, ``€150,000`` (by the language); raises Refused.

    Decimals that are not whole euros (``150,50``) are refused; ``150,00`` is 150. A negative amount
    is read as such: whether it is allowed is the model's business.
    """
    return _whole(text, language, euros=True)


def parse_whole_number(text: str, language: str | None = None) -> int:
    """A whole number that is not money (a module): ``2``, ``1.500`` in German; raises Refused."""
    return _whole(text, language, euros=False)


def parse_number(text: str, language: str | None = None) -> int | float:
    """A number with or without decimals (a KPI's target): ``12,5`` in German, ``12.5`` in English.

    An int when no decimals are written. Here three decimals are read as decimals (``2,375`` t in
    German), unlike for whole numbers: a KPI may have them. Raises Refused.
    """
    sign, mine, other = _readings(text, language, currency=False)
    if mine is not None:
        return float(sign * mine.value) if mine.fraction else _bounded(text, sign * int(mine.value))
    if other is not None:
        raise _written_otherwise(text, sign * other.value, language)
    raise Refused(_("“{text}” is not a number (e.g. 500 or 12.5)").format(text=shown(text)))


def date_forms() -> str:
    """The ways a date may be typed, for help texts and hints."""
    return _("2027-03-01, 01.03.2027 or 1.3.2027")


def parse_date(text: str) -> date:
    """A day: ``2027-03-01``, ``01.03.2027`` or ``1.3.2027``; raises Refused (also for ``31.02.2026``)."""
    typed = text.strip(SPACES)
    for pattern, year_at, day_at in ((_ISO_DAY, 1, 3), (_DOTTED_DAY, 3, 1)):
        match = pattern.fullmatch(typed)
        if match:
            try:
                return date(int(match.group(year_at)), int(match.group(2)), int(match.group(day_at)))
            except ValueError:
                raise Refused(_("“{text}” is not a day of the calendar").format(text=shown(text))) from None
    if _SHORT_YEAR.fullmatch(typed):
        raise Refused(_("“{text}”: write the year with four digits (e.g. 1.3.2027)").format(text=shown(text)))
    raise Refused(_("“{text}” is not a date; write it as {forms}").format(text=shown(text), forms=date_forms()))


def _flag_words(*words: str) -> set[str]:
    return {spelled.casefold() for word in words for spelled in in_every_language(word)}


def flag_forms() -> str:
    """The ways yes and no may be typed, for messages."""
    return _("yes or no (also true/false, 1/0)")


def parse_flag(text: str) -> bool:
    """Yes or no as people type it, in any available language (``ja``, ``nein``), or ``true``/``false``,
    ``1``/``0`` (as spreadsheets write a checkbox); raises Refused for anything else."""
    typed = text.strip(SPACES).casefold()
    if typed in {"true", "1"} | _flag_words(N_("yes")):
        return True
    if typed in {"false", "0"} | _flag_words(N_("no")):
        return False
    raise Refused(_("“{text}” is neither yes nor no; write {forms}").format(text=shown(text), forms=flag_forms()))
