"""Loading the portfolio for the UI, started as early as possible.

``create_app`` starts reading the project files in a thread at once, so that reading overlaps with
Textual's own start-up; the main screen's worker then takes that result instead of reading again.
"""

from __future__ import annotations

import gc
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from portfolio.filters import ProjectFilter
from portfolio.store import Portfolio, load_portfolio


def load(root: Path) -> Portfolio:
    """Every valid project and every problem (one bad file never hides the others).

    The loaded objects are moved out of the garbage collector's way at once: a full collection over
    them, due while the table is filled, costs 50 ms at 1,000 projects. (They are freed by reference
    counting when a reload replaces them.)
    """
    portfolio = load_portfolio(root)
    gc.freeze()
    return portfolio


def settle_in(portfolio: Portfolio) -> None:
    """After the table is filled, in the worker thread: what makes the next keystrokes fast.

    Fold every project's search text now rather than on the first keystroke, and move what that
    made out of the garbage collector's way: a full collection over 5,000 projects stalls the
    event loop for 100 ms and more.
    """
    probe = ProjectFilter(text="\0")
    for stored in portfolio.projects.values():
        probe.matches(stored)
    gc.freeze()


def start_loading(root: Path) -> Future[Portfolio]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portfolio-prefetch")
    future = executor.submit(load, root)
    executor.shutdown(wait=False)
    return future
