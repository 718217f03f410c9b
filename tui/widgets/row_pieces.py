"""Work over a long table's rows in pieces, the event loop answering between two.

A step is ``step(start, end)`` over rows ``start`` to ``end`` (it may say yes: a cell changed). A
piece is as many steps of ``ROWS_A_STEP`` rows as fit in ``PIECE_SECONDS`` (at least one). Counted
in rows (1,000 at once, about 10 ms on a quiet machine), a piece took 22-53 ms on a busy one, where
every frame did too. The caller may ask for up to ``FIRST_PIECE_ROWS`` rows in one piece, at once:
a table's first rows are then painted once, not a screenful first and the whole again (~100 ms
later at 1,000 projects on a busy machine). A longer table takes several pieces anyway, so its first
is by time too: a first piece of 1,000 rows and the first frame after it stalled the event loop for
35-56 ms at 5,000. A table filled again (the validated portfolio after a first look that listed
other files, a search) has been painted already: its first piece is by time (at 1,000 rows on a
busy machine, 1,000 rows at once stalled the loop for 51-55 ms).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

ROWS_A_STEP = 100
PIECE_SECONDS = 0.008
FIRST_PIECE_ROWS = 1000
# Between two pieces: a pause, not asyncio.sleep(0). A key or timer reaches its handler in more than
# one step of the event loop (a future set, then the task woken), and sleep(0) puts the next piece
# before the second step: every event waited for two pieces. With the pause it waits for one
# (at 5,000 projects on a slow machine the longest stalls went from 104-173 ms to 68-92 ms).
PIECE_PAUSE = 0.002

Step = Callable[[int, int], "bool | None"]


def first_piece(step: Step, total: int, *, refill: bool = False) -> tuple[bool, int]:
    """The first piece of ``total`` rows (all of them, up to ``FIRST_PIECE_ROWS``, unless it is a
    ``refill`` of rows on the screen): whether a step said yes, and the row the next piece starts at."""
    if not refill and total <= FIRST_PIECE_ROWS:
        return bool(step(0, total)), total
    return _piece(step, 0, total)


def _piece(step: Step, start: int, total: int) -> tuple[bool, int]:
    """Steps from row ``start`` until ``PIECE_SECONDS`` are over (at least one)."""
    said = False
    deadline = time.perf_counter() + PIECE_SECONDS
    while start < total:
        end = min(start + ROWS_A_STEP, total)
        said = bool(step(start, end)) or said
        start = end
        if time.perf_counter() >= deadline:
            break
    return said, start


async def other_pieces(step: Step, start: int, total: int, wanted: Callable[[], bool]) -> bool | None:
    """The rows from ``start``, a piece at a time with a pause before each: whether any step said
    yes; None when ``wanted()`` said no before a piece (a newer fill replaced this one)."""
    said = False
    while start < total:
        await asyncio.sleep(PIECE_PAUSE)
        if not wanted():
            return None
        said_now, start = _piece(step, start, total)
        said = said_now or said
    return said
