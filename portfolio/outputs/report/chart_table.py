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


def _year_table(years: list[tuple[int, list[TimelinePeriod]]], cells: Cells) -> str:
    """Statuses as rows and years as columns: a table that stays narrow enough for a portrait page."""
    slugs = cells.vocabulary.status_slugs
    header = [text(_("Status"))] + [text(year) for year, _months in years]
    rows = [
        [cells.status(slug)] + [format_number(months[-1].counts.get(slug, 0)) for _year, months in years]
        for slug in slugs
    ]
    note = _("Projects per status at the end of each year; for {year} on {date}.").format(
        year=years[-1][0], date=format_date(years[-1][1][-1].end)
    )
    return f'<p class="note">{text(note)}</p>' + table(
        header, rows, name=_("Projects per status at the end of each year")
    )


def _month_table(months: list[TimelinePeriod], cells: Cells) -> str:
    slugs = cells.vocabulary.status_slugs
    header = [text(_("Until"))] + [cells.status(slug) for slug in slugs]
    rows = [
        [text(format_date(period.end))] + [format_number(period.counts.get(slug, 0)) for slug in slugs]
        for period in months
    ]
    name = _("Projects per status at the end of each month of {year}").format(year=months[-1].end.year)
    return table(header, rows, name=name)


def chart_tables(periods: Sequence[TimelinePeriod], cells: Cells) -> str:
    """The chart's numbers: a table per year, and each year's months in a ``<details>`` (left out in print)."""
    years = [(year, list(group)) for year, group in groupby(periods, key=lambda period: period.end.year)]
    parts = [f"<h3>{text(_('The chart as a table'))}</h3>", _year_table(years, cells)]
    for year, months in years:
        summary = text(_("{year}: each month").format(year=year))
        parts.append(f"<details><summary>{summary}</summary>{_month_table(months, cells)}</details>")
    return "".join(parts)
