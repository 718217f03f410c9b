"""`set KEY=VALUE` reads exactly one TOML value: anything after it is refused, never dropped."""

from __future__ import annotations

import pytest
from factories import write_project
from history_fixtures import git


@pytest.mark.parametrize(
    "value",
    [
        '[{ title = "Start", due = 2027-01-01 }]\nstatus = "completed"',
        '[{ title = "Start", due = 2027-01-01 }] status = "completed"',
        '["rheine"]\n[extra]\nx = 1',
    ],
    ids=["key-on-next-line", "key-on-same-line", "table-after"],
)
def test_trailing_toml_after_a_value_is_refused(run, portfolio_root, value):
    write_project(portfolio_root, "radweg")
    git(portfolio_root, "add", "projects")
    git(portfolio_root, "commit", "-q", "-m", "add")
    before = (portfolio_root / "projects" / "radweg.toml").read_bytes()
    key = "municipalities" if value.startswith('["') else "milestones"

    result = run("set", "radweg", f"{key}={value}")

    assert result.exit_code == 2, result.output  # as a value that is no TOML at all
    assert "only one value" in result.output or "Expected newline or end of document" in result.output, result.output
    assert (portfolio_root / "projects" / "radweg.toml").read_bytes() == before
