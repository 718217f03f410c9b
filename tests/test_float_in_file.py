"""A float where a whole number belongs is an error of the file (with line and column), never cut to
an integer: on the fast reader's path (canonical files), on tomllib's, and in the first look."""

from __future__ import annotations

import json

import pytest
import tomli_w
from factories import minimal_project, write_project

from portfolio.files.fastread import read_canonical
from portfolio.files.first_look import first_look, glance_project

GOOD = tomli_w.dumps(minimal_project(), multiline_strings=True)


def canonical(**fields) -> str:
    return tomli_w.dumps(minimal_project(**fields), multiline_strings=True)


CASES = [
    # name, file text, whether the fast reader reads it, line, column, key in the message
    ("budget-150-0", canonical(budget_eur=150.0), True, 10, 14, "budget_eur"),
    ("budget-150-5", canonical(budget_eur=150.5), True, 10, 14, "budget_eur"),
    ("budget-by-hand", GOOD + "budget_eur   =   150.5  \n", False, 10, 18, "budget_eur"),
    ("module-2-0", canonical(module=2.0), True, 2, 10, "module"),
    (
        "funding-10-0",
        canonical(funding=[{"source": "EU", "amount_eur": 10.0}]),
        True,
        11,
        35,
        "funding[0].amount_eur",
    ),
]


@pytest.mark.parametrize("name, text, fast, line, column, key", CASES, ids=[case[0] for case in CASES])
def test_check_reports_a_float_where_an_integer_belongs(run, portfolio_root, name, text, fast, line, column, key):
    assert (read_canonical(text) is not None) is fast  # the path this case takes
    write_project(portfolio_root, "gute-idee", GOOD)
    write_project(portfolio_root, name, text)
    result = run("check", "--format", "json")
    assert result.exit_code == 1, result.output
    errors = [error for error in json.loads(result.stdout)["errors"] if error["path"] == f"projects/{name}.toml"]
    assert [(error["code"], error["line"], error["column"]) for error in errors] == [("wrong-type", line, column)]
    assert errors[0]["message"].startswith(f"{key} must be an integer") and "float" in errors[0]["message"]
    listed = json.loads(run("list", "--format", "json").stdout)
    assert [project["id"] for project in listed] == ["gute-idee"]  # not loaded as if it were whole


def test_the_text_report_names_file_line_and_column(run, portfolio_root):
    write_project(portfolio_root, "budget", canonical(budget_eur=150.0))
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "projects/budget.toml:10:14: error[wrong-type]: budget_eur must be an integer"
    )


def test_the_first_look_leaves_out_a_module_that_is_a_float(portfolio_root):
    assert glance_project("modul", "projects/modul.toml", canonical(module=2.0).encode()) is None
    assert glance_project("modul", "projects/modul.toml", canonical(module=2).encode()) is not None
    write_project(portfolio_root, "modul", canonical(module=2.0))
    write_project(portfolio_root, "gute-idee", GOOD)
    look = first_look(portfolio_root)
    assert look is not None and [project.id for project in look.projects] == ["gute-idee"] and look.files == 2
