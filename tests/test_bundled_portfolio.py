"""The bundled Kreis Steinfurt example portfolio: clean under the checker and as described."""

import json
from collections import Counter
from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from portfolio.cli.app import cli

REPOSITORY = Path(__file__).resolve().parents[1]


def _invoke(*args):
    return CliRunner().invoke(cli, ["--repo", str(REPOSITORY), *args])


def test_bundled_portfolio_checks_clean_in_strict_mode():
    result = _invoke("check", "--strict")
    assert result.exit_code == 0, result.output


def test_bundled_portfolio_is_the_described_example_portfolio():
    projects = json.loads(_invoke("list", "--format", "json").stdout)
    assert len(projects) >= 16
    assert set(Counter(p["module"] for p in projects)) == {2, 3}
    assert len({m for p in projects for m in p["municipalities"]}) >= 12
    fields = json.loads(_invoke("schema").stdout)["properties"]["fields_of_action"]["items"]["enum"]
    assert {f for p in projects for f in p["fields_of_action"]} == set(fields)
    assert len({p["status"] for p in projects}) >= 5
    assert sum("kreis-steinfurt" in p["municipalities"] for p in projects) >= 3


def test_bundled_projects_have_a_history_of_status_moves():
    if not (REPOSITORY / ".git").exists():
        pytest.skip("not a git checkout (e.g. an unpacked source archive)")
    repo = git.Repo(REPOSITORY)
    if repo.git.rev_parse("--is-shallow-repository") == "true":
        pytest.skip("shallow clone: the history is not here")
    subjects = repo.git.log("--format=%s", "--", "projects/").splitlines()
    status_moves = [s for s in subjects if s.startswith("Status of ")]
    assert len(status_moves) >= 20
