"""The HTML report meets WCAG 2.1 AA, as checked by axe-core in Debian's chromium (German and
English, 1280 px and 390 px wide), and by hand where axe cannot see: the chart's data as text, the
contrast of the status colours, the language of the titles, the accessibility statement.

axe-core comes from the npm registry, pinned in tests/browser/package-lock.json; .ci/run installs
it with ``npm ci --prefix tests/browser``. A control page with planted faults shows that the setup
finds what it is meant to find.
"""

from __future__ import annotations

import dataclasses
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_fixtures import REPOSITORY, browser, example, example_root  # noqa: F401

from portfolio.domain.publication import Publication
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.i18n import reset_language, use_language
from portfolio.outputs.report import build_report, report_html
from portfolio.outputs.report.palette import PALETTE, contrast_ratio

AXE = REPOSITORY / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not WCAG-tagged in axe, but named in the issue the report was checked against.
ALSO = ["empty-table-header"]
CONTACT = "barrierefreiheit@example.org"
WHITE = "#ffffff"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    missing = f"{AXE} is missing: run npm ci --prefix tests/browser (.ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(missing)
    pytest.skip(missing)


def _axe(browser, axe_source: str, page: Path, width: int) -> dict:
    """axe's result for ``page`` in a window ``width`` px wide: violations and passes by rule id."""
    browser.set_window_size(width, 900)
    browser.get(page.as_uri())
    browser.execute_script(axe_source)
    return browser.execute_async_script(
        """
        const [tags, also, done] = arguments;
        const rules = Object.fromEntries(also.map((id) => [id, {enabled: true}]));
        axe.run(document, {runOnly: {type: "tag", values: tags}, rules})
          .then((result) => done({
            violations: result.violations.map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.html)})),
            passes: result.passes.map((v) => v.id)}))
          .catch((error) => done({error: String(error)}));
        """,
        WCAG_21_AA,
        ALSO,
    )


def _report(language: str, contact: str | None = CONTACT) -> str:
    """The report of this repository (its own history gives the chart years of data) in ``language``."""
    vocabulary = load_vocabulary(REPOSITORY)
    vocabulary = dataclasses.replace(vocabulary, publication=Publication(accessibility_contact=contact))
    use_language(language)
    try:
        return report_html(build_report(REPOSITORY, vocabulary), vocabulary)
    finally:
        reset_language()


@pytest.fixture(scope="module")
def report_pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    pages = {}
    for language in ("de", "en"):
        pages[language] = folder / f"{language}.html"
        pages[language].write_text(_report(language), encoding="utf-8")
    return pages


CONTROL = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>control</title></head><body><main>
<p style="color:#aab7b8">grey text of 2.06:1 on white</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div style="overflow-x:auto;width:200px"><table><tr><th></th><th>b</th></tr>
<tr><td>x</td><td style="white-space:nowrap">a cell far wider than its box, so that the box scrolls</td></tr>
</table></div>
</main></body></html>
"""


def test_axe_finds_the_faults_planted_in_a_control_page(browser, axe_source, tmp_path):
    page = tmp_path / "control.html"
    page.write_text(CONTROL, encoding="utf-8")
    result = _axe(browser, axe_source, page, 390)
    assert "error" not in result, result
    found = {violation["id"] for violation in result["violations"]}
    planted = {"html-has-lang", "color-contrast", "image-alt", "scrollable-region-focusable", "empty-table-header"}
    assert planted <= found, result["violations"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_report_has_no_wcag_2_1_aa_violation(browser, axe_source, report_pages, language, width):
    result = _axe(browser, axe_source, report_pages[language], width)
    assert "error" not in result, result
    assert result["violations"] == []
    # The rules the report once failed ran and passed (a box scrolls at both widths: the matrix).
    assert {"scrollable-region-focusable", "color-contrast", "empty-table-header"} <= set(result["passes"])
    assert browser.execute_script(
        "return [...document.querySelectorAll('.scroll')].some((box) => box.scrollWidth > box.clientWidth)"
    )


def test_every_status_colour_has_3_to_1_against_the_page_and_its_neighbours():
    # The formula against the ratios the issue measured for the old colours (Planung, the grey zeros).
    assert round(contrast_ratio("#000000", WHITE), 2) == 21.0
    assert round(contrast_ratio("#f7dc6f", WHITE), 2) == 1.36 and round(contrast_ratio("#aab7b8", WHITE), 2) == 2.06
    for index, colour in enumerate(PALETTE):
        neighbour = PALETTE[(index + 1) % len(PALETTE)]  # also across the wrap, for a longer vocabulary
        assert contrast_ratio(colour, WHITE) >= 3, colour
        assert contrast_ratio(colour, neighbour) >= 3, (colour, neighbour)


class _Chart(HTMLParser):
    """The chart's areas (fill, stroke) in drawing order, its title and desc, and the lang of titles."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[tuple[str, str]] = []
        self.described_by: list[str] = []
        self.texts: dict[str, str] = {}
        self.title_langs: list[str | None] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "path" and attributes.get("class") == "area":
            self.areas.append((attributes["fill"], attributes.get("stroke", "")))
        if tag == "svg" and "flow-chart" in (attributes.get("class") or ""):
            self.described_by = (attributes.get("aria-labelledby") or "").split()
        if tag in ("title", "desc") and attributes.get("id"):
            self._open = attributes["id"]
        if tag == "span" and attributes.get("class") == "title":
            self.title_langs.append(attributes.get("lang"))

    def handle_data(self, data):
        if self._open:
            self.texts[self._open] = self.texts.get(self._open, "") + data

    def handle_endtag(self, tag):
        if tag in ("title", "desc"):
            self._open = None


def _chart(page: str) -> _Chart:
    chart = _Chart()
    chart.feed(page)
    return chart


def test_neighbouring_areas_of_the_chart_differ_by_3_to_1_and_are_separated(report_pages):
    chart = _chart(report_pages["de"].read_text(encoding="utf-8"))
    assert len(chart.areas) >= 6
    for (fill, stroke), (next_fill, _stroke) in zip(chart.areas, chart.areas[1:]):
        assert stroke == WHITE and contrast_ratio(fill, WHITE) >= 3
        assert contrast_ratio(fill, next_fill) >= 3, (fill, next_fill)


def test_the_chart_has_a_description_and_its_data_as_tables(report_pages):
    page = report_pages["en"].read_text(encoding="utf-8")
    chart = _chart(page)
    assert [chart.texts.get(part) for part in chart.described_by][0] == "Projects per status over time"
    description = chart.texts[chart.described_by[1]]
    vocabulary = load_vocabulary(REPOSITORY)
    use_language("en")
    try:
        data = build_report(REPOSITORY, vocabulary)
        last = data.timeline[-1]
        expected = [
            f"{vocabulary.label('status', slug)} {last.counts.get(slug, 0)}" for slug in vocabulary.status_slugs
        ]
    finally:
        reset_language()
    assert all(part in description for part in expected), description
    years = sorted({period.end.year for period in data.timeline})
    assert 'aria-label="Projects per status at the end of each year"' in page
    for year in years:
        assert f"<summary>{year}: each month</summary>" in page
        assert f'aria-label="Projects per status at the end of each month of {year}"' in page


def test_titles_in_a_report_in_another_language_carry_their_own(report_pages):
    english = _chart(report_pages["en"].read_text(encoding="utf-8")).title_langs
    german = _chart(report_pages["de"].read_text(encoding="utf-8")).title_langs
    assert english and set(english) == {"de"}  # the portfolio's titles are German
    assert german and set(german) == {None}


def test_the_accessibility_statement_names_the_contact_of_the_settings(example):
    settings = example.root / "schema" / "portfolio.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("[publication]\n", f'[publication]\naccessibility_contact = "{CONTACT}"\n'), encoding="utf-8"
    )
    result = example("--lang", "de", "report", "--format", "html", "--public", "-o", str(example.root / "r.html"))
    assert result.exit_code == 0, result.output
    page = (example.root / "r.html").read_text(encoding="utf-8")
    assert '<section id="accessibility"><h2>Barrierefreiheit</h2>' in page
    assert f'<a href="mailto:{CONTACT}">{CONTACT}</a>' in page


def test_without_a_contact_the_statement_names_the_publisher(example):
    result = example("report", "--format", "html", "-o", str(example.root / "r.html"))
    assert result.exit_code == 0, result.output
    page = (example.root / "r.html").read_text(encoding="utf-8")
    assert "need the content in another form, tell the publisher: Kreis Steinfurt." in page and "mailto:" not in page


@pytest.mark.parametrize("contact", ["jemand at example.org", "http://example.org/barrierefreiheit", "kein-kontakt"])
def test_a_contact_that_is_no_address_is_refused_with_its_place(example, contact):
    settings = example.root / "schema" / "portfolio.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("[publication]\n", f'[publication]\naccessibility_contact = "{contact}"\n'), encoding="utf-8"
    )
    line = text.splitlines().index("[publication]") + 2
    result = example("report", "--format", "html", "-o", str(example.root / "r.html"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"portfolio.toml:{line}:" in result.output and "publication.accessibility_contact" in result.output
    assert "neither an e-mail address nor an https address" in result.output, result.output
