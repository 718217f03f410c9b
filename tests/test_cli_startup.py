"""Start-up: the command line imports only what a command needs.

``portfolio --help`` lists every command from ``COMMAND_TABLE`` (portfolio/cli/app.py) without
importing a command's module; importing the entry module loads neither pydantic, GitPython,
openpyxl nor textual. The table is held to the real commands: the same names, and the same short
help in every language, so that the two cannot drift apart.
"""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from portfolio.cli.app import COMMAND_TABLE, cli
from portfolio.i18n import available_languages, use_language

SOURCE = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "git", "openpyxl", "textual")
FAMILIES = ("projects", "lifecycle", "history", "collab", "driver", "resolve", "outputs", "serve")


def _real_commands() -> dict[str, click.Command]:
    """Every command the family modules define (each module's ``COMMANDS``), by name."""
    found = {}
    for family in FAMILIES:
        for each in importlib.import_module(f"portfolio.cli.{family}").COMMANDS:
            found[each.name] = each
    return found


def _run(*args: str, cwd: Path = SOURCE) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    environment |= {"PYTHONPATH": str(SOURCE), "LANG": "C"}
    environment.pop("PORTFOLIO_LANG", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=environment, capture_output=True, text=True, check=True)


def test_the_table_names_every_command_and_only_them():
    real = _real_commands()
    assert sorted(COMMAND_TABLE) == sorted(real)
    for name, (module, attribute, _help) in COMMAND_TABLE.items():
        assert getattr(importlib.import_module(f"portfolio.cli.{module}"), attribute) is real[name]
    assert cli.list_commands(click.Context(cli)) == sorted([*real, "tui"])


@pytest.mark.parametrize("language", available_languages())
def test_the_tables_short_help_is_each_commands_own(language):
    real = _real_commands()
    listed_group = type(cli)(commands={})  # a group that has loaded nothing: it lists from the table
    context = click.Context(listed_group)
    use_language(language)
    try:
        for name, (_module, _attribute, short_help) in COMMAND_TABLE.items():
            assert short_help == inspect.cleandoc(real[name].help).split("\n\n")[0], name
            listed_group._listing = True
            listed = listed_group.get_command(context, name)
            listed_group._listing = False
            for limit in (30, 45, 70, 94, 200):
                assert listed.get_short_help_str(limit) == real[name].get_short_help_str(limit), (name, limit)
    finally:
        use_language("en")


def test_importing_the_entry_module_loads_no_heavy_library():
    code = f"import portfolio.cli.app, sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    assert _run("-c", code).stdout.strip() == "[]"


def test_help_as_a_process_imports_no_heavy_library_nor_a_command_module(tmp_path):
    """``portfolio --help`` in a portfolio, with no language chosen: the portfolio's own is read at a glance."""
    (tmp_path / ".git").mkdir()
    done = _run("-X", "importtime", "-m", "portfolio", "--help", cwd=tmp_path)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "portfolio.cli.app" in imported
    assert not {name for name in imported if name.split(".")[0] in HEAVY}
    assert not {f"portfolio.cli.{family}" for family in FAMILIES} & imported
    assert "show" in done.stdout and "merge-driver" in done.stdout


def test_a_command_imports_its_own_module_only():
    code = (
        "import sys; from portfolio.cli.app import cli; cli.get_command(None, 'show'); "
        "print(sorted(m for m in sys.modules if m.startswith('portfolio.cli.')))"
    )
    loaded = _run("-c", code).stdout
    assert "portfolio.cli.projects" in loaded
    assert not [family for family in FAMILIES if family != "projects" and f"portfolio.cli.{family}'" in loaded]
