"""TOML the tool reads from outside: every refusal has a line and a column, as tomllib and taplo refuse."""

from __future__ import annotations

import json

import tomli_w
from factories import minimal_project, write_project

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
