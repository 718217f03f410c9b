"""The council report as a tagged, accessible PDF (PDF/UA-1) on A4, rendered from the HTML report.

WeasyPrint lays the same HTML out for print (the report's print style: A4, the matrix on a
landscape page, text at 10 pt or more) and writes the structure tree that screen readers and PDF/UA
checkers read, with the document's language from ``<html lang>`` and its title from ``<title>``.
The text is set in DejaVu Sans, which the system's font package (Debian's ``fonts-dejavu-core``)
brings; nothing is fetched: every address but ``data:`` is refused, so that a report never calls
out while it is made.
"""

from __future__ import annotations

import re

from portfolio.errors import PortfolioError
from portfolio.i18n import _

FONT = '"DejaVu Sans", "Liberation Sans", sans-serif'


class PdfUnavailable(PortfolioError):
    exit_code = 2


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _page_numbers() -> str:
    """CSS ``content`` for "Page 3 of 7" in the chosen language (its placeholders become counters)."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def pdf_style(title: str) -> str:
    """What the PDF adds to the report's print style: its font, and on every page its title and number."""
    return f"""
    body, svg.flow-chart text {{ font-family: {FONT}; }}
    @page {{ size: A4; margin: 16mm 12mm 18mm;
      @bottom-left {{ content: {_css_string(title)}; font: 10pt {FONT}; color: #4d5b69; }}
      @bottom-right {{ content: {_page_numbers()}; font: 10pt {FONT}; color: #4d5b69; }} }}
    @page wide {{ size: A4 landscape; }}
    .scroll {{ overflow: visible; }}
    /* for screen readers only: WeasyPrint knows no clip, a box of 1 px that hides its overflow does */
    .visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; white-space: nowrap; }}
    """


def report_pdf(html: str, title: str) -> bytes:
    """The PDF of the HTML report ``html``; ``title`` goes in the footer of each page."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # not installed, or its system libraries (Pango) missing
        raise PdfUnavailable(
            _("a PDF report needs WeasyPrint and the Pango library ({reason}); write --format html instead").format(
                reason=error
            )
        ) from None
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print")
    try:
        return document.write_pdf(stylesheets=[weasyprint.CSS(string=pdf_style(title))], pdf_variant="pdf/ua-1")
    except OSError as error:
        raise PdfUnavailable(_("the PDF report could not be written: {reason}").format(reason=error)) from None
