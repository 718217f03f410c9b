"""Loading the portfolio for the UI: a first look painted at once, then the full, validated load.

``create_app`` starts a first look (``portfolio.files.first_look``: the listed fields of every project
file, read without validation and without importing pydantic) in a thread at once, so that
reading overlaps with Textual's own start-up. The main screen paints it, and only then loads the
portfolio in full (validating every file, 100 ms and more), which replaces what the first look
showed and lists the broken files. Waiting for the paint matters: both are Python and share one
interpreter lock, so a validation running alongside would slow the first paint down.
"""

from __future__ import annotations

import gc
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.collector import collector_paused

if TYPE_CHECKING:
    from portfolio.domain.records import Portfolio
    from portfolio.files.glanced import FirstLook
    from tui.load_process import LoadProcess
    from tui.widgets.project_texts import TextWidthsMemo


def load(root: Path, child: LoadProcess | None = None) -> Portfolio:
    """Every valid project and every problem (one bad file never hides the others): what ``child``
    (loading since the app was made, see tui.load_process) sends, else read here.

    The loaded objects are moved out of the garbage collector's way at once: a full collection over
    them, due while the table is filled, costs 50 ms at 1,000 projects. (They are freed by reference
    counting when a reload replaces them.)
    """
    from tui.widgets.detail import prepare

    with collector_paused():
        portfolio = child.portfolio() if child is not None else None
        if portfolio is None:
            from portfolio.files.loading import load_portfolio  # validates every file: after the first paint

            portfolio = load_portfolio(root)
        gc.freeze()
    prepare()  # what the detail pane shows a validated project with: imported here, off the event loop
    return portfolio


def measure_rows(portfolio: Portfolio, widths: TextWidthsMemo, child: LoadProcess | None = None) -> None:
    """In the worker thread, before the validated table is filled: how wide each project's texts are
    in the table, taken from ``child`` (which measures them while this thread unpickles ``portfolio``)
    or measured here. Measured by the table on the event loop, 1,000 rows were 20 ms of the longest
    stall."""
    measured = child.row_widths() if child is not None else None
    if measured:
        widths.adopt(measured, portfolio.projects, portfolio.vocabulary)
    else:
        widths.prime(portfolio.projects.values(), portfolio.vocabulary)


def settle_in(portfolio: Portfolio, child: LoadProcess | None = None) -> None:
    """After the table is filled, in the worker thread: what makes the next keystrokes fast.

    Fold every project's search text now rather than on the first keystroke, or take them from
    ``child``, which sent ``portfolio`` and folded them meanwhile (folding alone: 1 s of the lock at
    5,000 projects); then move what that made out of the garbage collector's way: a full collection
    over 5,000 projects stalls the event loop for 100 ms and more.
    """
    from portfolio.domain.search import SearchIndex

    index = SearchIndex.of(portfolio)
    texts = child.search_texts() if child is not None else None
    if texts:
        index.adopt(texts, portfolio.projects)
    index.build(portfolio.projects.values())  # what was not adopted
    gc.freeze()


def start_first_look(root: Path) -> Future[FirstLook | None]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portfolio-first-look")
    future = executor.submit(_first_look_uncollected, root)
    executor.shutdown(wait=False)
    return future


def _first_look_uncollected(root: Path) -> FirstLook | None:
    """The first look, made without a collection and then frozen (it is kept until the full load)."""
    from portfolio.files.first_look import first_look  # the readers: in this thread, off the start-up

    with collector_paused():
        look = first_look(root)
        gc.freeze()
    return look
