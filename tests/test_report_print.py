"""The HTML report printed as a reader prints it: Chromium's print to PDF (A4, background graphics
off, as they are by default), read back with poppler-utils and pdfminer.six.

The printout keeps the status marks next to their names (legend, tables), keeps every letter at
10 pt or more (nothing wide makes Chromium shrink the whole report to fit), and holds the
municipality x field matrix whole, totals column included, on landscape pages. A control page with
the faults the report once had shows that each check can fail.
"""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from report_fixtures import REPOSITORY, browser  # noqa: F401
from system_tools import required_program

from portfolio.cli.app import cli
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.report.palette import status_colour

A4 = (595.0, 842.0)  # points, portrait
MIN_TEXT_PT = 10
DPI = 96  # enough pixels for a mark of 0.8 em
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def poppler() -> None:
    for program in ("pdftotext", "pdfinfo", "pdftoppm"):
        required_program((program,), "poppler-utils")


def _print(browser, page: Path, pdf: Path) -> Path:
    """Print ``page`` as a reader does in Chromium: DevTools' Page.printToPDF with its defaults
    (background graphics off, no header and footer lines), on A4 unless the page asks for its own
    page size, as the print dialog does. (The ``--print-to-pdf`` switch prints backgrounds.)"""
    browser.get(page.as_uri())
    options = {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True}
    pdf.write_bytes(base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", options)["data"]))
    return pdf


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))
    info = _run("pdfinfo", "-f", "1", "-l", str(pages), str(pdf))
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def _page_texts(pdf: Path) -> list[str]:
    return _run("pdftotext", "-layout", str(pdf), "-").split("\f")


def _letter_sizes(pdf: Path) -> dict[str, float]:
    """Each printed letter's size in points, the smallest per word, as pdfminer.six measures it."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextLine

    smallest: dict[str, float] = {}

    def walk(item) -> None:
        if isinstance(item, LTTextLine):
            for word_chars in _words(item):
                word = "".join(char.get_text() for char in word_chars)
                size = min(char.size for char in word_chars)
                smallest[word] = min(size, smallest.get(word, size))
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    def _words(line):
        chars = [char for char in line if isinstance(char, LTChar)]
        word: list = []
        for char in chars:
            if char.get_text().isspace():
                if word:
                    yield word
                word = []
            else:
                word.append(char)
        if word:
            yield word

    for page in extract_pages(pdf):
        walk(page)
    return smallest


def _marked_words(pdf: Path, words: dict[str, str], folder: Path) -> dict[str, int]:
    """For each word, how often it is printed with a square of its colour just left of it."""
    found = dict.fromkeys(words, 0)
    prefix = folder / pdf.stem
    _run("pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix))
    images = sorted(folder.glob(f"{pdf.stem}-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
    pages = _run("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:]
    scale = DPI / 72
    for page, image_path in zip(pages, images, strict=True):
        image = Image.open(image_path).convert("RGB")
        for *box, word in WORD.findall(page):
            if word not in words:
                continue
            left, top, bottom = float(box[0]), float(box[1]), float(box[3])
            crop = (
                int((left - 14) * scale),
                int((top + 2) * scale),
                int((left - 2) * scale),
                int((bottom - 2) * scale),
            )
            wanted = tuple(int(words[word][i : i + 2], 16) for i in (1, 3, 5))
            pixels = image.crop(crop).get_flattened_data()
            if sum(all(abs(a - b) <= 12 for a, b in zip(pixel, wanted)) for pixel in pixels) >= 9:
                found[word] += 1
    return found


def _status_words(language: str) -> dict[str, str]:
    """The first word of each status's label in ``language`` -> the status's colour."""
    vocabulary = load_vocabulary(REPOSITORY)
    return {
        vocabulary.label("status", slug, language).split()[0]: status_colour(index)
        for index, slug in enumerate(vocabulary.status_slugs)
    }


def _report(language: str, output_format: str, target: Path) -> Path:
    result = CliRunner().invoke(
        cli,
        ["--repo", str(REPOSITORY), "--lang", language, "report", "--format", output_format, "-o", str(target)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module", params=["de", "en"])
def printed(request, browser, poppler, tmp_path_factory) -> tuple[str, Path, Path]:
    """(language, the PDF of the report, the folder for the test's files)."""
    language = request.param
    folder = tmp_path_factory.mktemp(f"print-{language}")
    page = _report(language, "html", folder / "report.html")
    return language, _print(browser, page, folder / "report.pdf"), folder


def test_every_page_is_a4_and_every_letter_at_least_10_pt(printed):
    _language, pdf, _folder = printed
    for width, height in _page_sizes(pdf):
        assert sorted((round(width), round(height))) == sorted(map(round, A4)), (width, height)
    sizes = _letter_sizes(pdf)
    small = {word: size for word, size in sizes.items() if size < MIN_TEXT_PT - 0.05}
    assert len(sizes) > 200 and not small, small


def test_the_status_marks_are_printed_next_to_their_names(printed):
    language, pdf, folder = printed
    words = _status_words(language)
    found = _marked_words(pdf, words, folder)
    # Each status is named with its mark in the table of statuses, the chart's legend and the
    # chart's table by year.
    assert all(count >= 3 for count in found.values()), found


def test_the_matrix_is_printed_whole_on_landscape_pages(printed):
    language, pdf, folder = printed
    markdown = _report(language, "markdown", folder / "report.md").read_text(encoding="utf-8")
    vocabulary = load_vocabulary(REPOSITORY)
    heading = "## " + ("Kommunen und Handlungsfelder" if language == "de" else "Municipalities and fields of action")
    section = markdown.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| ---")
    ]
    header, rows = rows[0], rows[1:]
    assert len(rows) == len(vocabulary.municipality_slugs)
    landscape = "\n".join(text for text, (width, height) in zip(_page_texts(pdf), _page_sizes(pdf)) if width > height)
    assert re.search(r"^\s*" + r"\s+".join(map(re.escape, header)) + r"\s*$", landscape, re.M), header
    for row in rows:  # the municipality, one number per field of action and the total, on one line
        pattern = r"^\s*" + r"\s+".join(map(re.escape, row)) + r"\s*$"
        assert re.search(pattern, landscape, re.M), (row, landscape)


CONTROL = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>control</title>
<style>body { font: 11pt sans-serif; } .mark { display: inline-block; width: .8em; height: .8em;
margin-right: .4em; background: %s; }</style></head><body>
<p>Gewöhnlicher Fließtext</p>
<p><span class="mark"></span>Idee, ein Zeichen als CSS-Hintergrund</p>
<table><tr><th>Kommune</th>%s<th>Gesamtsumme</th></tr></table>
</body></html>
"""


def test_the_checks_see_the_faults_of_a_control_page(browser, poppler, tmp_path):
    """A mark drawn as a CSS background is left out, and a table far wider than A4 makes Chromium
    shrink everything below 10 pt and still cut the table: each is found."""
    columns = "".join(f"<th>Handlungsfeld{number}</th>" for number in range(20))
    page = tmp_path / "control.html"
    page.write_text(CONTROL % (status_colour(0), columns), encoding="utf-8")
    pdf = _print(browser, page, tmp_path / "control.pdf")
    assert _marked_words(pdf, {"Idee,": status_colour(0)}, tmp_path) == {"Idee,": 0}
    sizes = _letter_sizes(pdf)
    assert sizes["Fließtext"] < MIN_TEXT_PT - 1, sizes  # 11 pt shrunk to two thirds
    # Shrunk as far as Chromium goes, the table is still too wide: its last column is cut off.
    assert "Handlungsfeld0" in "".join(_page_texts(pdf)) and "Gesamtsumme" not in "".join(_page_texts(pdf))
