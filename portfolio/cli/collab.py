"""Commands for working together: ``setup``, ``sync``, ``resolve``, ``propose`` (``merge-driver``: cli/driver.py).

Registered on the main group by portfolio.cli.app.
"""

from __future__ import annotations

import sys

import click

from portfolio.cli.context import Invocation, pass_invocation, repo_option
from portfolio.cli.i18n import command
from portfolio.cli.resolve import COMMANDS as RESOLVE_COMMANDS
from portfolio.cli.resolve import interactive, resolve_conflicts
from portfolio.git.forge import FORGE_KINDS
from portfolio.i18n import N_, _
from portfolio.textsafety import escape_control


@command()
@click.option("--no-commit", is_flag=True, help=N_("Write .gitattributes but do not commit it."))
@repo_option
@pass_invocation
def setup(invocation: Invocation, no_commit: bool) -> None:
    """Set up this clone: the field-aware merge driver for projects/*.toml, and git's commit-graph.

    The commit-graph is written with changed paths: one project's history then reads only the
    commits that changed it, and every fetch keeps it up to date."""
    from portfolio.git.commit_graph import write_commit_graph
    from portfolio.git.merge_setup import ATTRIBUTES_FILE, ATTRIBUTES_LINE, setup_merge_driver
    from portfolio.git.repository import open_repo

    root = invocation.root()
    result = setup_merge_driver(root, commit=not no_commit)
    if result.attributes_changed:
        if result.commit:
            click.echo(
                _("added '{line}' to {file} in commit {sha}").format(
                    line=ATTRIBUTES_LINE, file=ATTRIBUTES_FILE, sha=result.commit[:12]
                )
            )
        else:
            click.echo(_("added '{line}' to {file} (not committed)").format(line=ATTRIBUTES_LINE, file=ATTRIBUTES_FILE))
    if result.config_changed:
        click.echo(_("registered the merge driver in this clone's git config (merge.portfolio.driver)"))
    if not (result.attributes_changed or result.config_changed):
        click.echo(_("the merge driver is already set up"))
    with open_repo(root) as repo:
        if write_commit_graph(repo):
            click.echo(_("wrote git's commit-graph with changed paths; every fetch keeps it up to date"))


@command()
@click.option("--remote", metavar="NAME", help=N_("Sync with this remote (default: the branch's upstream)."))
@click.option("--quiet", "-q", is_flag=True, help=N_("Do not show progress."))
@repo_option
@pass_invocation
def sync(invocation: Invocation, remote: str | None, quiet: bool) -> None:
    """Fetch, put your commits on top of the remote's, and push (never forces).

    On a conflict that needs a decision, nothing is changed: it names each project and field and
    exits 1; on a terminal it offers to decide them at once (as 'portfolio resolve' does).
    """
    from portfolio.git.sync import SyncConflict
    from portfolio.git.sync import sync as run_sync

    root = invocation.root()
    show_progress = not quiet and sys.stderr.isatty()

    def progress(step: str, message: str) -> None:
        if show_progress and step != "done":
            click.echo(f"... {message}", err=True)

    try:
        result = run_sync(root, remote, progress, allow_prompt=sys.stdin.isatty())
    except SyncConflict as conflict:
        click.echo(_("error: {message}").format(message=escape_control(conflict.message)), err=True)
        for line in conflict.lines():
            click.echo("  " + escape_control(line), err=True)
        if interactive() and click.confirm(_("Decide them now, field by field?"), default=True):
            resolve_conflicts(root, remote)
            return
        click.echo(
            _(
                "To decide: run 'portfolio resolve' (it shows base, mine and theirs of each field; without "
                "a terminal: --take ID.FIELD=mine|theirs|VALUE)."
            ),
            err=True,
        )
        sys.exit(conflict.exit_code)
    click.echo(result.message())


@command()
@click.argument("project_id", metavar="[ID]", required=False)
@click.option("--branch", metavar="NAME", help=N_("Branch name (default: project/ID)."))
@click.option("--remote", metavar="NAME", help=N_("Remote to push to (default: the upstream's, or origin)."))
@click.option("-m", "--message", help=N_("Commit message (default: says what changed)."))
@click.option(
    "--forge",
    "forge_kind",
    type=click.Choice(FORGE_KINDS),
    help=N_("The forge, when the remote's host name does not tell (or git config portfolio.forge)."),
)
@repo_option
@pass_invocation
def propose(
    invocation: Invocation,
    project_id: str | None,
    branch: str | None,
    remote: str | None,
    message: str | None,
    forge_kind: str | None,
) -> None:
    """Commit the change of one project on a new branch, push it, and print how to open the request.

    Without ID, the one project file with uncommitted changes. On GitLab/openCode the push opens
    the merge request (push options); on GitHub and Gitea it prints the link to open it.
    """
    from portfolio.changes.propose import propose as run_propose
    from portfolio.domain.ids import project_relpath

    root = invocation.root()
    proposal = run_propose(
        root,
        project_id,
        branch=branch,
        remote=remote,
        message=message,
        forge_kind=forge_kind,
        allow_prompt=sys.stdin.isatty(),
    )
    click.echo(
        _("committed {path} as {sha} on the branch {branch} and pushed it to {remote}").format(
            path=project_relpath(proposal.project_id),
            sha=proposal.commit[:12],
            branch=escape_control(proposal.branch),
            remote=escape_control(proposal.remote),
        )
    )
    for line in proposal.push.remote_messages:
        click.echo(_("remote: {line}").format(line=escape_control(line)))
    for line in proposal.next_steps:
        click.echo(escape_control(line))
    click.echo(
        _(
            "You are now on the branch {branch}; further changes to this proposal: edit, then run "
            "'portfolio propose' again. Back to {base}: git switch {base}"
        ).format(branch=escape_control(proposal.branch), base=escape_control(proposal.base))
    )


COMMANDS = (setup, sync, *RESOLVE_COMMANDS, propose)
