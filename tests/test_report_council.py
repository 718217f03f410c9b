"""The council sections of ``portfolio report``: deadlines, decisions, progress and transfers tell the
same as ``portfolio due`` and ``list --progress``, follow the filter, leave internal projects out of a
report for publishing, and show user text literally."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from report_fixtures import example, example_root  # noqa: F401

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.report import build_report, report_html, report_markdown

TODAY = "2026-12-01"
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _section(text: str, heading: str) -> str:
    """The Markdown under ``## heading`` up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"no section {heading!r}"
    return match.group(1)


def _rows(section: str) -> list[str]:
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")][1:]


def _report(example, *args: str) -> str:
    result = example("--lang", "en", "report", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_deadlines_are_what_due_lists_for_the_next_90_days(example):
    due = json.loads(example("due", "--within", "90", "--today", TODAY, "--format", "json").stdout)
    rows = _rows(_section(_report(example), "Deadlines"))
    assert len(rows) == len(due) > 0
    for row, item in zip(rows, due, strict=True):
        assert row.startswith(f"| {item['day']} |") and f"(`{item['project']}`)" in row
        assert ("**overdue by" in row) == item["overdue"]


def test_every_council_decision_is_listed_newest_first(example):
    projects = json.loads(example("list", "--format", "json").stdout)
    decisions = [(item["date"], item["reference"]) for project in projects for item in project["decisions"]]
    rows = _rows(_section(_report(example), "Council decisions"))
    assert len(rows) == len(decisions) > 0
    days = [date.fromisoformat(row.split(" | ")[0].strip("| ")) for row in rows]
    assert days == sorted(days, reverse=True)
    # A decision with its minutes online links to them.
    assert "[VL\\-112/2022](<https://ratsinfo.example.org/greven/vo0050.php?__kvonr=4711>)" in "".join(rows)


def test_the_progress_totals_are_the_sums_of_list_progress(example):
    projects = json.loads(example("list", "--progress", "--format", "json").stdout)
    done = sum(project["progress"]["milestones_done"] for project in projects)
    total = sum(project["progress"]["milestones_total"] for project in projects)
    progress = _section(_report(example), "Progress")
    by_field = progress.split("### By field of action")[1].split("###")[0]
    assert f"| **Total** | {len(projects)} | {done}/{total} | {round(100 * done / total)} % |" in by_field


def test_a_filtered_report_keeps_the_deadlines_and_decisions_of_its_projects(example):
    text = _report(example, "--municipality", "greven", "--no-district-wide")
    listed = example("list", "--municipality", "greven", "--no-district-wide", "--format", "json").stdout
    ids = {item["id"] for item in json.loads(listed)}
    for heading in ("Deadlines", "Council decisions"):
        named = set(re.findall(r"\(`([a-z0-9-]+)`\)", _section(text, heading)))
        assert named and named <= ids


def test_a_report_for_publishing_leaves_out_what_an_internal_project_has(example):
    assert example("set", "mobilstationen-greven", "public=false").exit_code == 0
    whole, public = _report(example), _report(example, "--public")
    assert "mobilstationen-greven" in whole and "VL\\-112/2022" in whole
    assert "mobilstationen-greven" not in public and "VL\\-112/2022" not in public
    # The project adopted from it is public, but the transfer would name the internal one.
    assert "carsharing-mitfahrbaenke-doerfer" in _section(whole, "Transfers between municipalities")
    assert "carsharing-mitfahrbaenke-doerfer" not in _section(public, "Transfers between municipalities")
    page = example("--lang", "en", "report", "--public", "--format", "html").stdout
    assert "mobilstationen-greven" not in page and "VL-112/2022" not in page


def test_a_committee_name_is_shown_literally_in_html_and_markdown(example):
    path = example.root / "projects" / "mobilstationen-greven.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('body = "Rat der Stadt Greven"', 'body = "Rat <script>x</script> | *Greven*"'), "utf-8"
    )
    vocabulary = load_vocabulary(example.root)
    data = build_report(example.root, vocabulary)
    page = report_html(data, vocabulary)
    assert "<script>x" not in page and "Rat &lt;script&gt;x&lt;/script&gt; | *Greven*" in page
    markdown = report_markdown(data, vocabulary)
    row = next(row for row in _rows(_section(markdown, "Council decisions")) if "script" in row)
    # The pipe stays in its cell and the stars stay stars.
    assert row.count(" | ") == 4 and "\\|" in row and "\\*Greven\\*" in row
