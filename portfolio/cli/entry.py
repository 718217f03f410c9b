"""The ``portfolio`` program: a history command asked again is answered from what it kept
(portfolio.cli.quick_answer), everything else by the command line (portfolio.cli.app).

This module loads neither click nor anything of a command: a replayed answer costs the
interpreter's start and a few file reads.
"""

from __future__ import annotations

import atexit
import gc
import sys


def main() -> None:
    # The process ends without the interpreter's last garbage collection: gc.freeze, as the last
    # thing at exit, leaves what exists then out of it. After a history command that collection went
    # over every object of the history, ~50 ms of a cold ``history ID`` (2026-12-06, 1,000 projects
    # / 10,000 commits), to free memory the process gives back anyway. The rest of the end is as
    # ever (atexit's functions, the streams flushed, each object freed as its last reference goes);
    # only an object in a reference cycle is not finalized, and nothing we write waits for that:
    # every file is closed where it is written.
    atexit.register(gc.freeze)
    from portfolio.cli import quick_answer

    words = sys.argv[1:]
    code = quick_answer.replay(words)
    if code is not None:
        raise SystemExit(code)
    quick_answer.take_typed(words)
    from portfolio.cli.app import main as command_line

    command_line()
