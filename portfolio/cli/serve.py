"""``portfolio serve``: the terminal UI in a browser, through textual-serve (``tui.web``).

Registered on the main group by portfolio.cli.app. Like ``tui``, it reaches the UI only inside the
command, lazily.
"""

from __future__ import annotations

import click

from portfolio.cli.context import Invocation, pass_invocation, repo_option
from portfolio.cli.i18n import command
from portfolio.errors import PortfolioError
from portfolio.i18n import N_, _

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class NotServable(PortfolioError):
    exit_code = 2


def exposed_warning(host: str) -> str:
    return _(
        "warning: serving on {host}, not only on this machine: anyone who reaches this port can read the "
        "portfolio and change it, and every change is committed with this machine's git identity. Serve on "
        "127.0.0.1 (the default) unless the network is one you trust."
    ).format(host=host)


@command()
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    metavar="ADDRESS",
    help=N_(
        "The address to listen on. Anything but a loopback address lets other machines in: "
        "they can edit with this machine's git identity."
    ),
)
@click.option(
    "--port",
    default=DEFAULT_PORT,
    show_default=True,
    type=click.IntRange(1, 65535),
    metavar="PORT",
    help=N_("The port."),
)
@repo_option
@pass_invocation
def serve(invocation: Invocation, host: str, port: int) -> None:
    """Serve the terminal UI in a browser (textual-serve): each browser tab runs its own session on
    this repository, and commits are made with the git identity of this machine. Ctrl+C stops it."""
    from portfolio.domain.vocabulary import load_vocabulary

    root = invocation.root()
    load_vocabulary(root)  # fail here, with a message, rather than in every session
    try:
        from tui.web import is_loopback, serve  # the UI and textual-serve, loaded only here
    except ImportError as error:
        raise NotServable(
            _("portfolio serve needs textual-serve ({reason}); install it: pip install textual-serve").format(
                reason=error
            )
        ) from None

    if not is_loopback(host):
        click.echo(exposed_warning(host), err=True)
    serve(root, host, port, invocation.lang)


COMMANDS = (serve,)
