"""The HTML report of the bundled portfolio in a real headless Chromium: it renders, the console stays
silent, and screenshots (desktop and phone) show the chart."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from report_fixtures import CHROMIUM_FLAGS
from system_tools import required_program

from portfolio.cli.app import cli
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.report.palette import status_colour

REPOSITORY = Path(__file__).resolve().parents[1]
FLAGS = (*CHROMIUM_FLAGS, "--enable-logging=stderr", "--v=0")  # the console, for the silent-console check


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium (.ci/run installs it); in CI its absence fails, elsewhere the test is skipped, saying why."""
    return required_program(("chromium", "chromium-browser"), "chromium")


def _render(chromium: str, page: Path, screenshot: Path, width: int, height: int, profile: Path) -> list[str]:
    """Load ``page`` in a fresh profile, save a screenshot; returns what the page wrote to the console."""
    done = subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={screenshot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert screenshot.is_file(), done.stderr[-2000:]
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def _longest_runs(screenshot: Path, colours: dict[str, str]) -> dict[str, int]:
    """For each colour, the longest horizontal run of exactly that colour in any row of the screenshot."""
    image = Image.open(screenshot).convert("RGB")
    width, height = image.size
    pixels = image.load()
    wanted = {tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5)): name for name, hex_ in colours.items()}
    longest = dict.fromkeys(colours, 0)
    for y in range(0, height, 2):
        run_colour, run = None, 0
        for x in range(width):
            colour = pixels[x, y]
            if colour == run_colour:
                run += 1
            else:
                run_colour, run = colour, 1
            name = wanted.get(colour)
            if name is not None and run > longest[name]:
                longest[name] = run
    return longest


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "index.html"
    result = CliRunner().invoke(
        cli,
        ["--repo", str(REPOSITORY), "--lang", "de", "report", "--format", "html", "-o", str(target)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return target


def _chart_colours() -> dict[str, str]:
    vocabulary = load_vocabulary(REPOSITORY)
    return {slug: status_colour(index) for index, slug in enumerate(vocabulary.status_slugs)}


def test_the_console_check_sees_errors(chromium, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><p>x</p><img src="https://example.org/x.png">'
        "<script>console.error('boom'); notDefined();</script>",
        encoding="utf-8",
    )
    messages = _render(chromium, broken, tmp_path / "broken.png", 400, 300, tmp_path / "profile")
    assert any("boom" in line for line in messages) and any("notDefined" in line for line in messages)


def test_the_report_renders_without_console_messages_and_shows_the_chart(chromium, report_page, tmp_path):
    screenshot = tmp_path / "desktop.png"
    messages = _render(chromium, report_page, screenshot, 1200, 2400, tmp_path / "profile")
    assert messages == []
    runs = _longest_runs(screenshot, _chart_colours())
    # Areas of the chart are hundreds of pixels wide; the colour swatches of the tables only a dozen.
    wide = [slug for slug, run in runs.items() if run >= 150]
    assert {"operation", "implementation", "idea"} <= set(wide), runs


def test_the_report_fits_a_phone_and_still_shows_the_chart(chromium, report_page, tmp_path):
    screenshot = tmp_path / "phone.png"
    messages = _render(chromium, report_page, screenshot, 390, 3200, tmp_path / "profile")
    assert messages == []
    runs = _longest_runs(screenshot, _chart_colours())
    assert runs["operation"] >= 80 and runs["idea"] >= 40, runs
    assert max(runs.values()) < 390  # the chart scales to the screen instead of running off it
