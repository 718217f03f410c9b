"""Commit dates git accepts but no calendar view should trust: year 10000, 9999-12-31, year 5138, 1970.

Every history view shows such a date (clamped where Python's datetime ends), flags it, and a
timeline never spans the empty centuries in between.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from history_fixtures import save

EXTREME = {
    "year 9999": "@253402300799 +0000",
    "year 10000 east of UTC": "@253402300800 +1400",
    "year 318857": "@9999999999999 +0000",
    "1970": "@0 +0000",
}
VIEWS = (
    ("history", "radweg"),
    ("history", "radweg", "--format", "json"),
    ("log",),
    ("log", "--format", "json"),
    ("log", "--since", "1971-01-01"),
    ("blame", "radweg"),
    ("timeline",),
    ("timeline", "--by", "week"),
    ("timeline", "--by", "quarter", "--format", "json"),
    ("report", "--since", "2020-01-01"),
)


@pytest.fixture(params=sorted(EXTREME))
def odd_repo(request: pytest.FixtureRequest, portfolio_root: Path) -> Path:
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    save(portfolio_root, "radweg", "Plan radweg", title="Radweg-Netz", status="planning", when=EXTREME[request.param])
    save(portfolio_root, "schulen", "Add schulen", title="Digitale Schulen", when="2026-03-02T10:00:00+01:00")
    return portfolio_root


def test_every_view_shows_the_date_flagged_and_stays_short(run, odd_repo: Path, request) -> None:
    request_1970 = request.node.callspec.params["odd_repo"] == "1970"
    for view in VIEWS:
        result = run(*view)
        assert result.exit_code == 0, (view, result.output)
        assert len(result.stdout.splitlines()) < 400, view
        if view[0] in ("history", "log", "blame", "timeline") and not (request_1970 and "--since" in view):
            assert "before 1970 or in the future" in result.stderr, view
        if view in (("history", "radweg"), ("log",)) or (view[0] == "report" and not request_1970):
            assert "(implausible date)" in result.stdout, view
        if view[-1] == "json" and view[0] != "timeline":
            events = json.loads(result.stdout)
            events = events["events"] if isinstance(events, dict) else events
            assert [event.get("implausible_date", False) for event in events].count(True) == 1, view


def test_a_timeline_skips_long_empty_stretches_and_says_so(run, portfolio_root: Path) -> None:
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz", when="@99999999999 +0000")
    save(portfolio_root, "schulen", "Add schulen", title="Digitale Schulen", when="2026-03-02T10:00:00+01:00")
    weekly = json.loads(run("timeline", "--by", "week", "--format", "json").stdout)
    assert len(weekly) < 60
    assert weekly[-1]["period"] == "5138-W46" and weekly[-1]["skipped_before"] > 160_000
    assert sum(weekly[-1]["counts"].values()) == 2
    text = run("timeline", "--by", "week").stdout
    assert "periods without changes" in text


def test_representable_date_clamps_only_what_python_cannot_hold() -> None:
    from portfolio.git.log import representable_date

    assert representable_date("2026-01-05T10:00:00+01:00") == "2026-01-05T10:00:00+01:00"
    assert representable_date("9999-12-31T23:59:59+00:00") == "9999-12-31T23:59:59+00:00"
    assert representable_date("10000-01-01T14:00:00+14:00") == "9999-12-31T23:59:59+00:00"
    assert representable_date("9999-12-31T23:00:00-01:00") == "9999-12-31T23:59:59+00:00"  # UTC: year 10000
    assert representable_date("318857-05-20T17:46:39+00:00") == "9999-12-31T23:59:59+00:00"
    assert representable_date("garbage") == "1970-01-01T00:00:00+00:00"


def test_plausible_means_after_1970_and_at_most_a_day_ahead() -> None:
    from portfolio.history.dates import is_implausible

    assert not is_implausible("2026-01-05T10:00:00+01:00")
    assert is_implausible("1970-01-01T00:00:00+00:00")
    assert is_implausible("9999-12-31T23:59:59+00:00")
    assert is_implausible("10000-01-01T00:00:00+00:00")  # from a cache written before dates were clamped


def test_a_cache_written_before_dates_were_clamped_is_read_again(run, portfolio_root: Path, monkeypatch) -> None:
    from portfolio.history.engine import compute

    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz", when="@253402300800 +0000")
    with monkeypatch.context() as patch:
        patch.setattr("portfolio.git.log.representable_date", lambda text: text)  # as the old versions did
        assert compute(portfolio_root).mainline_dates[-1].startswith("10000-")
    for view in (("history", "radweg"), ("blame", "radweg"), ("timeline",)):
        result = run(*view)
        assert result.exit_code == 0 and "9999-12" in result.stdout, result.output
