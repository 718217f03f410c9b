"""Transfer: ``adopted_from`` names the project another municipality proved it in.

``check`` refuses a missing project, the project itself and a cycle, at the value of ``adopted_from``;
``show`` lists the projects that adopted one.
"""

from __future__ import annotations

import json

from checked_file import check_errors, committed_file, errors_of, position_of, write_file
from history_fixtures import git

from portfolio.domain.rules import adoption_breaches


def test_a_project_adopted_from_another_passes_and_the_other_lists_it(run, portfolio_root):
    write_file(portfolio_root, "mobilstation-greven", "")
    write_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-greven"\n')
    write_file(portfolio_root, "mobilstation-horstmar", 'adopted_from = "mobilstation-greven"\n')
    assert check_errors(run, strict=True) == []
    shown = run("--lang", "en", "show", "mobilstation-greven").stdout
    assert "Adopted by:       mobilstation-horstmar, mobilstation-laer" in shown
    record = json.loads(run("show", "mobilstation-greven", "--format", "json").stdout)
    assert record["adopted_by"] == ["mobilstation-horstmar", "mobilstation-laer"]
    assert "Adopted from:     mobilstation-greven" in run("--lang", "en", "show", "mobilstation-laer").stdout


def test_a_missing_project_is_refused_at_the_value(run, portfolio_root):
    text = write_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-grevn"\n')
    found = errors_of(run, "mobilstation-laer", "unknown-adoption")
    assert [(line, column) for line, column, _ in found] == [position_of(text, '"mobilstation-grevn"')]
    assert "projects/mobilstation-grevn.toml does not exist" in found[0][2]


def test_a_broken_file_still_counts_as_a_project_that_exists(run, portfolio_root):
    (portfolio_root / "projects" / "mobilstation-greven.toml").write_text("title = \n", encoding="utf-8")
    write_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-greven"\n')
    assert errors_of(run, "mobilstation-laer", "unknown-adoption") == []


def test_a_project_adopted_from_itself_is_refused(run, portfolio_root):
    text = write_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-laer"\n')
    found = errors_of(run, "mobilstation-laer", "self-adoption")
    assert [(line, column) for line, column, _ in found] == [position_of(text, '"mobilstation-laer"')]


def test_a_cycle_is_refused_at_each_member(run, portfolio_root):
    adopted = {"a-projekt": "b-projekt", "b-projekt": "c-projekt", "c-projekt": "a-projekt", "d-projekt": "a-projekt"}
    texts = {name: write_file(portfolio_root, name, f'adopted_from = "{other}"\n') for name, other in adopted.items()}
    errors = [error for error in check_errors(run) if error["code"] == "adoption-cycle"]
    assert sorted(error["path"] for error in errors) == [f"projects/{name}-projekt.toml" for name in "abc"]
    for error in errors:
        project_id = error["path"].removeprefix("projects/").removesuffix(".toml")
        assert (error["line"], error["column"]) == position_of(texts[project_id], f'"{adopted[project_id]}"')
        assert "a-projekt -> b-projekt -> c-projekt -> a-projekt" in error["message"]


def test_the_rule_reports_each_cycle_once_and_nothing_for_a_chain():
    assert adoption_breaches({"b": "a", "c": "b"}, {"a", "b", "c"}) == []
    breaches = adoption_breaches({"a": "b", "b": "a", "x": "y", "y": "x", "z": "a"}, {"a", "b", "x", "y", "z"})
    assert sorted((breach.project_id, breach.code) for breach in breaches) == [
        ("a", "adoption-cycle"),
        ("b", "adoption-cycle"),
        ("x", "adoption-cycle"),
        ("y", "adoption-cycle"),
    ]


def test_a_save_naming_a_missing_project_is_refused_and_nothing_changes(run, portfolio_root):
    before = committed_file(portfolio_root, "mobilstation-laer", "")
    result = run("--lang", "en", "set", "mobilstation-laer", "adopted_from=mobilstation-grevn")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "projects/mobilstation-grevn.toml does not exist" in result.output
    assert (portfolio_root / "projects" / "mobilstation-laer.toml").read_text(encoding="utf-8") == before


def test_a_save_that_closes_a_cycle_of_adoptions_is_refused(run, portfolio_root):
    committed_file(portfolio_root, "mobilstation-greven", "")
    committed_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-greven"\n')
    result = run("--lang", "en", "set", "mobilstation-greven", "adopted_from=mobilstation-laer")
    assert result.exit_code != 0
    assert "mobilstation-greven -> mobilstation-laer -> mobilstation-greven" in result.output
    assert "adopted_from" not in (portfolio_root / "projects" / "mobilstation-greven.toml").read_text(encoding="utf-8")
    assert run("set", "mobilstation-laer", "adopted_from=").exit_code == 0  # taking it back is a save like any


def test_a_project_others_adopted_is_not_deleted(run, portfolio_root):
    committed_file(portfolio_root, "mobilstation-greven", "")
    committed_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-greven"\n')
    result = run("--lang", "en", "delete", "mobilstation-greven")
    assert result.exit_code != 0
    assert "mobilstation-greven is not deleted: mobilstation-laer adopted it" in result.output
    assert (portfolio_root / "projects" / "mobilstation-greven.toml").exists()


def test_a_rename_carries_the_adopters_along_in_one_commit(run, portfolio_root):
    committed_file(portfolio_root, "mobilstation-greven", "")
    committed_file(portfolio_root, "mobilstation-laer", 'adopted_from = "mobilstation-greven"\n')
    assert run("rename", "mobilstation-greven", "mobilstationen-greven").exit_code == 0
    adopter = (portfolio_root / "projects" / "mobilstation-laer.toml").read_text(encoding="utf-8")
    assert 'adopted_from = "mobilstationen-greven"' in adopter and "depends_on" not in adopter
    assert check_errors(run, strict=True) == []
    assert git(portfolio_root, "status", "--porcelain") == ""
    changed = git(portfolio_root, "show", "--name-status", "--format=", "HEAD").splitlines()
    assert sorted(line.split("\t")[-1] for line in changed) == [
        "projects/mobilstation-laer.toml",
        "projects/mobilstationen-greven.toml",
    ]
