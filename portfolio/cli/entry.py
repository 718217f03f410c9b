"""The ``portfolio`` program: a history command asked again is answered from what it kept
(portfolio.cli.quick_answer), everything else by the command line (portfolio.cli.app).

This module loads neither click nor anything of a command: a replayed answer costs the
interpreter's start and a few file reads.
"""

from __future__ import annotations

import sys


def main() -> None:
    from portfolio.cli import quick_answer

    words = sys.argv[1:]
    code = quick_answer.replay(words)
    if code is not None:
        raise SystemExit(code)
    quick_answer.take_typed(words)
    from portfolio.cli.app import main as command_line

    command_line()
