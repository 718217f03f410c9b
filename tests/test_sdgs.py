"""SDGs: a project lists the UN goals it serves, by number, from schema/sdgs.toml; lists filter by them."""

from __future__ import annotations

import json

from checked_file import check_errors, committed_file, errors_of, position_of, write_file

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.loading import load_portfolio


def test_the_seventeen_goals_are_data_with_german_and_english_titles(portfolio_root):
    vocabulary = load_vocabulary(portfolio_root)
    assert vocabulary.sdg_numbers == tuple(range(1, 18))
    assert vocabulary.label("sdg", 11, "de") == "Nachhaltige Städte und Gemeinden"
    assert vocabulary.label("sdg", 13, "en") == "Climate action"


def test_a_number_that_is_no_goal_is_refused_at_it(run, portfolio_root):
    text = write_file(portfolio_root, "ziele", "sdgs = [\n    11,\n    18,\n]\n")
    found = errors_of(run, "ziele", "unknown-sdg")
    assert [(line, column) for line, column, _ in found] == [position_of(text, "18")]
    assert "schema/sdgs.toml" in found[0][2]


def test_a_goal_listed_twice_is_refused(run, portfolio_root):
    text = write_file(portfolio_root, "ziele", "sdgs = [\n    11,\n    11,\n]\n")
    assert [(line, column) for line, column, _ in errors_of(run, "ziele", "duplicate")] == [position_of(text, "11", 2)]


def _three_projects(root):
    write_file(root, "klima", "sdgs = [\n    7,\n    13,\n]\n")
    write_file(root, "stadt", "sdgs = [\n    11,\n]\n")
    write_file(root, "ohne-ziel", "")


def test_list_filters_by_sdg_any_of_them(run, portfolio_root):
    _three_projects(portfolio_root)
    assert check_errors(run, strict=True) == []

    def listed(*options: str) -> list[str]:
        result = run("list", "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return [project["id"] for project in json.loads(result.stdout)]

    assert listed("--sdg", "13") == ["klima"]
    assert listed("--sdg", "13", "--sdg", "11") == ["klima", "stadt"]
    assert listed() == ["klima", "ohne-ziel", "stadt"]
    wrong = run("list", "--sdg", "18")
    assert wrong.exit_code == 2 and "--sdg" in wrong.output and "Traceback" not in wrong.output


def test_the_filter_object_selects_by_sdg(portfolio_root):
    _three_projects(portfolio_root)
    portfolio = load_portfolio(portfolio_root)
    projects = sorted(portfolio.projects.values(), key=lambda stored: stored.id)
    chosen = ProjectFilter().with_values("sdgs", [7, 11])
    assert [stored.id for stored in chosen.select(projects, portfolio.vocabulary)] == ["klima", "stadt"]
    assert not chosen.is_empty and ProjectFilter().with_values("sdgs", []).is_empty


def test_set_reads_goal_numbers_typed_with_commas(run, portfolio_root):
    committed_file(portfolio_root, "ziele")
    assert run("set", "ziele", "sdgs=13, 7").exit_code == 0
    record = json.loads(run("show", "ziele", "--format", "json").stdout)
    assert record["sdgs"] == [13, 7]
    shown = run("--lang", "de", "show", "ziele").stdout
    assert "13 Maßnahmen zum Klimaschutz" in shown and "7 Bezahlbare und saubere Energie" in shown
