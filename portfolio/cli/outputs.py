"""Reports, spreadsheets and open data on the command line: ``report``, ``export``, ``import``.

Registered on the main group by portfolio.cli.app.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from portfolio.cli.context import DayType, Invocation, pass_invocation, repo_option
from portfolio.cli.filter_options import chosen_filter, filter_options
from portfolio.cli.i18n import command
from portfolio.errors import PortfolioError
from portfolio.i18n import N_, _, ngettext
from portfolio.outputs.export import EXPORT_FORMATS, REPORT_FORMATS, export_portfolio, write_report
from portfolio.textsafety import escape_control


class NotConfirmed(PortfolioError):
    exit_code = 1


def _emit(data: bytes, output: Path | None, *, binary: bool = False) -> None:
    """Write to FILE, or to standard output (binary data never to a terminal)."""
    if output is not None:
        from portfolio.files.output_file import write_output

        write_output(output, data)
        click.echo(_("wrote {path}").format(path=output), err=True)
        return
    stream = sys.stdout.buffer
    if binary and stream.isatty():
        raise PortfolioError(_("this format is binary; write it to a file with -o FILE"))
    stream.write(data)
    stream.flush()


def _warn_about_broken(broken: dict) -> None:
    for path, problems in broken.items():
        click.echo(
            _("warning: {path} is not loaded: {reason}").format(
                path=escape_control(path), reason=problems[0].to_text()
            ),
            err=True,
        )


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help=N_("Write to FILE (default: standard output)."),
)


public_option = click.option(
    "--public",
    is_flag=True,
    help=N_(
        "For publishing: leave out internal projects (marked public false) and contacts (unless "
        "[publication] contacts in schema/portfolio.toml names this output)."
    ),
)


@command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help=N_(
        "csv and xlsx: one row per project (for 'portfolio import'); json: one object per project; "
        "dcat: a DCAT-AP.de catalogue (JSON-LD) of the portfolio as open data (public projects only)."
    ),
)
@output_option
@click.option(
    "--plain",
    is_flag=True,
    help=N_(
        "CSV with commas, no byte order mark and the keys as header, for other programs (default: as a "
        "German spreadsheet opens it: UTF-8 with byte order mark, ';' between cells, the labels as header)."
    ),
)
@click.option(
    "--base-url",
    metavar="URL",
    help=N_(
        "dcat: the https address the CSV and JSON files are published under (http only for a local preview "
        "on localhost; default: [open_data] base_url in schema/portfolio.toml)."
    ),
)
@public_option
@filter_options
@repo_option
@pass_invocation
def export(
    invocation: Invocation,
    output_format: str,
    output: Path | None,
    plain: bool,
    base_url: str | None,
    public: bool,
    **chosen,
) -> None:
    """Export the projects as a spreadsheet (CSV, XLSX) or as an open-data catalogue (DCAT-AP.de).

    The same options as 'portfolio list' choose the projects (default: all). The sheet's header
    names the columns by their labels in the chosen language ('--plain': by their keys);
    'portfolio import' reads both."""
    vocabulary = invocation.vocabulary()
    written = export_portfolio(
        invocation.root(),
        vocabulary,
        output_format,
        plain=plain,
        base_url=base_url,
        chosen=chosen_filter(vocabulary, **chosen),
        public=public,
    )
    _warn_about_broken(written.broken)
    _emit(written.data, output, binary=written.binary)


@command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=N_("Only check the sheet and show what would change."))
@click.option("--yes", "-y", is_flag=True, help=N_("Commit without asking."))
@repo_option
@pass_invocation
def import_sheet(invocation: Invocation, file: Path, dry_run: bool, yes: bool) -> None:
    """Import projects from a CSV or XLSX sheet (as 'portfolio export' writes it): check every row,
    show what changes, and commit it in one commit.

    Projects not in the sheet stay as they are; new ids become new projects. Without --yes it asks
    on a terminal and refuses otherwise. Nothing is written when any row has an error.
    """
    from portfolio.history.texts import diff_text
    from portfolio.outputs.sheet_import import apply_import, plan_import

    root = invocation.root()
    plan = plan_import(root, invocation.vocabulary(), file)
    if not plan.ok:
        for problem in plan.problems:
            click.echo(problem.to_text(), err=True)
        errors = len(plan.problems)
        click.echo(
            ngettext("{count} error: nothing was imported", "{count} errors: nothing was imported", errors).format(
                count=errors
            ),
            err=True,
        )
        sys.exit(1)
    if plan.empty:
        click.echo(_("nothing to import: the sheet matches the portfolio"), err=True)
        return
    click.echo(diff_text(plan.diff, invocation.vocabulary()))
    if dry_run:
        click.echo(_("dry run: nothing was written"), err=True)
        return
    if not yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise NotConfirmed(_("not imported: run again with --yes to write and commit these changes"))
        if not click.confirm(_("Write and commit these changes?"), default=False):
            raise NotConfirmed(_("not imported"))
    sha = apply_import(root, plan)
    count = len(plan.projects)
    click.echo(
        ngettext("imported {count} project in commit {sha}", "imported {count} projects in commit {sha}", count).format(
            count=count, sha=sha[:12]
        )
    )


@command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS),
    default="markdown",
    show_default=True,
    help=N_(
        "markdown: tables for any Markdown viewer; html: one self-contained page "
        "with a chart (to print, or to publish); pdf: a tagged, accessible PDF on A4 (needs -o FILE)."
    ),
)
@output_option
@click.option(
    "--since", type=DayType(), metavar="DATE", help=N_("Status moves since DATE (default: the last 90 days).")
)
@public_option
@filter_options
@repo_option
@pass_invocation
def report(
    invocation: Invocation, output_format: str, output: Path | None, since: str | None, public: bool, **chosen
) -> None:
    """Write a status report for a council meeting: totals per status and field of action, the deadlines,
    council decisions, progress, municipalities x fields, each municipality's projects, transfers,
    SDGs, status moves, and the statuses over time.

    The same options as 'portfolio list' choose the projects it counts (default: all)."""
    vocabulary = invocation.vocabulary()
    written = write_report(
        invocation.root(),
        vocabulary,
        output_format,
        since=since,
        chosen=chosen_filter(vocabulary, **chosen),
        public=public,
    )
    for path in written.broken:
        click.echo(_("warning: {path} is not valid and not counted").format(path=escape_control(path)), err=True)
    _emit(written.data, output, binary=written.binary)


COMMANDS = (export, import_sheet, report)
