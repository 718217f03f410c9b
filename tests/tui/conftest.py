"""Fixtures of the terminal UI tests: portfolio repositories with known projects and commits."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import add_project, fixed_git_date

from portfolio.git.scaffold import init_portfolio


@pytest.fixture
def portfolio_root(tmp_path: Path) -> Path:
    """The shared fixture's empty portfolio, its initial commit made at a fixed date: commit ids (the
    history tab shows them) are then the same in every run, and so are the snapshots. The date is
    later than the projects' own commits, so that the status flow ends with a period of no change."""
    with fixed_git_date("2026-06-01T09:00:00+02:00"):
        return init_portfolio(tmp_path / "portfolio", example=False, commit=True)


@pytest.fixture
def tui_repo(portfolio_root: Path) -> Path:
    """Five projects; ``solarkataster`` moved through three statuses in three commits."""
    add_project(portfolio_root, "buergerdienste", title="Digitale Bürgerdienste", when="2026-01-05T09:00:00+01:00")
    add_project(
        portfolio_root,
        "e-mobilitaet",
        title="Mobilität im Quartier",
        module=3,
        status="planning",
        municipalities=["greven", "emsdetten"],
        fields_of_action=["mobilitaet", "umwelt"],
        summary="Carsharing und Ladesäulen",
        when="2026-01-06T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "solarkataster",
        title="Solarkataster für den Kreis",
        status="idea",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["energie", "umwelt"],
        when="2026-01-07T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "wlan-rathaus",
        title="Freies WLAN im Rathaus",
        status="completed",
        municipalities=["rheine"],
        fields_of_action=["lebensqualitaet"],
        when="2026-01-08T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "gruenflaechen",
        title="Grünflächen-Monitoring",
        module=3,
        status="concept",
        municipalities=["rheine", "ochtrup"],
        fields_of_action=["umwelt", "technologie"],
        when="2026-01-09T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "solarkataster",
        "Status of solarkataster: idea -> concept",
        status="concept",
        title="Solarkataster für den Kreis",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["energie", "umwelt"],
        when="2026-02-07T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "solarkataster",
        "Status of solarkataster: concept -> implementation",
        status="implementation",
        title="Solarkataster für den Kreis",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["energie", "umwelt"],
        when="2026-03-07T09:00:00+01:00",
    )
    return portfolio_root
