"""``portfolio show ID``: one project, alone in its module so that showing one loads no other
command's options (its start-up is a goal of its own, see tests/test_cli_startup.py)."""

from __future__ import annotations

import click

from portfolio.cli.context import Invocation, pass_invocation, repo_option
from portfolio.cli.i18n import command
from portfolio.textsafety import json_text


@command()
@click.argument("project_id", metavar="ID")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@repo_option
@pass_invocation
def show(invocation: Invocation, project_id: str, output_format: str) -> None:
    """Show one project."""
    from portfolio.files.links import links_on_disk
    from portfolio.files.loading import load_project
    from portfolio.outputs.presentation import project_record, project_text

    stored = load_project(invocation.root(), project_id, invocation.vocabulary())
    # read, not validated: one project shown need not wait for every other one to be checked
    adopted = links_on_disk(invocation.root()).adopted_from
    adopted_by = sorted(other for other, source in adopted.items() if source == stored.id and other != stored.id)
    if output_format == "json":
        click.echo(json_text({**project_record(stored), "adopted_by": adopted_by}, indent=2))
    else:
        click.echo(project_text(stored, invocation.vocabulary(), adopted_by))


COMMANDS = (show,)
