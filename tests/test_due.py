"""``portfolio due``: deadlines of a real portfolio on a fixed day, as text, JSON and iCalendar."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar
from cli_run import CliRun
from factories import write_project

from portfolio.outputs.deadlines import Deadline
from portfolio.outputs.deadlines_ics import deadlines_ics

TODAY = "2026-12-02"
BUNDLED = Path(__file__).resolve().parent.parent


def _write(root: Path) -> None:
    write_project(
        root,
        "radweg",
        title="Radweg, Netz; Nord",
        end=date(2026, 11, 30),  # past: left out
        funding=[
            {
                "source": "Land NRW",
                "period_start": date(2026, 1, 1),
                "period_end": date(2026, 12, 31),
                "proof_due": date(2027, 6, 30),
                "interim_due": [date(2026, 3, 31)],  # past: kept, overdue
            }
        ],
        milestones=[
            {"title": "Planung fertig", "due": date(2026, 12, 10)},
            {"title": "Auftrag erteilt", "due": date(2026, 6, 1), "done": True},  # done: left out
        ],
    )
    write_project(
        root,
        "sensoren",
        title="Sensoren Greven",
        municipalities=["greven"],
        end=date(2027, 3, 1),
        milestones=[{"title": "Sensoren montiert", "due": date(2026, 11, 1)}],  # open and past: overdue
    )


def test_text_lists_soonest_first_with_overdue_marked(run: CliRun, portfolio_root: Path) -> None:
    _write(portfolio_root)
    result = run("--lang", "en", "due", "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [
        "2026-03-31  overdue 246 days  radweg  interim proof of use  Land NRW",
        "2026-11-01  overdue 31 days  sensoren  milestone  Sensoren montiert",
        "2026-12-10  radweg  milestone  Planung fertig",
        "2026-12-31  radweg  funding period ends  Land NRW",
        "2027-03-01  sensoren  project ends",
        "2027-06-30  radweg  proof of use  Land NRW",
    ]


def test_german_dates_and_marks(run: CliRun, portfolio_root: Path) -> None:
    _write(portfolio_root)
    result = run("--lang", "de", "due", "--today", "02.12.2026", "--within", "10")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("31.03.2026  überfällig seit 246 Tagen  radweg")
    assert lines[2].startswith("10.12.2026  radweg")


def test_within_and_filters(run: CliRun, portfolio_root: Path) -> None:
    _write(portfolio_root)
    within = json.loads(run("due", "--today", TODAY, "--within", "30", "--format", "json").output)
    assert [(d["project"], d["kind"], d["overdue"]) for d in within] == [
        ("radweg", "interim-proof", True),
        ("sensoren", "milestone", True),
        ("radweg", "milestone", False),
        ("radweg", "funding-period-end", False),
    ]
    greven = json.loads(run("due", "--today", TODAY, "--municipality", "greven", "--format", "json").output)
    assert {d["project"] for d in greven} == {"sensoren"}
    assert greven[0] == {
        "day": "2026-11-01",
        "kind": "milestone",
        "project": "sensoren",
        "title": "Sensoren Greven",
        "what": "Sensoren montiert",
        "overdue": True,
    }


def test_ics_parses_and_is_stable(run: CliRun, portfolio_root: Path) -> None:
    _write(portfolio_root)
    first = run("due", "--today", TODAY, "--format", "ics").stdout_bytes
    second = run("due", "--today", TODAY, "--format", "ics").stdout_bytes
    assert first == second
    assert b"\r\n" in first and b"\n" not in first.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(first)
    events = calendar.walk("VEVENT")
    assert len(events) == 6
    assert [e.decoded("DTSTART") for e in events][:2] == [date(2026, 3, 31), date(2026, 11, 1)]
    assert str(events[0]["SUMMARY"]) == "interim proof of use: Land NRW (Radweg, Netz; Nord)"
    assert len({str(e["UID"]) for e in events}) == 6
    assert str(calendar["X-WR-CALNAME"]).startswith("Deadlines")


def test_ics_escapes_and_folds_unsafe_text() -> None:
    title = "Netz, Nord; \\Süd\nneu \u202eevil" + "ä" * 80
    deadline = Deadline(date(2027, 1, 1), "milestone", "x", title, "a,b", False)
    text = deadlines_ics([deadline], today=date(2026, 12, 2), region="R", domain="portfolio")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\u202e" not in text
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "milestone: a,b (Netz, Nord; \\Süd\nneu \\u202eevil" + "ä" * 80 + ")"


def test_bad_today_is_a_usage_error(run: CliRun) -> None:
    result = CliRun(run.root)("due", "--today", "31.02.2026")
    assert result.exit_code == 2
    assert "--today" in result.output and "Traceback" not in result.output


def test_bundled_portfolio_overdue_proof() -> None:
    result = CliRun(BUNDLED)("--lang", "en", "due", "--today", "2026-12-02")
    assert result.exit_code == 0, result.output
    assert "2026-06-30  overdue 155 days  mobilstationen-greven  proof of use  Land NRW" in result.output.splitlines()
