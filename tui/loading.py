"""Loading the portfolio for the UI, started as early as possible.

``create_app`` starts reading the project files in a thread at once, so that reading overlaps with
Textual's own start-up; the main screen's worker then takes that result instead of reading again.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from portfolio.store import Portfolio, load_portfolio


def load(root: Path) -> Portfolio:
    """Every valid project and every problem (one bad file never hides the others)."""
    return load_portfolio(root)


def start_loading(root: Path) -> Future[Portfolio]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portfolio-prefetch")
    future = executor.submit(load, root)
    executor.shutdown(wait=False)
    return future
