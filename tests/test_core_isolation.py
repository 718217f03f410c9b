"""The core never imports textual or rich (the UI toolkit stays out of the library and the CLI)."""

import subprocess
import sys


def test_importing_every_core_module_loads_neither_textual_nor_rich():
    code = (
        "import importlib, pkgutil, sys, portfolio\n"
        "names = [m.name for m in pkgutil.walk_packages(portfolio.__path__, 'portfolio.') if m.name != 'portfolio.__main__']\n"
        "for name in names: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(len(names), leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    module_count = int(result.stdout.split()[0])
    assert module_count >= 15  # every module was really imported


def test_cli_help_does_not_import_the_ui():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from portfolio.cli.app import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        "sys.exit(1 if 'textual' in sys.modules or 'rich' in sys.modules else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
