"""Reports and catalogues are "as of" the day they are made, or of SOURCE_DATE_EPOCH (reproducible builds)."""

from __future__ import annotations

from datetime import date

import pytest

from portfolio.today import output_day


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [("1796126400", date(2026, 12, 1)), ("0", date(1970, 1, 1)), (" 1796126400 ", date(2026, 12, 1))],
)
def test_source_date_epoch_sets_the_day(monkeypatch: pytest.MonkeyPatch, epoch: str, expected: date):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert output_day() == expected


@pytest.mark.parametrize("epoch", ["", "yesterday", "-5", "99999999999999999999"])
def test_without_a_usable_epoch_it_is_today(monkeypatch: pytest.MonkeyPatch, epoch: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert output_day() == date.today()
