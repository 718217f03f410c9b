"""The data of the statuses-over-time chart as text (WCAG 1.1.1): a sentence for the chart's
``<desc>``, a table of the statuses at the end of each year, and each year's months in a
``<details>`` that opens on demand."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from portfolio.formats import format_date, format_number
from portfolio.history import TimelinePeriod
from portfolio.i18n import _
from portfolio.outputs.report.cells import Cells, table, text


def chart_description(periods: Sequence[TimelinePeriod], cells: Cells) -> str:
    """What the chart shows, in one or two sentences: its span and the counts at its end."""
    vocabulary, last = cells.vocabulary, periods[-1]
    counts = ", ".join(
        f"{vocabulary.label('status', slug)} {format_number(last.counts.get(slug, 0))}"
        for slug in vocabulary.status_slugs
    )
    return _(
        "Stacked areas, one per status, of the number of projects at the end of each month "
        "from {first} to {last}. On {last}: {counts}. The tables below give the numbers."
    ).format(first=format_date(periods[0].end), last=format_date(last.end), counts=counts)


def _rows(periods: Sequence[TimelinePeriod], cells: Cells) -> list[list[str]]:
    slugs = cells.vocabulary.status_slugs
    return [
        [text(format_date(period.end))] + [format_number(period.counts.get(slug, 0)) for slug in slugs]
        for period in periods
    ]


def chart_tables(periods: Sequence[TimelinePeriod], cells: Cells) -> str:
    header = [text(_("Until"))] + [cells.status(slug) for slug in cells.vocabulary.status_slugs]
    years = [(year, list(group)) for year, group in groupby(periods, key=lambda period: period.end.year)]
    year_ends = [months[-1] for _year, months in years]
    parts = [
        f"<h3>{text(_('The chart as a table'))}</h3>",
        table(header, _rows(year_ends, cells), name=_("Projects per status at the end of each year")),
    ]
    for year, months in years:
        name = _("Projects per status at the end of each month of {year}").format(year=year)
        parts.append(
            f"<details><summary>{text(_('{year}: each month').format(year=year))}</summary>"
            f"{table(header, _rows(months, cells), name=name)}</details>"
        )
    return "".join(parts)
