"""The README is the contract for a newcomer: its commands must be real."""

import re
from pathlib import Path

from portfolio.cli.app import cli

REPOSITORY = Path(__file__).resolve().parents[1]
README = (REPOSITORY / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_command():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/portfolio")
    assert "pytest" in commands[1]
    ci_lines = (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci_lines


def test_readme_documents_every_cli_command():
    documented = set(re.findall(r"`portfolio (\w[\w-]*)", README))
    assert set(cli.list_commands(None)) <= documented, set(cli.list_commands(None)) - documented
