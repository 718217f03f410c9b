"""The ``portfolio`` command line: the group, its commands, and ``main``.

Each family of commands lives in its own module and is registered here explicitly. The ``tui``
command (and ``serve``, in its own module) are the places where the command line reaches the
terminal UI, and they import it lazily.
"""

from __future__ import annotations

import click

from portfolio.cli import collab, history, lifecycle, outputs, projects, serve
from portfolio.cli.context import Invocation, PortfolioGroup, pass_invocation, repo_option
from portfolio.cli.i18n import command, route_click_messages
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.i18n import N_


@click.group(
    cls=PortfolioGroup,
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
    root = invocation.root()
    load_vocabulary(root)  # fail here, with a message, rather than inside the UI
    from tui.app import run  # the one arrow from the command line to the UI, taken only here

    run(root)


def _register(group: click.Group) -> None:
    for each in (
        tui,
        *projects.COMMANDS,
        *lifecycle.COMMANDS,
        *history.COMMANDS,
        *collab.COMMANDS,
        *outputs.COMMANDS,
        *serve.COMMANDS,
    ):
        group.add_command(each)


_register(cli)


def main() -> None:
    cli(prog_name="portfolio")


route_click_messages()
