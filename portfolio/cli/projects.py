"""Commands on the projects themselves: check, fmt, new, set, list, schema, init (show: ``portfolio.cli.show``)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portfolio.cli.context import Invocation, WholeNumberType, pass_invocation, problem_lines, repo_option
from portfolio.cli.filter_options import chosen_filter, filter_options
from portfolio.cli.i18n import command
from portfolio.i18n import N_, _

if TYPE_CHECKING:
    from portfolio.changes.commit import Change

# Each command imports what it uses when it runs (``portfolio show`` loads neither git's commit
# machinery nor the checker): see tests/test_cli_startup.py.


@command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "gitlab"]),
    default="text",
    show_default=True,
    help=N_("Output format."),
)
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
@repo_option
@pass_invocation
def check(invocation: Invocation, output_format: str, strict: bool) -> None:
    """Check every project file; exit 1 if there are errors."""
    from portfolio.errors import PortfolioError
    from portfolio.files.checker import check_portfolio
    from portfolio.problems import format_report, summary_line

    vocabulary = invocation.vocabulary()
    if vocabulary.bundled_defaults:  # another region's files would be judged by Steinfurt's municipalities
        raise PortfolioError(
            _(
                "cannot check against the vocabulary of another region: the portfolio has no {files}; "
                "add its own schema/ first"
            ).format(files=", ".join(f"schema/{name}" for name in vocabulary.bundled_defaults))
        )
    result = check_portfolio(invocation.root(), vocabulary, strict=strict)
    problems = result.problems
    report = format_report(problems, result.files_checked, output_format)
    if report:
        click.echo(report)
    if output_format == "text":
        click.echo(summary_line(problems, result.files_checked), err=True)
    if any(problem.severity == "error" for problem in problems):
        sys.exit(1)


@command()
@click.option("--check", "check_only", is_flag=True, help=N_("Only report files that are not canonical (exit 1)."))
@click.argument("ids", nargs=-1)
@repo_option
@pass_invocation
def fmt(invocation: Invocation, check_only: bool, ids: tuple[str, ...]) -> None:
    """Rewrite project files to canonical form (comments are not kept)."""
    from portfolio.files.formatting import BROKEN, NOT_CANONICAL, format_projects

    unformatted = broken = 0
    for outcome in format_projects(invocation.root(), invocation.vocabulary(), ids, check_only=check_only):
        if outcome.kind == BROKEN:
            broken += 1
            problem_lines(outcome.problems)
        elif outcome.kind == NOT_CANONICAL:
            unformatted += 1
            click.echo(_("would reformat {path}").format(path=outcome.path))
        else:
            unformatted += 1
            note = _(" (comments removed; keep such text in 'notes')") if outcome.comments_removed else ""
            click.echo(_("reformatted {path}{note}").format(path=outcome.path, note=note))
    if broken:
        click.echo(
            _("{count} file(s) could not be formatted: fix the errors above first").format(count=broken), err=True
        )
    if broken or (check_only and unformatted):
        sys.exit(1)


@command()
@click.argument("project_id", metavar="ID")
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("--title", required=True, help=N_("Title (one line, 3 to 120 characters)."))
@click.option(
    "--module", type=WholeNumberType(), required=True, help=N_("Workshop module that produced the project (2 or 3).")
)
@click.option(
    "--municipality",
    "municipalities",
    multiple=True,
    required=True,
    metavar="SLUG",
    help=N_("A municipality (repeatable), e.g. rheine or kreis-steinfurt."),
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    required=True,
    metavar="SLUG",
    help=N_("A field of action (repeatable); the first is the primary one."),
)
@click.option("--status", help=N_("Status (default: the first status of the vocabulary)."))
@click.option("--summary", help=N_("Summary (one line)."))
@click.option("--lead", help=N_("Responsible organisation."))
@click.option("-m", "--message", help=N_("Commit message (default: 'Add project ID: TITLE')."))
@click.option("--no-commit", is_flag=True, help=N_("Write the file but do not commit it."))
@repo_option
@pass_invocation
def new(
    invocation: Invocation,
    project_id: str,
    assignments: tuple[str, ...],
    title: str,
    module: int,
    municipalities: tuple[str, ...],
    fields: tuple[str, ...],
    status: str | None,
    summary: str | None,
    lead: str | None,
    message: str | None,
    no_commit: bool,
) -> None:
    """Create a project, validate it, write projects/ID.toml and commit it.

    Further fields as KEY=VALUE, as 'portfolio set' takes them (start=2027-03-01 budget_eur=150000).
    """
    from portfolio.changes.projects import create_project
    from portfolio.domain.ids import require_valid_id

    require_valid_id(project_id)
    vocabulary = invocation.vocabulary()
    data: dict[str, Any] = {
        "title": title,
        "module": module,
        "status": status or vocabulary.status_slugs[0],
        "municipalities": list(municipalities),
        "fields_of_action": list(fields),
    }
    if summary is not None:
        data["summary"] = summary
    if lead is not None:
        data["lead"] = lead
    change = create_project(
        invocation.root(),
        project_id,
        data,
        assignments=assignments,
        message=message or None,
        commit=not no_commit,
        vocabulary=vocabulary,
    )
    _say_written(change, _("created {path} in commit {sha}"))


def _say_written(change: Change, committed: str) -> None:
    """What a change did, as ``new`` and ``set`` say it."""
    path = change.paths[0]
    if not change.changed:
        click.echo(_("{path}: nothing to change").format(path=path))
    elif change.commit is None:
        click.echo(_("wrote {path} (not committed)").format(path=path))
    else:
        click.echo(committed.format(path=path, sha=change.commit[:12]))


@command(name="set")
@click.argument("project_id", metavar="ID")
@click.argument("assignments", nargs=-1, required=True, metavar="KEY=VALUE...")
@click.option("-m", "--message", help=N_("Commit message (default: says what changed)."))
@click.option("--no-commit", is_flag=True, help=N_("Write the file but do not commit it."))
@repo_option
@pass_invocation
def set_fields(
    invocation: Invocation, project_id: str, assignments: tuple[str, ...], message: str | None, no_commit: bool
) -> None:
    """Change fields of a project and commit only that file.

    Lists are comma-separated (municipalities=rheine,greven); tables are TOML inline arrays
    (milestones='[{title = "Start", due = 2026-01-31}]'); an empty value removes an optional key.
    """
    from portfolio.changes.projects import update_fields

    change = update_fields(
        invocation.root(),
        project_id,
        assignments,
        message=message or None,
        commit=not no_commit,
        vocabulary=invocation.vocabulary(),
    )
    _say_written(change, _("updated {path} in commit {sha}"))


@command(name="list")
@filter_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help=N_("Output format."),
)
@click.option(
    "--progress",
    is_flag=True,
    help=N_(
        "With each project's milestones done and KPI progress; the table ends with them rolled up per field"
        " of action and per municipality."
    ),
)
@repo_option
@pass_invocation
def list_projects(invocation: Invocation, output_format: str, progress: bool, **options: Any) -> None:
    """List projects (broken files are reported on stderr).

    Repeat a filter option for any of its values (--municipality rheine --municipality greven);
    different options must all match.
    """
    from portfolio.domain.search import SearchIndex
    from portfolio.files.loading import load_portfolio
    from portfolio.outputs.presentation import projects_csv, projects_json, projects_table
    from portfolio.problems import shown_path

    root = invocation.root()
    vocabulary = invocation.vocabulary()
    chosen = chosen_filter(vocabulary, **options)
    portfolio = load_portfolio(root, vocabulary)
    for path, problems in portfolio.broken.items():
        click.echo(
            _("warning: {path} is not loaded: {reason}").format(path=shown_path(path), reason=problems[0].to_text()),
            err=True,
        )
    bound = chosen.bound(vocabulary, SearchIndex.of(portfolio))
    projects = bound.select(portfolio.projects.values())
    if output_format == "json":
        click.echo(projects_json(projects, progress))
    elif output_format == "csv":
        click.echo(projects_csv(projects, progress), nl=False)
    elif projects:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        marked = {stored.id for stored in projects if bound.by_district(stored)}
        click.echo(projects_table(projects, vocabulary, width, district_marked=marked, progress=progress))
    else:
        click.echo(_("no projects match"), err=True)


@command()
@click.option("--write", is_flag=True, help=N_("Write schema/project.schema.json instead of printing it."))
@repo_option
@pass_invocation
def schema(invocation: Invocation, write: bool) -> None:
    """Print the JSON Schema of project files (generated from the model and the vocabulary)."""
    from portfolio.domain.json_schema import schema_text
    from portfolio.domain.vocabulary import load_vocabulary
    from portfolio.errors import NotAPortfolio
    from portfolio.files.schema_file import write_schema_file

    try:
        vocabulary = invocation.vocabulary()
    except NotAPortfolio:
        if write:
            raise
        vocabulary = load_vocabulary()  # outside a portfolio: the bundled default vocabulary
    if write:
        path = write_schema_file(invocation.root(), vocabulary)
        click.echo(_("wrote {path}").format(path=path))
    else:
        click.echo(schema_text(vocabulary), nl=False)


@command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help=N_("Include the example projects of Kreis Steinfurt."))
@click.option("--no-commit", is_flag=True, help=N_("Do not make the first commit."))
def init(path: Path, example: bool, no_commit: bool) -> None:
    """Create a new portfolio repository at PATH (git, schema/, projects/), ready for another region."""
    from portfolio.git.scaffold import init_portfolio

    created = init_portfolio(path, example=example, commit=not no_commit)
    click.echo(_("created a portfolio in {path}").format(path=created))
    click.echo(_("next: edit schema/*.toml for your region, run 'portfolio schema --write', then 'portfolio new ...'"))


COMMANDS = (check, fmt, new, set_fields, list_projects, schema, init)
