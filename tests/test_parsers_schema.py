"""A portfolio without schema/ is not silently checked against Kreis Steinfurt's vocabulary."""

from __future__ import annotations

import shutil

from factories import write_project


def test_without_schema_every_command_warns_and_check_refuses(run, portfolio_root):
    write_project(portfolio_root, "radweg")
    shutil.rmtree(portfolio_root / "schema")

    listed = run("list")
    checked = run("check")

    assert listed.exit_code == 0, listed.output
    assert "warning: the portfolio has no schema/portfolio.toml" in listed.stderr, listed.stderr
    assert "Kreis Steinfurt" in listed.stderr
    assert checked.exit_code == 2, checked.output
    assert "cannot check against the vocabulary of another region" in checked.stderr, checked.stderr
