"""Fixtures for the report, spreadsheet and open-data tests: the bundled example portfolio in tmp."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from portfolio.cli.app import cli
from portfolio.git.scaffold import init_portfolio

REPOSITORY = Path(__file__).resolve().parents[1]


@dataclass
class ExampleRun:
    root: Path

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--repo", str(self.root), *args], input=input, catch_exceptions=False)

    def head(self) -> str:
        return git_out(self.root, "rev-parse", "HEAD")

    def status(self) -> str:
        return git_out(self.root, "status", "--porcelain")


def git_out(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def example_root(tmp_path: Path) -> Path:
    """A new portfolio with the 23 bundled example projects, committed."""
    return init_portfolio(tmp_path / "example", example=True, commit=True)


@pytest.fixture
def example(example_root: Path) -> ExampleRun:
    return ExampleRun(example_root)


# Flags for Debian's chromium in tests: no sandbox (CI runs as root), nothing from the network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium driven by Debian's chromedriver, for every page of a test module.

    Without chromium, chromedriver or selenium the tests skip locally and fail in CI (system_tools)."""
    from system_tools import required_program

    chromium = required_program(("chromium", "chromium-browser"), "chromium")
    chromedriver = required_program(("chromedriver",), "chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing = "selenium is missing (the test extra of pyproject.toml)"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()
