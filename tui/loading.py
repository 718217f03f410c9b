"""Loading the portfolio for the UI, started as early as possible.

``create_app`` starts reading the project files in a thread at once, so that parsing overlaps with
Textual's own start-up; the main screen's worker then takes that result instead of reading again.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from portfolio.parsed_cache import ParsedCache
from portfolio.store import Portfolio, load_portfolio


def load(root: Path) -> Portfolio:
    """Every project and problem; files that parsed cleanly before are not parsed again."""
    cache = ParsedCache.for_portfolio(root)
    portfolio = load_portfolio(root, parsed_cache=cache)
    cache.save()
    return portfolio


def start_loading(root: Path) -> Future[Portfolio]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portfolio-prefetch")
    future = executor.submit(load, root)
    executor.shutdown(wait=False)
    return future
