"""Commands on a project's life: delete, restore, rename, and revert one change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from portfolio.cli.context import Invocation, pass_invocation, repo_option
from portfolio.cli.i18n import command
from portfolio.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from portfolio.changes.commit import Change


def _commit_options(default: str):
    def decorate(function):
        function = click.option("--no-commit", is_flag=True, help=N_("Change the files but do not commit them."))(
            function
        )
        return click.option("-m", "--message", help=default)(function)

    return decorate


def _say(change: Change, committed: str, written: str, note: str = "", **values: str) -> None:
    """``committed`` (with ``{sha}``) or ``written`` filled with ``values``, and ``note``."""
    if change.commit is None:
        click.echo(written.format(**values) + note)
    else:
        click.echo(committed.format(sha=change.commit[:12], **values) + note)


@command()
@click.argument("project_id", metavar="ID")
@_commit_options(N_("Commit message (default: 'Delete project ID: TITLE')."))
@repo_option
@pass_invocation
def delete(invocation: Invocation, project_id: str, message: str | None, no_commit: bool) -> None:
    """Delete a project (its history keeps it; 'portfolio restore ID' brings it back)."""
    from portfolio.changes.lifecycle import delete_project

    change = delete_project(
        invocation.root(), project_id, message=message or None, commit=not no_commit, vocabulary=invocation.vocabulary()
    )
    path = change.paths[0]
    _say(
        change,
        _("deleted {path} in commit {sha}"),
        _("removed {path} (not committed)"),
        path=path,
    )


@command()
@click.argument("project_id", metavar="ID")
@_commit_options(N_("Commit message (default: 'Restore project ID: TITLE')."))
@repo_option
@pass_invocation
def restore(invocation: Invocation, project_id: str, message: str | None, no_commit: bool) -> None:
    """Bring a deleted project back from its last valid version."""
    from portfolio.changes.restore import restore_project

    change = restore_project(
        invocation.root(), project_id, message=message or None, commit=not no_commit, vocabulary=invocation.vocabulary()
    )
    path = change.paths[0]
    _say(
        change,
        _("restored {path} in commit {sha}"),
        _("wrote {path} (not committed)"),
        path=path,
    )


@command()
@click.argument("old_id", metavar="OLD")
@click.argument("new_id", metavar="NEW")
@_commit_options(N_("Commit message (default: 'Rename project OLD to NEW')."))
@repo_option
@pass_invocation
def rename(invocation: Invocation, old_id: str, new_id: str, message: str | None, no_commit: bool) -> None:
    """Give a project a new id (its file name); depends_on in other projects follows, in the same commit."""
    from portfolio.changes.lifecycle import rename_project

    change = rename_project(
        invocation.root(),
        old_id,
        new_id,
        message=message or None,
        commit=not no_commit,
        vocabulary=invocation.vocabulary(),
    )
    others = len(change.written) - 1
    note = (
        ngettext(
            " (depends_on updated in {count} other project)", " (depends_on updated in {count} other projects)", others
        ).format(count=others)
        if others
        else ""
    )
    _say(
        change,
        _("renamed {old} to {new} in commit {sha}"),
        _("renamed {old} to {new} (not committed)"),
        note,
        old=old_id,
        new=new_id,
    )


@command()
@click.argument("revision", metavar="COMMIT")
@click.argument("project_id", metavar="[ID]", required=False)
@click.option(
    "--take",
    "takes",
    multiple=True,
    metavar="FIELD=CHOICE",
    help=N_("For a field a later change touched: FIELD=now (keep it), =before (the value before COMMIT) or =VALUE."),
)
@_commit_options(N_("Commit message (default: 'Revert: FIELDS of ID (COMMIT)')."))
@repo_option
@pass_invocation
def revert(
    invocation: Invocation,
    revision: str,
    project_id: str | None,
    takes: tuple[str, ...],
    message: str | None,
    no_commit: bool,
) -> None:
    """Put the fields COMMIT changed in a project back to their values before it, as a new commit.

    When a later commit changed one of those fields, it is refused and each such field shown with
    its value before, what COMMIT set and its value now; decide each with --take. ID is needed when
    COMMIT changed several projects.
    """
    from portfolio.changes.assignments import parse_assignment
    from portfolio.changes.revert import RevertConflict, revert_change, revert_plan, revert_with_choices
    from portfolio.domain.fields import field_caption
    from portfolio.history.texts import value_text
    from portfolio.textsafety import escape_control

    root, vocabulary = invocation.root(), invocation.vocabulary()
    options = {"message": message or None, "commit": not no_commit, "vocabulary": vocabulary}
    try:
        if takes:
            choices = dict(parse_assignment(take) for take in takes)
            change = revert_with_choices(root, revision, project_id, choices, **options)
        else:
            change = revert_change(root, revision, project_id, **options)
    except RevertConflict:
        for each in revert_plan(root, revision, project_id, vocabulary=vocabulary).to_decide:
            click.echo(f"{each.field} ({field_caption(each.field)})", err=True)
            shown = ((_("before"), each.before), (_("set by it"), each.reverted), (_("now"), each.now))
            width = max(len(label) for label, _value in shown) + 1
            for label, value in shown:
                text = escape_control(value_text(vocabulary, each.field, value))
                click.echo(f"    {label + ':':{width}} {text}", err=True)
        click.echo(_("Decide each with --take FIELD=now, --take FIELD=before or --take FIELD=VALUE."), err=True)
        raise
    path = change.paths[0]
    if not change.changed:
        click.echo(_("{path}: nothing to change").format(path=path))
        return
    _say(
        change,
        _("reverted {path} in commit {sha}"),
        _("wrote {path} (not committed)"),
        path=path,
    )


COMMANDS = (delete, restore, rename, revert)
