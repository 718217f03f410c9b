"""``portfolio resolve``: decide a conflict of sync field by field, then commit, push and move the branch.

Each conflicting field is shown with its base, my and their value; the choice comes from ``--take
KEY=mine|theirs|both|VALUE`` (``--all mine|theirs`` for the rest), or is asked for on a terminal.
Nothing changes before every field is decided and the result is valid; on a terminal it asks once
more before committing. ``portfolio sync`` on a terminal offers the same after a conflict.
"""

from __future__ import annotations

import sys

import click

from portfolio.changes.assignments import BadAssignment
from portfolio.changes.resolve import (
    SIDE_LABELS,
    Conflict,
    Decision,
    NothingToResolve,
    ToDecide,
    conflicts_to_decide,
    decide,
    decision_from_text,
    decision_message,
)
from portfolio.cli.context import Invocation, pass_invocation, repo_option
from portfolio.cli.i18n import command
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.i18n import N_, _
from portfolio.textsafety import escape_control


def interactive() -> bool:
    """Questions only when a person can answer them."""
    return sys.stdin.isatty()


def _show(conflict: Conflict, vocabulary: Vocabulary) -> None:
    click.echo(f"{escape_control(conflict.key)}  ({escape_control(conflict.caption())})")
    for label, value in ((_("base"), conflict.base), (_("mine"), conflict.mine), (_("theirs"), conflict.theirs)):
        click.echo(f"    {label + ':':8} {escape_control(conflict.shown(vocabulary, value))}")


def _taken(to_decide: ToDecide, takes: tuple[str, ...], everything: str | None, vocabulary: Vocabulary) -> dict:
    decisions: dict[str, Decision] = {}
    by_key = {conflict.key: conflict for conflict in to_decide.conflicts}
    for take in takes:
        conflict = next((c for key, c in by_key.items() if take.startswith(key + "=")), None)
        if conflict is None:
            raise BadAssignment(
                _("{take!r} does not name a conflict (conflicts: {keys})").format(take=take, keys=", ".join(by_key))
            )
        decisions[conflict.key] = decision_from_text(conflict, take[len(conflict.key) + 1 :], vocabulary)
    if everything:
        for key in by_key:
            decisions.setdefault(key, Decision(everything))
    return decisions


def _ask(conflict: Conflict, vocabulary: Vocabulary) -> Decision:
    labels = {side: _(SIDE_LABELS[side]) for side in conflict.sides()}
    letters = {label[:1].lower(): side for side, label in labels.items()} | {side: side for side in labels}
    choices = "/".join(f"[{label[:1]}]{label[1:]}" for label in labels.values())
    while True:
        answer = click.prompt(_("  take {choices}").format(choices=choices), prompt_suffix=" ").strip().lower()
        side = letters.get(answer) or letters.get(answer[:1]) if answer else None
        if side is None:
            continue
        if side != "edited":
            return Decision(side)
        text = click.prompt(_("  new value"), prompt_suffix=": ")
        try:
            return decision_from_text(conflict, text, vocabulary)
        except BadAssignment as error:
            click.echo("  " + escape_control(error.message), err=True)


def resolve_conflicts(root, remote: str | None, takes: tuple[str, ...] = (), everything: str | None = None) -> None:
    """Show, decide (asking on a terminal), commit and push; exits 1 while something stays undecided."""
    try:
        to_decide = conflicts_to_decide(root, remote)
    except NothingToResolve as nothing:
        click.echo(nothing.message)
        return
    vocabulary = load_vocabulary(root)
    for line in to_decide.unresolvable:
        click.echo(_("error: {line}").format(line=escape_control(line)), err=True)
    if to_decide.unresolvable:
        click.echo(_("These files cannot be decided field by field; resolve them with git."), err=True)
        sys.exit(1)
    decisions = _taken(to_decide, takes, everything, vocabulary)
    for conflict in to_decide.conflicts:
        if conflict.key in decisions:
            continue
        if not interactive():
            undecided = [c.key for c in to_decide.conflicts if c.key not in decisions]
            click.echo(
                _(
                    "error: not decided: {keys}. Choose with --take KEY=mine, --take KEY=theirs or "
                    "--take KEY=VALUE (both: for lists), or --all mine|theirs; nothing was changed"
                ).format(keys=", ".join(undecided)),
                err=True,
            )
            sys.exit(1)
        _show(conflict, vocabulary)
        decisions[conflict.key] = _ask(conflict, vocabulary)
    if interactive():
        click.echo(escape_control(decision_message(to_decide, decisions, vocabulary), keep_newlines=True))
        if not click.confirm(_("Commit this merge and push it?"), default=True):
            click.echo(_("Nothing was changed; both sides are as they were."))
            sys.exit(1)
    decided = decide(root, to_decide, decisions)
    where = to_decide.divergence.theirs_name
    if decided.pushed:
        click.echo(_("committed the merge {sha} and pushed it to {where}").format(sha=decided.commit[:12], where=where))
    else:
        click.echo(_("committed the merge {sha}").format(sha=decided.commit[:12]))


@command()
@click.option("--remote", metavar="NAME", help=N_("Resolve with this remote (default: the branch's upstream)."))
@click.option(
    "--take",
    "takes",
    multiple=True,
    metavar="KEY=CHOICE",
    help=N_("Decide one field: ID.FIELD=mine, =theirs, =both (lists) or =VALUE; repeatable."),
)
@click.option(
    "--all", "everything", type=click.Choice(["mine", "theirs"]), help=N_("Decide every other field this way.")
)
@repo_option
@pass_invocation
def resolve(invocation: Invocation, remote: str | None, takes: tuple[str, ...], everything: str | None) -> None:
    """Decide the fields your changes and the remote's both changed, then commit the merge and push it.

    Shows base, mine and theirs per field; asks on a terminal. Until the merge is committed nothing
    changes; a merge or rebase git left in progress is resolved the same way.
    """
    resolve_conflicts(invocation.root(), remote, takes, everything)


COMMANDS = (resolve,)
