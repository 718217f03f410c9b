"""The ``portfolio`` command line: the group, its table of commands, and ``main``.

Each family of commands lives in its own module. The group knows every command from ``COMMAND_TABLE``
below (its module, its function and its one-line help) and imports a command's module only when
that command is run or its own help is asked for: ``portfolio --help`` lists them all without
importing any (``tests/test_cli_startup.py`` holds the table to the commands). The ``tui``
command (and ``serve``, in its own module) are the places where the command line reaches the
terminal UI, and they import it lazily.
"""

from __future__ import annotations

import importlib

import click

from portfolio.cli.context import Invocation, PortfolioGroup, pass_invocation, repo_option
from portfolio.cli.i18n import TranslatedCommand, command, route_click_messages
from portfolio.i18n import N_

# name -> (module in portfolio.cli, the command's function, its short help: the first paragraph of
# its docstring, which is what ``--help`` shows of it).
COMMAND_TABLE: dict[str, tuple[str, str, str]] = {
    "blame": ("history", "blame", N_("Show, for each field of a project, the commit that last set it.")),
    "check": ("projects", "check", N_("Check every project file; exit 1 if there are errors.")),
    "delete": (
        "lifecycle",
        "delete",
        N_("Delete a project (its history keeps it; 'portfolio restore ID' brings it back)."),
    ),
    "due": (
        "deadlines",
        "due",
        N_("List what falls due: open milestones, funding periods ending, proofs of use, project ends."),
    ),
    "diff": (
        "history",
        "diff",
        N_("Compare two states of the portfolio: HEAD and the working tree, A..B, or A...B (a pull request)."),
    ),
    "export": (
        "outputs",
        "export",
        N_("Export the projects as a spreadsheet (CSV, XLSX) or as an open-data catalogue (DCAT-AP.de)."),
    ),
    "fmt": ("projects", "fmt", N_("Rewrite project files to canonical form (comments are not kept).")),
    "history": (
        "history",
        "history",
        N_("Show what each commit changed in one project, field by field (follows renames)."),
    ),
    "import": (
        "outputs",
        "import_sheet",
        N_(
            "Import projects from a CSV or XLSX sheet (as 'portfolio export' writes it): check every row,\nshow what changes, and commit it in one commit."
        ),
    ),
    "init": (
        "projects",
        "init",
        N_("Create a new portfolio repository at PATH (git, schema/, projects/), ready for another region."),
    ),
    "list": ("projects", "list_projects", N_("List projects (broken files are reported on stderr).")),
    "log": ("history", "log_events", N_("Show the events of all projects, newest first.")),
    "merge-driver": (
        "driver",
        "merge_driver",
        N_("git's merge driver for project files: merge BASE, OURS, THEIRS field by field into OURS."),
    ),
    "new": ("projects", "new", N_("Create a project, validate it, write projects/ID.toml and commit it.")),
    "propose": (
        "collab",
        "propose",
        N_("Commit the change of one project on a new branch, push it, and print how to open the request."),
    ),
    "rename": (
        "lifecycle",
        "rename",
        N_("Give a project a new id (its file name); depends_on in other projects follows, in the same commit."),
    ),
    "report": (
        "outputs",
        "report",
        N_(
            "Write a status report for a council meeting: totals per status and field of action, the deadlines,\n"
            "council decisions, progress, municipalities x fields, each municipality's projects, transfers,\n"
            "SDGs, status moves, and the statuses over time."
        ),
    ),
    "resolve": (
        "resolve",
        "resolve",
        N_("Decide the fields your changes and the remote's both changed, then commit the merge and push it."),
    ),
    "restore": ("lifecycle", "restore", N_("Bring a deleted project back from its last valid version.")),
    "revert": (
        "lifecycle",
        "revert",
        N_("Put the fields COMMIT changed in a project back to their values before it, as a new commit."),
    ),
    "schema": (
        "projects",
        "schema",
        N_("Print the JSON Schema of project files (generated from the model and the vocabulary)."),
    ),
    "serve": (
        "serve",
        "serve",
        N_(
            "Serve the terminal UI in a browser (textual-serve): each browser tab runs its own session on\nthis repository, and commits are made with the git identity of this machine. Ctrl+C stops it."
        ),
    ),
    "set": ("projects", "set_fields", N_("Change fields of a project and commit only that file.")),
    "setup": (
        "collab",
        "setup",
        N_("Set up this clone: the field-aware merge driver for projects/*.toml, and git's commit-graph."),
    ),
    "show": ("show", "show", N_("Show one project.")),
    "sync": ("collab", "sync", N_("Fetch, put your commits on top of the remote's, and push (never forces).")),
    "timeline": (
        "history",
        "timeline",
        N_("Count the projects per status at the end of each period (a cumulative-flow table)."),
    ),
}


class LazyGroup(PortfolioGroup):
    """Lists the commands of ``COMMAND_TABLE`` from the table; imports a command's module when it is used."""

    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_TABLE})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands or name not in COMMAND_TABLE:
            return self.commands.get(name)
        module, attribute, short_help = COMMAND_TABLE[name]
        if self._listing:  # the list of commands shows only their short help: no import for it
            return TranslatedCommand(name, help=short_help)
        found = getattr(importlib.import_module(f"portfolio.cli.{module}"), attribute)
        self.commands[name] = found
        return found

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--repo",
    metavar="PATH",
    envvar="PORTFOLIO_REPO",
    help=N_("The portfolio repository (default: the git top level of the current folder; env PORTFOLIO_REPO)."),
)
@click.option(
    "--lang",
    metavar="LANG",
    help=N_(
        "Language of the output: de or en (default: env PORTFOLIO_LANG, then the locale, "
        "then default_language in schema/portfolio.toml)."
    ),
)
@click.version_option(package_name="smart-region-portfolio", prog_name="portfolio")
@click.pass_context
def cli(ctx: click.Context, repo: str | None, lang: str | None) -> None:
    """Smart Region portfolio: projects as TOML files in git.

    Without a command, opens the terminal UI on the portfolio.
    """
    invocation = ctx.ensure_object(Invocation)
    if repo != invocation.repo:
        invocation.repo, invocation._vocabulary = repo, None
    invocation.lang = lang
    invocation.speak()
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@command()
@repo_option
@pass_invocation
def tui(invocation: Invocation) -> None:
    """Open the terminal UI."""
    from portfolio.domain.vocabulary import load_vocabulary

    root = invocation.root()
    load_vocabulary(root)  # fail here, with a message, rather than inside the UI
    from tui.launch import run  # the one arrow from the command line to the UI, taken only here

    run(root)


cli.add_command(tui)


def main() -> None:
    cli(prog_name="portfolio")


route_click_messages()
