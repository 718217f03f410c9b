"""The benchmarks still run against the code they measure: each script imports, and the generated
portfolio they time is one that ``portfolio check`` passes (a moved core function broke one once)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio.cli.app import cli

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))
HELPERS = ("generate_projects", "tui_children", "as_installed")  # modules the scripts use, without a main()


@pytest.fixture
def on_the_benchmarks_path(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))


@pytest.mark.parametrize("script", SCRIPTS, ids=[script.stem for script in SCRIPTS])
def test_each_benchmark_script_imports(script, on_the_benchmarks_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None)) or script.stem in HELPERS


def test_the_benchmarks_run_our_commands_with_byte_code_as_installed(on_the_benchmarks_path, monkeypatch):
    from as_installed import environment

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert "PYTHONDONTWRITEBYTECODE" not in environment()
    assert environment("LC_", LANG="C.UTF-8")["LANG"] == "C.UTF-8" and "LC_ALL" not in environment("LC_")


def test_the_generated_portfolio_passes_the_checker(tmp_path, on_the_benchmarks_path):
    from generate_projects import generate_portfolio

    root = generate_portfolio(tmp_path / "generated", 40)
    result = CliRunner().invoke(cli, ["--repo", str(root), "check", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "40 project files checked" in result.output
