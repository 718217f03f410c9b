"""TOML the tool reads from outside: every refusal has a line and a column, as tomllib and taplo refuse."""

from __future__ import annotations

import json

import pytest
import tomli_w
from factories import minimal_project, write_project

from portfolio.files.reading import parse_toml

GOOD = tomli_w.dumps(minimal_project(), multiline_strings=True)


def test_check_refuses_a_surrogate_pair_written_as_two_escapes(run, portfolio_root):
    write_project(
        portfolio_root, "emoji", GOOD.replace('title = "Digitale Bürgerdienste"', r'title = "Bürger \ud83d\ude00"')
    )

    result = run("check", "--format", "json")

    assert result.exit_code == 1, result.output
    errors = json.loads(result.stdout)["errors"]
    assert [(e["path"], e["line"], e["column"], e["code"]) for e in errors] == [
        ("projects/emoji.toml", 1, 23, "toml-syntax")
    ], errors


@pytest.mark.parametrize(
    "text, line, column",
    [('title = "x"\nnotes = [\n', 2, 10), ('title = "x"\nnotes = [', 2, 10), ("title =", 1, 8)],
    ids=["newline-at-end", "no-newline-at-end", "first-line"],
)
def test_an_error_at_the_end_of_the_document_has_a_column(text, line, column):
    _data, problems = parse_toml(text, "projects/a.toml")

    assert [(p.line, p.column, p.code) for p in problems] == [(line, column, "toml-syntax")]
