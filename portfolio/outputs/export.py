"""What ``export`` and ``report`` write, as bytes: the one core call behind each of the two commands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.publication import published_projects
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import PortfolioError
from portfolio.files.loading import load_portfolio
from portfolio.i18n import _, current_language
from portfolio.outputs.presentation import projects_json
from portfolio.outputs.spreadsheet import csv_bytes, project_rows, xlsx_bytes
from portfolio.problems import Problem
from portfolio.typed_input import Refused, parse_date

EXPORT_FORMATS = ("csv", "xlsx", "json", "dcat")
REPORT_FORMATS = ("markdown", "html", "pdf")


class BadReportOption(PortfolioError):
    exit_code = 2


@dataclass(frozen=True)
class Written:
    """The bytes of an output, whether they are binary (never for a terminal), and what was left out."""

    data: bytes
    binary: bool = False
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # path -> its errors: not in the output


def export_portfolio(
    root: Path,
    vocabulary: Vocabulary,
    output_format: str,
    *,
    plain: bool = False,
    base_url: str | None = None,
    chosen: ProjectFilter | None = None,
    order: Sequence[str] = (),
    public: bool = False,
) -> Written:
    """The projects (those ``chosen`` lets through: all by default) as a spreadsheet (csv, xlsx: one row
    each, the header the field labels in the chosen language; keys with ``plain``) or as a DCAT-AP.de
    catalogue (dcat), or as JSON (one object each, as ``list --format json``). ``order``: ids in the
    order to write them (a table's sort), the others after. ``public`` (always for dcat, which is only
    for publishing): the public projects only, their contacts only where ``[publication]`` allows."""
    portfolio = load_portfolio(root, vocabulary)
    projects = list(portfolio.projects.values())
    if chosen is not None and not chosen.is_empty:
        projects = chosen.select(projects, vocabulary)
    if public or output_format == "dcat":
        projects = published_projects(projects, vocabulary, output_format)
    if order:
        place = {project_id: index for index, project_id in enumerate(order)}
        projects.sort(key=lambda stored: place.get(stored.id, len(place)))
    if output_format == "dcat":
        from portfolio.outputs.dcat import catalogue_dates, catalogue_json  # only this format needs them

        text = catalogue_json(projects, vocabulary, base_url, dates=catalogue_dates(root))
        return Written(text.encode("utf-8"), broken=portfolio.broken)
    if output_format == "json":
        return Written((projects_json(projects) + "\n").encode("utf-8"), broken=portfolio.broken)
    rows = project_rows(projects, labels=not plain)
    if output_format == "xlsx":
        return Written(xlsx_bytes(rows, _("Projects"), german=current_language() == "de"), True, portfolio.broken)
    return Written(csv_bytes(rows, german=not plain), broken=portfolio.broken)


def report_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except Refused as refusal:
        raise BadReportOption(f"{option}: {refusal.message}") from None


def write_report(
    root: Path,
    vocabulary: Vocabulary,
    output_format: str,
    *,
    since: str | None = None,
    chosen: ProjectFilter | None = None,
    public: bool = False,
) -> Written:
    """The council report as Markdown, as one HTML page or as a PDF of the projects ``chosen`` lets through (all
    by default); ``since`` as typed (ISO or German day); ``public``: for publishing (no internal project)."""
    from portfolio.outputs.report import build_report, report_html, report_markdown  # the report's imports

    data = build_report(root, vocabulary, since=report_day(since, "--since"), chosen=chosen, public=public)
    broken = {path: [] for path in data.broken}
    if output_format == "pdf":
        from portfolio.i18n import _
        from portfolio.outputs.report.pdf import report_pdf

        title = _("Project portfolio {region}").format(region=data.region)
        return Written(report_pdf(report_html(data, vocabulary), title), binary=True, broken=broken)
    render = report_html if output_format == "html" else report_markdown
    return Written(render(data, vocabulary).encode("utf-8"), broken=broken)
