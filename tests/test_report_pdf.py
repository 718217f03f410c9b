"""The council's status report as a PDF: rendered by WeasyPrint from the HTML report, read back with
poppler-utils and pdfminer.six. It holds the deadlines and the decisions, is tagged (a structure
tree with headings and tables), names its language and title, is A4 with numbered pages, and
fetches nothing from the network while it is made."""

from __future__ import annotations

import http.server
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from report_fixtures import ExampleRun
from system_tools import required_program

from portfolio.git.scaffold import init_portfolio
from portfolio.outputs.report.pdf import report_pdf

REPORT_DAY = datetime(2026, 12, 2, 12, tzinfo=UTC)
A4 = (595.3, 841.9)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The example portfolio's report as of 2 December 2026, in German and in English."""
    required_program(("pdftotext",), "poppler-utils")
    root = init_portfolio(tmp_path_factory.mktemp("pdf") / "example", example=True, commit=True)
    written = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(REPORT_DAY.timestamp())))
        for language in ("de", "en"):
            target = root.parent / f"report-{language}.pdf"
            result = ExampleRun(root)("--lang", language, "report", "--format", "pdf", "-o", str(target))
            assert result.exit_code == 0, result.output
            written[language] = target
    return written


def text_of(pdf: Path) -> str:
    pdftotext = required_program(("pdftotext",), "poppler-utils")  # every test reading a PDF back skips without it
    return subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _name(value) -> str:
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else str(value)


def structure(pdf: Path) -> tuple[dict, list[str], list[tuple[float, float]]]:
    """The catalog, the role of every element of the structure tree, and each page's size."""
    with pdf.open("rb") as stream:
        document = PDFDocument(PDFParser(stream))
        catalog = {key: resolve1(value) for key, value in document.catalog.items()}
        roles: list[str] = []
        pending = [catalog.get("StructTreeRoot")]
        while pending and len(roles) < 20000:
            node = resolve1(pending.pop())
            if isinstance(node, list):
                pending.extend(node)
            elif isinstance(node, dict):
                if "S" in node:
                    roles.append(_name(node["S"]))
                if "K" in node:
                    pending.append(node["K"])
        sizes = [(round(page.mediabox[2], 1), round(page.mediabox[3], 1)) for page in PDFPage.create_pages(document)]
    return catalog, roles, sizes


def test_the_german_report_holds_the_deadlines_and_the_decisions(reports):
    text = text_of(reports["de"])
    assert "Fristen" in text and "Beschlüsse der Gremien" in text and "Fortschritt" in text
    overdue = next(line for line in text.splitlines() if line.startswith("30.06.2026"))
    assert "Mobilstationen in Greven" in overdue and "Verwendungsnachweis: Land" in overdue
    assert "seit 155" in overdue  # "seit 155 Tagen überfällig", broken over lines in its narrow cell
    for reference in ("VL-112/2022", "A 245/2024", "DS 2024/058"):
        assert reference in text
    assert "Nachhaltigkeitsziele" in text and "Übertragungen zwischen Kommunen" in text
    pages = int(
        subprocess.run(["pdfinfo", str(reports["de"])], capture_output=True, text=True)
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    assert f"Seite 1 von {pages}" in text and f"Seite {pages} von {pages}" in text


def test_the_english_report_speaks_english(reports):
    text = text_of(reports["en"])
    assert "Deadlines" in text and "Council decisions" in text
    assert "2026-06-30" not in text or "30.06.2026" not in text  # one way of writing days, the language's
    assert "overdue by" in text and "Page 1 of" in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_pdf_is_tagged_with_its_language_and_title_on_a4(reports, language):
    catalog, roles, sizes = structure(reports[language])
    assert catalog.get("StructTreeRoot") is not None
    assert resolve1(catalog["MarkInfo"]).get("Marked") is True
    assert catalog.get("Lang") in (language.encode(), language)
    assert {"H1", "H2", "Table", "TH", "TD"} <= set(roles), sorted(set(roles))
    assert roles.count("H2") >= 10
    info = subprocess.run(["pdfinfo", str(reports[language])], capture_output=True, text=True).stdout
    title = "Projektportfolio Kreis Steinfurt" if language == "de" else "Project portfolio Kreis Steinfurt"
    assert f"Title:           {title}" in info
    # portrait A4, and the municipality x field matrix on a landscape page
    assert set(sizes) == {A4, A4[::-1]}, set(sizes)


def test_nothing_is_fetched_while_the_pdf_is_made(tmp_path):
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_port}"
        html = (
            f'<!DOCTYPE html><html lang="de"><head><title>T</title><link rel="stylesheet" href="{address}/s.css">'
            f'</head><body><h1>T</h1><img alt="Bild" src="{address}/b.png"></body></html>'
        )
        pdf = report_pdf(html, "T")
    finally:
        server.shutdown()
    assert pdf.startswith(b"%PDF-")
    assert asked == []


def test_a_filtered_report_says_which_projects_it_counts(tmp_path, monkeypatch):
    root = init_portfolio(tmp_path / "example", example=True, commit=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(REPORT_DAY.timestamp())))
    target = tmp_path / "greven.pdf"
    result = ExampleRun(root)(
        "--lang", "en", "report", "--format", "pdf", "--municipality", "greven", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    text = text_of(target)
    assert "Only the projects with: municipality Greven" in text
    assert "mobilstationen-greven" in text and "on-demand-bus-tecklenburger-land" not in text


def test_a_pdf_is_never_written_to_a_terminal(tmp_path):
    root = init_portfolio(tmp_path / "example", example=False, commit=True)
    script = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execvp(sys.argv[1], sys.argv[1:])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 4096)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "_, status = os.waitpid(pid, 0)\n"
        "print(os.waitstatus_to_exitcode(status), out.decode(errors='replace'))\n"
    )
    portfolio = Path(__import__("sys").executable).with_name("portfolio")
    shown = subprocess.run(
        [
            __import__("sys").executable,
            "-c",
            script,
            str(portfolio),
            "--lang",
            "en",
            "--repo",
            str(root),
            "report",
            "--format",
            "pdf",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert shown.startswith("2 ") and "write it to a file with -o FILE" in shown and "%PDF" not in shown
