"""Progress: milestones done and KPI progress per project, rolled up per field and per municipality,
as ``list --progress`` shows them; and the transfers read from ``adopted_from``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from cli_run import CliRun
from factories import write_project

from portfolio.domain.parsing import parse_project
from portfolio.domain.progress import progress_by, project_progress, total_progress
from portfolio.domain.records import StoredProject
from portfolio.domain.transfers import transfer_counts, transfers
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.loading import load_portfolio

BUNDLED = Path(__file__).resolve().parents[1]
VOCABULARY = load_vocabulary()


def stored(project_id: str, **fields) -> StoredProject:
    data = {
        "title": f"Projekt {project_id}",
        "module": 2,
        "status": "implementation",
        "municipalities": ["rheine"],
        "fields_of_action": ["verwaltung"],
        **fields,
    }
    return StoredProject(project_id, f"projects/{project_id}.toml", parse_project(data, VOCABULARY), "", "")


def kpi(name: str, baseline: float, target: float) -> dict:
    return {"name": name, "baseline": baseline, "target": target}


def measured(name: str, *values: float) -> list[dict]:
    return [{"kpi": name, "date": date(2026, month, 1), "value": value} for month, value in enumerate(values, 1)]


def test_a_project_counts_milestones_done_and_the_mean_of_its_bounded_kpis():
    project = stored(
        "a",
        milestones=[{"title": "Start", "done": True}, {"title": "Mitte"}, {"title": "Ende", "done": True}],
        # 150 % and -50 % count as 100 % and 0 %; the unmeasured KPI does not count at all
        kpis=[kpi("Nutzer", 0, 100), kpi("CO2", 100, 50), kpi("Sensoren", 0, 10), kpi("Offen", 0, 5)],
        measurements=measured("Nutzer", 20, 150) + measured("CO2", 90, 125) + measured("Sensoren", 4),
    ).project
    progress = project_progress(project)
    assert (progress.milestones_done, progress.milestones_total) == (2, 3)
    assert progress.milestone_percent == pytest.approx(200 / 3)
    assert progress.kpi_percents == (100.0, 0.0, 40.0)
    assert progress.kpi_percent == pytest.approx(140 / 3)


def test_without_milestones_or_measurements_there_is_no_percentage():
    progress = project_progress(stored("a", kpis=[kpi("Nutzer", 0, 100)]).project)
    assert progress.milestone_percent is None and progress.kpi_percent is None and progress.is_empty


def test_roll_ups_count_milestones_not_shares_and_a_project_counts_for_each_entry():
    small = stored("small", milestones=[{"title": "Eins", "done": True}])
    large = stored(
        "large",
        municipalities=["rheine", "greven"],
        fields_of_action=["verwaltung", "mobilitaet"],
        milestones=[{"title": f"M{n}", "done": n < 2} for n in range(9)],
    )
    by_field = progress_by([small, large], "fields_of_action", ["verwaltung", "mobilitaet", "umwelt"])
    assert list(by_field) == ["verwaltung", "mobilitaet", "umwelt"]
    # 3 of 10 milestones, not the mean of 100 % and 22 %
    assert (by_field["verwaltung"].milestones_done, by_field["verwaltung"].milestones_total) == (3, 10)
    assert by_field["verwaltung"].milestone_percent == pytest.approx(30)
    assert (by_field["mobilitaet"].projects, by_field["mobilitaet"].milestones_total) == (1, 9)
    assert by_field["umwelt"].projects == 0 and by_field["umwelt"].milestone_percent is None
    by_municipality = progress_by([small, large], "municipalities", ["rheine", "greven"])
    assert by_municipality["rheine"].projects == 2 and by_municipality["greven"].projects == 1
    total = total_progress([small, large])
    assert (total.projects, total.milestones_done, total.milestones_total) == (2, 3, 10)


def test_transfers_name_both_sides_and_count_only_those_between_municipalities():
    source = stored("mobilstation-greven", municipalities=["greven"])
    adopter = stored("mobilstation-laer", municipalities=["laer", "horstmar"], adopted_from="mobilstation-greven")
    follow_up = stored("mobilstation-greven-2", municipalities=["greven"], adopted_from="mobilstation-greven")
    orphan = stored("verwaist", adopted_from="gibt-es-nicht")
    everything = {p.id: p for p in (source, adopter, follow_up, orphan)}
    found = transfers(everything.values(), everything)
    assert [(t.source_id, t.target_id, t.between_municipalities) for t in found] == [
        ("mobilstation-greven", "mobilstation-greven-2", False),
        ("mobilstation-greven", "mobilstation-laer", True),
    ]
    assert transfer_counts(found) == {("greven", "horstmar"): 1, ("greven", "laer"): 1}
    # a filtered selection of adopters still finds its source in the whole portfolio
    assert [t.source_title for t in transfers([adopter], everything)] == ["Projekt mobilstation-greven"]


def write_measured_projects(root):
    write_project(
        root,
        "buergerportal",
        milestones=[{"title": "Start", "done": True}, {"title": "Ende"}],
        kpis=[{"name": "Dienste", "baseline": 0, "target": 40}],
        measurements=[{"kpi": "Dienste", "date": date(2026, 5, 1), "value": 10}],
    )
    write_project(root, "sensoren-greven", municipalities=["greven"], fields_of_action=["umwelt"])


def test_list_progress_shows_each_project_and_the_roll_ups(run, portfolio_root):
    write_measured_projects(portfolio_root)
    shown = run("--lang", "en", "list", "--progress").stdout
    lines = shown.splitlines()
    assert lines[0].split()[-3:] == ["MILESTONES", "KPIS", "TITLE"]
    row = next(line for line in lines if line.startswith("buergerportal"))
    assert "1/2" in row and "25 %" in row
    other = next(line for line in lines if line.startswith("sensoren-greven"))
    assert other.split()[-4:-2] == ["–", "–"]
    field_row = next(line for line in lines if line.startswith("Administration"))
    assert field_row.split()[1:] == ["1", "1/2", "50", "%", "25", "%"]
    assert any(line.startswith("Greven") and line.split()[1] == "1" for line in lines)
    assert not any(line.startswith("Ochtrup") for line in lines)  # no listed project there
    assert lines[-2].split()[:4] == ["All", "listed", "projects", "2"]
    german = run("--lang", "de", "list", "--progress").stdout
    assert "MEILENSTEINE" in german and "Alle gelisteten Projekte" in german and "25 %" in german


def test_list_progress_in_json_and_csv(run, portfolio_root):
    write_measured_projects(portfolio_root)
    records = {r["id"]: r for r in json.loads(run("list", "--progress", "--format", "json").stdout)}
    assert records["buergerportal"]["progress"] == {
        "milestones_done": 1,
        "milestones_total": 2,
        "milestone_percent": 50.0,
        "kpi_percent": 25.0,
    }
    assert records["sensoren-greven"]["progress"]["kpi_percent"] is None
    assert "progress" not in json.loads(run("list", "--format", "json").stdout)[0]
    rows = list(csv.DictReader(io.StringIO(run("list", "--progress", "--format", "csv").stdout)))
    assert [(r["id"], r["milestones_done"], r["kpi_percent"]) for r in rows] == [
        ("buergerportal", "1", "25.0"),
        ("sensoren-greven", "0", ""),
    ]


def test_the_bundled_portfolio_rolls_up_to_the_totals_of_its_projects():
    result = CliRun(BUNDLED)("--lang", "en", "list", "--progress")
    assert result.exit_code == 0, result.output
    portfolio = load_portfolio(BUNDLED, VOCABULARY)
    total = total_progress(portfolio.projects.values())
    assert total.milestones_total and total.kpi_percents  # the example measures something
    totals = [line.split() for line in result.stdout.splitlines() if line.startswith("All listed projects")]
    expected = [str(total.projects), f"{total.milestones_done}/{total.milestones_total}"]
    assert len(totals) == 2 and all(line[3:5] == expected for line in totals)
    assert all(line[-2] == str(round(total.kpi_percent)) for line in totals)
