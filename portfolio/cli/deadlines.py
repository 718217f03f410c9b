"""``portfolio due``: what falls due across the portfolio, as text, JSON or an iCalendar file."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from portfolio.cli.context import DayType, Invocation, pass_invocation, repo_option
from portfolio.cli.filter_options import chosen_filter, filter_options
from portfolio.cli.i18n import command
from portfolio.i18n import N_, _, ngettext
from portfolio.textsafety import escape_control, json_text


def _line(deadline: Any, today: date) -> str:
    from portfolio.formats import format_date

    late = deadline.days_overdue(today)
    mark = ngettext("overdue {days} day", "overdue {days} days", late).format(days=late) if deadline.overdue else ""
    parts = [format_date(deadline.day), mark, deadline.project_id, deadline.kind_label, escape_control(deadline.what)]
    return "  ".join(part for part in parts if part)


@command()
@filter_options
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help=N_("Only what falls due within DAYS days (overdue ones always)."),
)
@click.option(
    "--today",
    "today_text",
    type=DayType(),
    metavar="DATE",
    help=N_("Count from this day instead of today (default: today, or SOURCE_DATE_EPOCH)."),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "ics"]),
    default="text",
    show_default=True,
    help=N_("Output format."),
)
@repo_option
@pass_invocation
def due(
    invocation: Invocation, within_days: int | None, today_text: str | None, output_format: str, **options: Any
) -> None:
    """List what falls due: open milestones, funding periods ending, proofs of use, project ends."""
    from portfolio.domain.search import SearchIndex
    from portfolio.files.loading import load_portfolio
    from portfolio.outputs.deadlines import deadline_record, deadlines
    from portfolio.problems import shown_path
    from portfolio.today import output_day

    root, vocabulary = invocation.root(), invocation.vocabulary()
    chosen = chosen_filter(vocabulary, **options)
    today = date.fromisoformat(today_text) if today_text else output_day()
    portfolio = load_portfolio(root, vocabulary)
    for path, problems in portfolio.broken.items():
        click.echo(
            _("warning: {path} is not loaded: {reason}").format(path=shown_path(path), reason=problems[0].to_text()),
            err=True,
        )
    projects = chosen.bound(vocabulary, SearchIndex.of(portfolio)).select(portfolio.projects.values())
    found = deadlines(projects, today, within_days)
    if output_format == "json":
        click.echo(json_text([deadline_record(d) for d in found], indent=2))
    elif output_format == "ics":
        from portfolio.outputs.deadlines_ics import deadlines_ics, uid_domain

        base_url = vocabulary.open_data.base_url if vocabulary.open_data else None
        text = deadlines_ics(found, today=today, region=vocabulary.region, domain=uid_domain(base_url))
        click.echo(text.encode("utf-8"), nl=False)  # bytes: the CRLF line ends reach the file as they are
    elif found:
        click.echo("\n".join(_line(d, today) for d in found))
    else:
        click.echo(_("nothing falls due"), err=True)


COMMANDS = (due,)
