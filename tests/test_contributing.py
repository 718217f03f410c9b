"""CONTRIBUTING.md is the contract for a municipality's first pull request: its commands must be real."""

import re
from pathlib import Path

from portfolio.cli.app import cli

REPOSITORY = Path(__file__).resolve().parents[1]
TEXT = (REPOSITORY / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_is_in_german_and_english_with_the_editor_set_up():
    german, english = TEXT.split("\n## Deutsch\n", 1)[1].split("\n## English\n", 1)
    for section in (german, english):
        assert "Even Better TOML" in section and ".taplo.toml" in section and "schema/project.schema.json" in section
        assert "portfolio propose" in section and "portfolio check" in section and "portfolio setup" in section
    assert (REPOSITORY / ".taplo.toml").is_file()


def test_every_command_in_contributing_exists():
    named = set(re.findall(r"(?:`|bin/)portfolio (\w[\w-]*)", TEXT))
    assert named <= set(cli.list_commands(None)), named - set(cli.list_commands(None))
    assert {"new", "set", "check", "fmt", "propose", "sync", "setup"} <= named
