"""``portfolio list``: a repeated filter option means any of its values, different options all of them;
--active, --no-district-wide (district-wide projects marked in the table), --search."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from factories import write_project


@pytest.fixture
def listed(run, portfolio_root):
    write_project(
        portfolio_root,
        "radweg-greven",
        title="Radweg Greven",
        municipalities=["greven"],
        fields_of_action=["mobilitaet"],
        module=3,
    )
    write_project(
        portfolio_root,
        "buergerbus-rheine",
        title="Bürgerbus Rheine",
        municipalities=["rheine"],
        fields_of_action=["mobilitaet"],
        status="completed",
    )
    write_project(portfolio_root, "wlan-emsdetten", title="WLAN", municipalities=["emsdetten"], status="operation")
    write_project(
        portfolio_root,
        "lorawan",
        title="LoRaWAN",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["technologie"],
        lead="Kreis Steinfurt, Stabsstelle Digitalisierung",
    )

    def ids(*args: str) -> list[str]:
        result = run("list", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [project["id"] for project in json.loads(result.stdout)]

    return ids


def test_a_repeated_option_means_any_of_its_values(listed):
    assert listed("--municipality", "rheine", "--municipality", "greven", "--no-district-wide") == [
        "buergerbus-rheine",
        "radweg-greven",
    ]
    assert listed("--status", "completed", "--status", "operation") == ["buergerbus-rheine", "wlan-emsdetten"]
    assert listed("--module", "2", "--module", "3") == listed()
    assert listed("--field", "technologie", "--field", "verwaltung") == ["lorawan", "wlan-emsdetten"]


def test_different_options_must_all_match(listed):
    assert listed("--municipality", "rheine", "--municipality", "greven", "--field", "mobilitaet", "--module", "3") == [
        "radweg-greven"
    ]
    assert listed("--status", "completed", "--municipality", "greven") == []


def test_a_municipality_brings_the_district_wide_projects_unless_left_out(listed, run):
    assert listed("--municipality", "rheine", "--municipality", "greven") == [
        "buergerbus-rheine",
        "lorawan",
        "radweg-greven",
    ]
    assert "lorawan" not in listed("--municipality", "rheine", "--no-district-wide")
    assert listed("--municipality", "kreis-steinfurt") == ["lorawan"]
    table = run("list", "--municipality", "rheine").stdout.splitlines()
    row = next(line for line in table if line.startswith("lorawan"))
    assert "kreis-steinfurt+" in row
    assert table[-1].startswith("+ district-wide, listed with every municipality")
    assert "+" not in next(line for line in table if line.startswith("buergerbus-rheine")).split("  ")[0]
    plain = run("list", "--municipality", "kreis-steinfurt").stdout
    assert "kreis-steinfurt+" not in plain and "district-wide" not in plain  # the district itself: no mark
    assert "district-wide" not in run("list", "--municipality", "rheine", "--no-district-wide").stdout


def test_active_leaves_out_the_statuses_marked_terminal(listed):
    assert listed("--active") == ["lorawan", "radweg-greven", "wlan-emsdetten"]
    assert listed("--active", "--status", "completed") == []


def test_search_finds_umlauts_in_any_spelling_and_every_word(listed):
    for spelling in ("Bürger", "buerger", "burger", "BÜRGERBUS"):
        assert listed("--search", spelling) == ["buergerbus-rheine"]
    assert listed("--search", "stabsstelle kreis") == ["lorawan"]  # the lead; every word
    assert listed("--search", "Emsdetten") == ["wlan-emsdetten"]  # a municipality's name
    assert listed("--search", "mobility") == ["buergerbus-rheine", "radweg-greven"]  # a field's label
    assert listed("--search", "bus greven") == []


def test_an_unknown_value_of_a_repeated_option_is_a_usage_error(run, listed):
    result = run("list", "--municipality", "rheine", "--municipality", "atlantis")
    assert result.exit_code == 2
    assert "--municipality" in result.stderr and "'atlantis' is not one of" in result.stderr


def test_the_installed_command_takes_repeated_options(portfolio_root, listed):
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(portfolio_root), "list", "--format", "json"]
        + ["--municipality", "rheine", "--municipality", "emsdetten", "--no-district-wide"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [project["id"] for project in json.loads(result.stdout)] == ["buergerbus-rheine", "wlan-emsdetten"]
