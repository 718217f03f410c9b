"""The report's accessibility statement: what it is meant to meet and where to report a barrier.

Public bodies in Germany publish accessibly (BITV 2.0: WCAG 2.1 AA, via EN 301 549) and say so in
a statement with a way to give feedback; the contact comes from ``[publication]
accessibility_contact`` in ``schema/portfolio.toml``.
"""

from __future__ import annotations

from html import escape

from portfolio.domain.publication import contact_href
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date
from portfolio.i18n import _
from portfolio.outputs.report.cells import text
from portfolio.outputs.report.data import ReportData


def accessibility_statement(data: ReportData, vocabulary: Vocabulary) -> tuple[str, str, str]:
    """The statement as a report section: (id, heading, content)."""
    paragraphs = [
        _(
            "This report is meant to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, "
            "as BITV 2.0 and EN 301 549 ask of public bodies. Whenever the program that writes it changes, "
            "its reports are checked with the axe-core accessibility checker, in German and English, on a "
            "wide and a narrow screen, and printed on A4."
        ),
        _(
            "The chart of the statuses over time is also given as tables, and statuses are named in text "
            "wherever they are shown in colour."
        ),
        _("Statement written on {date}, with this report.").format(date=format_date(data.as_of)),
    ]
    content = "".join(f"<p>{text(paragraph)}</p>" for paragraph in paragraphs)
    contact = vocabulary.publication.accessibility_contact
    if contact:
        link = f'<a href="{escape(contact_href(contact))}">{text(contact)}</a>'
        feedback = text(_("If you meet a barrier, or need the content in another form, write to: ")) + link
    else:
        feedback = text(
            _("If you meet a barrier, or need the content in another form, tell the publisher: {region}.").format(
                region=data.region
            )
        )
    return ("accessibility", _("Accessibility"), content + f"<p>{feedback}</p>")
