"""``portfolio report``: every number equals what ``portfolio list`` counts; Markdown tables; self-contained HTML."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from history_fixtures import save
from report_fixtures import example, example_root  # noqa: F401

from portfolio.cli.app import cli
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.report import build_report, report_html
from portfolio.outputs.report.data import status_moves

REPOSITORY = Path(__file__).resolve().parents[1]


def _cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _listed(root: Path, *filters: str) -> int:
    return len(json.loads(_cli(root, "list", "--format", "json", *filters)))


def _markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """Heading -> rows (header first) of the first pipe table under each heading."""
    tables: dict[str, list[list[str]]] = {}
    heading = None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and heading is not None:
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            if not all(re.fullmatch(r"-+:?", cell) for cell in cells):
                tables.setdefault(heading, []).append(cells)
    return tables


def _number(text: str) -> int:
    return int(text.strip("*").replace(".", "").replace(",", ""))


def test_every_number_of_the_markdown_report_equals_what_list_counts():
    root = REPOSITORY  # the bundled portfolio with its history
    vocabulary = load_vocabulary(root)
    text = _cli(root, "report", "--since", "2026-01-01")
    tables = _markdown_tables(text)
    assert f"{_listed(root)} projects" in text

    by_status = tables["Projects by status"]
    assert by_status[0] == ["Status", "Projects"]
    for slug, row in zip(vocabulary.status_slugs, by_status[1:]):
        assert row == [vocabulary.label("status", slug, "en"), str(_listed(root, "--status", slug))]
    assert by_status[-1] == ["**Total**", f"**{_listed(root)}**"]

    by_field = tables["Projects by field of action"]
    for slug, row in zip(vocabulary.field_slugs, by_field[1:], strict=True):
        assert row == [vocabulary.label("field", slug, "en"), str(_listed(root, "--field", slug))]

    # A municipality's own projects: the district-wide ones count in the district's row.
    matrix = tables["Municipalities and fields of action"]
    assert len(matrix) == 1 + len(vocabulary.municipality_slugs)
    for municipality, row in zip(vocabulary.municipality_slugs, matrix[1:], strict=True):
        own = ("--municipality", municipality, "--no-district-wide")
        expected = [_listed(root, *own, "--field", slug) for slug in vocabulary.field_slugs]
        assert [_number(cell) for cell in row[1:]] == expected + [_listed(root, *own)]

    for municipality in ("rheine", "kreis-steinfurt", "saerbeck"):
        rows = tables[vocabulary.label("municipality", municipality)][1:]
        own = ("--municipality", municipality, "--no-district-wide")
        listed = json.loads(_cli(root, "list", "--format", "json", *own))
        assert [re.search(r"\(`(.+)`\)$", row[0]).group(1) for row in rows] == [p["id"] for p in listed]
        assert [row[1] for row in rows] == [vocabulary.label("status", p["status"], "en") for p in listed]


def test_the_flow_ends_where_list_stands_and_the_moves_are_the_logs_status_changes():
    root = REPOSITORY
    vocabulary = load_vocabulary(root)
    data = build_report(root, vocabulary, since=date(2025, 1, 1))
    last = data.timeline[-1].counts
    assert {slug: last.get(slug, 0) for slug in vocabulary.status_slugs} == data.by_status  # committed == work tree
    logged = json.loads(_cli(root, "log", "--since", "2025-01-01", "--format", "json"))
    expected = [
        (event["id"], event["changes"]["status"][1])
        for event in logged
        if "status" in event["changes"] and event["changes"]["status"][1] and event["kind"] != "deleted"
    ]
    assert [(move.project_id, move.new) for move in data.moves] == expected and expected


def test_status_moves_since_a_date_in_a_history_made_here(example):
    root = example.root
    save(root, "neues-projekt", "Add neues-projekt", when="2026-03-01T10:00:00+01:00", status="idea")
    save(root, "neues-projekt", "Plan it", author="bernd", when="2026-05-04T10:00:00+02:00", status="planning")
    text = example("report", "--since", "2026-04-01").stdout
    moves = _markdown_tables(text)["Status moves since 2026-04-01"]
    assert moves[0] == ["Date", "Project", "From", "To"]
    mine = [row for row in moves if "neues-projekt" in row[1]]  # its creation on 1 March is before the date
    assert mine == [["2026-05-04", "Digitale Bürgerdienste (`neues-projekt`)", "Idea", "Planning"]]
    assert len(moves) == 1 + 1 + 23  # and the 23 examples, new in the first commit of this portfolio
    german = example("--lang", "de", "report", "--since", "01.04.2026").stdout
    assert "| 04.05.2026 | Digitale Bürgerdienste (`neues-projekt`) | Idee | Planung |" in german


class _Resources(HTMLParser):
    """Every attribute that could load something, and every script."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            # A link a reader may follow (the accessibility statement's contact) loads nothing.
            loads = name in ("src", "srcset", "data") or (name == "href" and tag != "a")
            if loads or (name == "rel" and value == "stylesheet"):
                self.loads.append(f"{tag} {name}={value}")


def test_the_html_report_is_one_self_contained_page(example, tmp_path):
    target = tmp_path / "report.html"
    result = example("report", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    resources = _Resources()
    resources.feed(page)
    assert resources.loads == [] and resources.scripts == 0
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert "default-src 'none'" in page  # the browser refuses anything from outside, too
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media print" in page and "@media (max-width: 40rem)" in page
    assert page.count('class="flow-chart"') == 1 and page.count("<svg") == page.count("</svg>")


def test_user_text_in_the_html_report_is_escaped(example, tmp_path):
    assert example("set", "solarkataster-kreis-steinfurt", "title=<script>alert(1)</script> & <b>fett").exit_code == 0
    page = report_html(build_report(example.root, load_vocabulary(example.root)), load_vocabulary(example.root))
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fett" in page


def test_a_portfolio_without_commits_still_gets_its_counts(tmp_path):
    from portfolio.git.scaffold import init_portfolio

    root = init_portfolio(tmp_path / "fresh", example=True, commit=False)
    text = _cli(root, "report")
    assert "23 projects" in text and "No history" in text


@pytest.mark.parametrize("since", ["gestern", "2026-13-01"])
def test_a_bad_since_is_a_usage_error(example, since):
    result = example("report", "--since", since)
    assert result.exit_code == 2 and "--since" in result.output


def test_status_moves_keep_only_status_changes_since_the_day():
    from portfolio.history import Event

    def event(day, changes, kind="changed"):
        return Event(
            "p",
            "projects/p.toml",
            None,
            "c" * 40,
            "A",
            "a@x",
            f"{day}T10:00:00+01:00",
            "s",
            kind,
            changes,
            None,
            None,
            {"title": "T"},
            f"{day}T10:00:00+01:00",
        )

    events = [
        event("2026-05-02", {"status": ["idea", "planning"]}),
        event("2026-05-01", {"title": ["a", "b"]}),
        event("2026-04-30", {"status": ["concept", "idea"]}),
        event("2026-05-03", {"status": ["planning", None]}, "deleted"),
    ]
    assert [(m.day, m.old, m.new) for m in status_moves(events, date(2026, 5, 1))] == [
        ("2026-05-02", "idea", "planning")
    ]
