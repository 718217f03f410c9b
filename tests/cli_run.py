"""The real CLI, in process, against one portfolio: a module of its own, since ``conftest`` is a name
two folders of the suite use (an import of it finds whichever pytest loaded last)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from portfolio.cli.app import cli


@dataclass
class CliRun:
    root: Path

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--repo", str(self.root), *args], input=input, catch_exceptions=False)
