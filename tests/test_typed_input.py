"""The one reader of typed amounts, numbers and dates (``portfolio.typed_input``), in German and English:
what it reads, what it refuses and what the refusal says."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.i18n import use_language
from portfolio.typed_input import Refused, parse_amount, parse_date, parse_number, parse_whole_number

NARROW = "\u202f"  # narrow no-break space, as a word processor groups digits
NO_BREAK = "\u00a0"

AMOUNTS = [
    # language, typed, whole euros
    ("de", "150000", 150000),
    ("de", "150.000", 150000),
    ("de", "150.000 €", 150000),
    ("de", "150.000€", 150000),
    ("de", "€ 150.000", 150000),
    ("de", "150.000 EUR", 150000),
    ("de", "150.000 Euro", 150000),
    ("de", "1.234.567", 1234567),
    ("de", "150 000", 150000),
    ("de", f"150{NARROW}000{NO_BREAK}€", 150000),
    ("de", "  85.000  ", 85000),
    ("de", "150.000,00 €", 150000),
    ("de", "-150 €", -150),  # the model refuses it, saying why
    ("en", "150000", 150000),
    ("en", "150,000", 150000),
    ("en", "€150,000", 150000),
    ("en", "1,234,567", 1234567),
    ("en", "150 000 EUR", 150000),
    ("en", "150,000.00", 150000),
    ("en", "€ -150", -150),
]


@pytest.mark.parametrize("language, typed, expected", AMOUNTS)
def test_an_amount_is_read_as_the_language_writes_it(language, typed, expected):
    assert parse_amount(typed, language) == expected


WHOLE_EUROS = "is not an amount in whole euros"
ENGLISH_GROUPING = "in English the point marks the decimals and the comma groups thousands"
REFUSED_AMOUNTS = [
    # language, typed, what the message says
    ("de", "150,50", [f"“150,50” {WHOLE_EUROS}"]),
    ("de", "12,5", [f"“12,5” {WHOLE_EUROS}"]),
    ("de", "12.5", [f"“12.5” {WHOLE_EUROS}"]),
    ("en", "12.5", [f"“12.5” {WHOLE_EUROS}"]),
    ("en", "150.50", [f"“150.50” {WHOLE_EUROS}"]),
    ("en", "150,50", [f"“150,50” {WHOLE_EUROS}"]),
    # The other language's grouping never becomes 150: it is refused saying how to write it.
    ("de", "150,000", ["“150,000”", "write 150000 or 150.000"]),
    ("de", "1,234,567", ["write 1234567 or 1.234.567"]),
    ("de", "€150,000", ["write 150000 or 150.000"]),
    ("en", "150.000", ["“150.000”", ENGLISH_GROUPING, "write 150000 or 150,000"]),
    ("en", "150.000 €", ["write 150000 or 150,000"]),
    ("en", "1.234.567", ["write 1234567 or 1,234,567"]),
    ("de", "zehn", [f"“zehn” {WHOLE_EUROS}"]),
    ("de", "1.2.3", [WHOLE_EUROS]),
    ("de", "15.00.000", [WHOLE_EUROS]),
    ("de", "€", [WHOLE_EUROS]),
    ("de", "150 $", [WHOLE_EUROS]),
    ("de", "9" * 80, [WHOLE_EUROS]),
    ("en", "9" * 20, ["is too large a number"]),
    ("en", "1e6", [WHOLE_EUROS]),
    ("en", "\x1b[31m5", ["\\x1b[31m5"]),  # quoted, but never as a terminal escape
]


@pytest.mark.parametrize("language, typed, said", REFUSED_AMOUNTS)
def test_an_amount_that_is_not_whole_euros_or_written_otherwise_is_refused(language, typed, said):
    with pytest.raises(Refused) as refused:
        parse_amount(typed, language)
    for part in said:
        assert part in refused.value.message
    assert "quot" not in refused.value.message.lower() and "TOML" not in refused.value.message


@pytest.mark.parametrize(
    "typed, said",
    [
        ("150,50", "„150,50“ ist kein Betrag in ganzen Euro (z. B. 150000 oder 150.000 €)"),
        (
            "150,000",
            "„150,000“: im Deutschen trennt das Komma die Dezimalstellen und der Punkt die Tausender; "
            "schreiben Sie 150000 oder 150.000",
        ),
        ("2,5 t", "„2,5 t“ ist kein Betrag in ganzen Euro"),
    ],
)
def test_refusals_speak_german_when_german_is_chosen(typed, said):
    use_language("de")
    with pytest.raises(Refused) as refused:
        parse_amount(typed)  # the chosen language decides the grouping, too
    assert said in refused.value.message


def test_the_chosen_language_decides_the_grouping():
    use_language("de")
    assert parse_amount("150.000") == 150000
    use_language("en")
    assert parse_amount("150,000") == 150000
    with pytest.raises(Refused):
        parse_amount("150.000")


@pytest.mark.parametrize(
    "language, typed, expected",
    [
        ("de", "2", 2),
        ("de", "1.500", 1500),
        ("en", "1,500", 1500),
        ("de", " 3 ", 3),
    ],
)
def test_a_whole_number_that_is_not_money(language, typed, expected):
    assert parse_whole_number(typed, language) == expected


@pytest.mark.parametrize(
    "language, typed, said",
    [
        ("de", "2,5", "“2,5” is not a whole number"),
        ("en", "2.5", "“2.5” is not a whole number"),
        ("de", "2 €", "“2 €” is not a whole number"),  # euros only where euros belong
        ("de", "1,500", "write 1500 or 1.500"),
        ("en", "1.500", "write 1500 or 1,500"),
    ],
)
def test_a_whole_number_with_decimals_is_refused(language, typed, said):
    with pytest.raises(Refused) as refused:
        parse_whole_number(typed, language)
    assert said in refused.value.message


@pytest.mark.parametrize(
    "language, typed, expected",
    [
        ("de", "12,5", 12.5),
        ("de", "1.234,5", 1234.5),
        ("de", "500", 500),
        ("de", "2,375", 2.375),  # three decimals are decimals for a number that may have them
        ("de", "0,125", 0.125),
        ("en", "12.5", 12.5),
        ("en", "1,234.5", 1234.5),
        ("en", "-3", -3),
    ],
)
def test_a_number_may_have_decimals(language, typed, expected):
    value = parse_number(typed, language)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    "language, typed, said",
    [
        ("de", "12.5", "write 12,5"),
        ("en", "12,5", "write 12.5"),
        ("de", "viele", "“viele” is not a number"),
        ("en", "nan", "“nan” is not a number"),
        ("de", "1" + "0" * 19, "is too large a number"),
    ],
)
def test_a_number_written_the_other_way_is_refused(language, typed, said):
    with pytest.raises(Refused) as refused:
        parse_number(typed, language)
    assert said in refused.value.message


@pytest.mark.parametrize(
    "typed",
    ["2027-03-01", "01.03.2027", "1.3.2027", "1. 3. 2027", " 01.03.2027 ", "2027-3-1"],
)
def test_a_date_in_each_accepted_form(typed):
    assert parse_date(typed) == date(2027, 3, 1)


FORMS = "2027-03-01, 01.03.2027 or 1.3.2027"


@pytest.mark.parametrize(
    "typed, said",
    [
        ("31.02.2026", "“31.02.2026” is not a day of the calendar"),
        ("2026-02-30", "“2026-02-30” is not a day of the calendar"),
        ("29.02.2026", "“29.02.2026” is not a day of the calendar"),
        ("1.3.27", "“1.3.27”: write the year with four digits"),
        ("03/01/2027", f"“03/01/2027” is not a date; write it as {FORMS}"),
        ("20270301", f"is not a date; write it as {FORMS}"),
        ("2027-W09-1", "is not a date"),
        ("morgen", "“morgen” is not a date"),
        ("2027-03-01T10:00", "is not a date"),
    ],
)
def test_a_date_that_is_not_one_is_refused_quoting_it(typed, said):
    with pytest.raises(Refused) as refused:
        parse_date(typed)
    assert said in refused.value.message


def test_a_leap_day_is_a_date():
    assert parse_date("29.02.2028") == date(2028, 2, 29)


def test_a_date_refusal_in_german_lists_the_forms():
    use_language("de")
    with pytest.raises(Refused) as refused:
        parse_date("31.02.2026")
    assert refused.value.message == "„31.02.2026“ gibt es im Kalender nicht"
    with pytest.raises(Refused) as refused:
        parse_date("März")
    assert refused.value.message == "„März“ ist kein Datum; schreiben Sie es als 01.03.2027, 1.3.2027 oder 2027-03-01"
