"""``format_projects`` (behind ``portfolio fmt``) and the schema file, without the command line."""

from __future__ import annotations

import json
from pathlib import Path

from factories import write_project

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.formatting import BROKEN, NOT_CANONICAL, REFORMATTED, format_projects
from portfolio.files.schema_file import schema_file_problems, write_schema_file

MESSY = (
    '# a comment\ntitle = "Digitale Bürgerdienste"\nstatus = "idea"\nmodule = 2\n'
    'municipalities = ["rheine"]\nfields_of_action = ["verwaltung"]\n'
)


def test_one_outcome_per_file_that_is_not_canonical_and_check_only_writes_nothing(portfolio_root: Path) -> None:
    vocabulary = load_vocabulary(portfolio_root)
    write_project(portfolio_root, "tidy-project")
    messy = write_project(portfolio_root, "messy-project", MESSY)
    write_project(portfolio_root, "broken-project", "title = \n")
    told = list(format_projects(portfolio_root, vocabulary, check_only=True))
    assert [(outcome.path, outcome.kind) for outcome in told] == [
        ("projects/broken-project.toml", BROKEN),
        ("projects/messy-project.toml", NOT_CANONICAL),
    ]
    assert told[0].problems and told[0].problems[0].line == 1
    assert messy.read_text(encoding="utf-8") == MESSY
    done = list(format_projects(portfolio_root, vocabulary, ["messy-project"]))
    assert [(outcome.kind, outcome.comments_removed) for outcome in done] == [(REFORMATTED, True)]
    assert "#" not in messy.read_text(encoding="utf-8")
    assert list(format_projects(portfolio_root, vocabulary, ["messy-project", "tidy-project"])) == []


def test_the_schema_file_is_reported_when_stale_and_written_anew(portfolio_root: Path) -> None:
    vocabulary = load_vocabulary(portfolio_root)
    assert schema_file_problems(portfolio_root, vocabulary) == []
    path = write_schema_file(portfolio_root, vocabulary)
    path.write_text("{}\n", encoding="utf-8")
    [stale] = schema_file_problems(portfolio_root, vocabulary, strict=True)
    assert (stale.path, stale.code, stale.severity) == ("schema/project.schema.json", "schema-outdated", "error")
    write_schema_file(portfolio_root, vocabulary)
    assert (
        json.loads(path.read_text(encoding="utf-8"))["title"] and schema_file_problems(portfolio_root, vocabulary) == []
    )
