"""The processes benchmarks/tui_startup.py launches, one per measurement: each runs the app (or an
empty Textual app) headless and prints what it measured as one line of JSON.

    python benchmarks/tui_startup.py --child KIND ARGUMENTS...
"""

from __future__ import annotations

import json
import resource
import statistics
import time
from pathlib import Path


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- the children: one process per measurement -----------------------------------------------


def child_empty(launched: str) -> None:
    from textual.app import App

    class Empty(App):
        painted_at = 0.0

        def _display(self, screen, renderable) -> None:  # each frame the screen makes
            super()._display(screen, renderable)
            if renderable is not None and not self.painted_at:
                self.painted_at = time.time()
                self.exit()

    app = Empty()
    app.run(headless=True, size=(120, 40))
    print(json.dumps({"rss_mib": peak_rss_mib(), "painted_s": app.painted_at - float(launched)}))


def child_portfolio(root: str, launched: str) -> None:
    """Painted: the first frame with every project in the table. Validated: the first frame with the
    validated portfolio's (the app shows a first look at the files before, see tui.loading).
    Detail: the detail pane shows the highlighted project. The peak memory: once the workers are done
    (and the loading child's beside it). Started as ``tui.launch`` does: the child first, then Textual."""
    from tui.load_process import LoadProcess

    load_process = LoadProcess.start(Path(root))
    from textual.widgets import Static

    from tui.app import PortfolioApp
    from tui.widgets.project_table import ProjectTable

    class Measured(PortfolioApp):
        rows = validated_rows = 0
        painted_at = validated_at = detail_at = 0.0

        def _display(self, screen, renderable) -> None:  # each frame (headless: as the empty app's)
            super()._display(screen, renderable)
            shown = renderable is not None and screen.id == "main"
            table = next(iter(screen.query(ProjectTable)), None) if shown else None
            if table is None or not table.row_count or table.filling:
                return
            now = time.time()
            if not self.painted_at:
                self.painted_at, self.rows = now, table.row_count
            if screen.portfolio is not None and not self.validated_at:
                self.validated_at, self.validated_rows = now, table.row_count
                self.call_after_refresh(self.detail_shown)

        def detail_shown(self) -> None:
            fields = self.main_screen.query("#fields")
            if fields and fields.first(Static).is_mounted and str(fields.first(Static).content):
                self.call_after_refresh(self.detail_painted)
            else:
                self.call_after_refresh(self.detail_shown)

        def detail_painted(self) -> None:
            self.detail_at = time.time()
            self.set_interval(0.01, self.exit_when_settled)

        def exit_when_settled(self) -> None:
            if not any(worker.is_running for worker in self.workers) or time.time() - self.detail_at > 10:
                self.exit()

    app = Measured(Path(root), load_process=load_process)
    app.run(headless=True, size=(120, 40))
    print(
        json.dumps(
            {
                "rss_mib": peak_rss_mib(),
                "child_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "rows": app.rows,
                "validated_rows": app.validated_rows,
                "painted_s": app.painted_at - float(launched),
                "validated_s": app.validated_at - float(launched),
                "detail_s": app.detail_at - float(launched),
            }
        )
    )


async def _settle(pilot) -> None:
    """Until no worker runs and the messages they posted are handled."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


class _Ticker:
    """A 5 ms timer on the event loop: how late each tick came (``gaps``, ms) and when (``stamps``)."""

    PERIOD = 0.005

    def __init__(self, loop) -> None:
        self.loop = loop
        self.gaps: list[float] = []
        self.stamps: list[float] = []
        self._stopped = False

    async def run(self) -> None:
        import asyncio

        last = self.loop.time()
        while not self._stopped:
            await asyncio.sleep(self.PERIOD)
            now = self.loop.time()
            self.gaps.append((now - last - self.PERIOD) * 1000)
            self.stamps.append(now)
            last = now

    def take(self) -> list[float]:
        """The gaps so far; the next ones start afresh."""
        gaps, self.gaps = self.gaps, []
        return gaps

    def stop(self) -> None:
        self._stopped = True


async def _open_history(app, pilot, project_id: str, ticker: _Ticker) -> tuple[float, int, float]:
    """Press h on ``project_id``; the seconds until the history is shown, its rows, and when h was pressed."""
    from textual.widgets import DataTable

    table = app.screen.query_one("#projects", DataTable)
    table.move_cursor(row=app.screen.query_one("#projects").shown_ids.index(project_id))
    started = time.perf_counter()
    pressed_at = ticker.loop.time()
    ticker.stamps.clear()
    await pilot.press("h")
    await _settle(pilot)
    return time.perf_counter() - started, app.screen.query_one("#history", DataTable).row_count, pressed_at


def _p99(gaps: list[float], fallback: float) -> float:
    return statistics.quantiles(gaps, n=100)[98] if len(gaps) > 100 else fallback


def child_blocking(root: str, project_id: str) -> None:
    import asyncio

    from tui.app import create_app

    async def measure() -> dict:
        app = create_app(Path(root))
        ticker = _Ticker(asyncio.get_running_loop())
        async with app.run_test(size=(120, 40)) as pilot:
            task = asyncio.create_task(ticker.run())
            started = time.perf_counter()
            await _settle(pilot)
            load_seconds = time.perf_counter() - started
            load_gaps = ticker.take()
            await asyncio.sleep(1.0)  # the idle app: what the machine itself adds to the ticker
            idle_gaps = ticker.take()
            if project_id == "-":  # the load only
                ticker.stop()
                await task
                return {"load_seconds": load_seconds, "load_max_gap_ms": max(load_gaps, default=0)}
            history_seconds, history_rows, pressed_at = await _open_history(app, pilot, project_id, ticker)
            ticker.stop()
            await task
        gaps, after = ticker.gaps, [stamp - pressed_at for stamp in ticker.stamps]
        return {
            "load_seconds": load_seconds,
            "load_max_gap_ms": max(load_gaps, default=0),
            "history_seconds": history_seconds,
            "history_rows": history_rows,
            "history_max_gap_ms": max(gaps, default=0),
            "history_top_gaps_ms": sorted(zip(gaps, (seconds * 1000 for seconds in after)), reverse=True)[:5],
            "history_max_gap_after_200ms": max((gap for gap, seconds in zip(gaps, after) if seconds > 0.2), default=0),
            "idle_max_gap_ms": max(idle_gaps, default=0),
            "idle_p99_gap_ms": _p99(idle_gaps, 0),
            "history_p99_gap_ms": _p99(gaps, max(gaps, default=0)),
            "ticks": len(gaps),
        }

    print(json.dumps(asyncio.run(measure())))


def child_search(root: str, text: str) -> None:
    """Type ``text`` into the search box one key at a time; per key, the longest event-loop stall."""
    import asyncio

    from tui.app import create_app

    async def measure() -> dict:
        app = create_app(Path(root))
        loop = asyncio.get_running_loop()
        gaps: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            last = loop.time()
            while not stop.is_set():
                await asyncio.sleep(0.005)
                now = loop.time()
                gaps.append((now - last - 0.005) * 1000)
                last = now

        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(20):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
            while app.screen.query_one("#projects").filling:
                await pilot.pause()
            task = asyncio.create_task(ticker())
            await pilot.press("slash")
            per_key = []
            for char in text:
                gaps.clear()
                await pilot.press("space" if char == " " else char)
                await pilot.pause()  # until the table shows the result
                while app.screen.query_one("#projects").filling:
                    await pilot.pause()
                per_key.append((char, max(gaps, default=0), app.screen.query_one("#projects").row_count))
            stop.set()
            await task
        return {"per_key": per_key}

    print(json.dumps(asyncio.run(measure())))


CHILDREN = {"empty": child_empty, "portfolio": child_portfolio, "blocking": child_blocking, "search": child_search}
