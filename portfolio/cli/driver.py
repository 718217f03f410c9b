"""``portfolio merge-driver``: git runs it once for each project file both sides changed.

In a module of its own, so that a merge with many conflicting files starts as few imports as it can
(git names it in ``merge.portfolio.driver``, see portfolio/git/merge_setup.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from portfolio.cli.i18n import command
from portfolio.i18n import N_, _
from portfolio.textsafety import escape_control


@command(name="merge-driver")
@click.option(
    "--marker-size",
    type=click.IntRange(1, 100),
    default=7,
    show_default=True,
    help=N_("Length of conflict markers (git passes %L)."),
)
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", required=False, default="")
def merge_driver(marker_size: int, base: Path, ours: Path, theirs: Path, path: str) -> None:
    """git's merge driver for project files: merge BASE, OURS, THEIRS field by field into OURS.

    git calls it as `portfolio merge-driver %O %A %B %P` (registered by `portfolio setup`).
    Exit 0: merged; exit 1: conflicts, written with markers around the conflicting fields.
    """
    from portfolio.git.merge_driver import run_merge_driver  # when git runs it: nothing else is loaded

    merge = run_merge_driver(base, ours, theirs, path or str(ours), marker_size=marker_size)
    if merge.comments_dropped and merge.result is not None:
        click.echo(
            _("{path}: note: comments are not kept in merged files; keep such text in 'notes'").format(
                path=escape_control(merge.path)
            ),
            err=True,
        )
    for line in merge.messages():
        click.echo(escape_control(line, keep_newlines=True), err=True)
    if not merge.clean:
        sys.exit(1)


COMMANDS = (merge_driver,)
