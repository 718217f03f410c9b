"""How long until the terminal UI shows the projects, against an empty Textual app started the same way.

    python benchmarks/tui_startup.py [--counts 1000 5000] [--repeat 3] [--history-commits 10000]

Every measurement is a fresh process (``python benchmarks/tui_startup.py --child ...``) running the
app headless, timed from the moment the process is launched: until the first screen with every
project in the table has been painted ("painted": the app shows a first look at the files, see
tui/loading.py), until that screen has been painted again with the validated portfolio
("validated"), and until the process has exited. The empty app is timed to its first paint (and
exit). Reported: the medians of ``--repeat`` runs, the ratios to the empty app's first paint, and
the peak resident memory.

Event-loop blocking: the app runs on a generated repository with a long history while a 5 ms
timer measures how late the event loop answers, first while the projects load, then while the
history engine computes a project's history (cold cache). Needs ``portfolio.history`` (issue 3);
without it that part is skipped and says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- the children: one process per measurement -----------------------------------------------


def child_empty(launched: str) -> None:
    from textual.app import App

    class Empty(App):
        painted_at = 0.0

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            self.painted_at = time.time()
            self.exit()

    app = Empty()
    app.run(headless=True, size=(120, 40))
    print(json.dumps({"rss_mib": peak_rss_mib(), "painted_s": app.painted_at - float(launched)}))


def child_portfolio(root: str, launched: str) -> None:
    """Painted: the first screen with every project in the table. Validated: the screen again once
    the portfolio is validated (the app shows a first look at the files before, see tui.loading)."""
    from textual import on

    from tui.app import PortfolioApp
    from tui.widgets.project_table import ProjectTable

    class Measured(PortfolioApp):
        rows = validated_rows = 0
        painted_at = validated_at = 0.0

        @on(ProjectTable.Filled)
        def table_filled(self, message: ProjectTable.Filled) -> None:  # the last rows are in
            self.call_after_refresh(self.after_paint, message.table.row_count)

        def after_paint(self, rows: int) -> None:
            now = time.time()
            if not self.painted_at:
                self.painted_at, self.rows = now, rows
            if self.main_screen.portfolio is not None:  # validated, and on the screen
                self.validated_at, self.validated_rows = now, rows
                self.exit()

    app = Measured(Path(root))
    app.run(headless=True, size=(120, 40))
    print(
        json.dumps(
            {
                "rss_mib": peak_rss_mib(),
                "rows": app.rows,
                "validated_rows": app.validated_rows,
                "painted_s": app.painted_at - float(launched),
                "validated_s": app.validated_at - float(launched),
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


# --- the parent ----------------------------------------------------------------------------


def run_child(*arguments: str) -> tuple[float, dict]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "--child", *arguments], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"child {arguments} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed, json.loads(result.stdout.strip().splitlines()[-1])


def median_start(repeat: int, kind: str, *arguments: str) -> dict:
    """Median times of ``repeat`` fresh processes, each measured from the moment it is launched."""
    runs = []
    for _ in range(repeat):
        launched = time.time()
        elapsed, info = run_child(kind, *arguments, repr(launched))
        runs.append({**info, "process_s": elapsed})
    medians = {key: statistics.median(run[key] for run in runs) for key in runs[0] if key.endswith("_s")}
    return {**runs[-1], **medians}


def startup(counts: list[int], repeat: int) -> None:
    from generate_projects import generate_portfolio

    print(f"start until the table is painted, headless 120x40, median of {repeat} fresh processes;")
    print("times from launching the process (painted: the table with every project is on the screen;")
    print("validated: on the screen again after every file was validated; process: until it has exited)")
    empty = median_start(repeat, "empty")
    print(
        f"  empty Textual app          painted {empty['painted_s'] * 1000:5.0f} ms  ratio 1.00"
        f"                            process {empty['process_s'] * 1000:5.0f} ms   peak RSS {empty['rss_mib']:6.1f} MiB"
    )
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            root = generate_portfolio(Path(folder) / f"p{count}", count)
            info = median_start(repeat, "portfolio", str(root))
            assert info["rows"] == count and info["validated_rows"] == count, info
            print(
                f"  portfolio, {count:>5} projects  painted {info['painted_s'] * 1000:5.0f} ms"
                f"  ratio {info['painted_s'] / empty['painted_s']:4.2f}"
                f"   validated {info['validated_s'] * 1000:5.0f} ms  ratio {info['validated_s'] / empty['painted_s']:4.2f}"
                f"   process {info['process_s'] * 1000:5.0f} ms   peak RSS {info['rss_mib']:6.1f} MiB"
            )
            _elapsed, typed = run_child("search", str(root), "sensorik 12")
            keys = ", ".join(f"{char!r} {ms:.0f} ms ({rows} rows)" for char, ms, rows in typed["per_key"])
            print(f"    search typed key by key, longest event-loop stall per key: {keys}")


def blocking(projects: int, commits: int) -> None:
    print(f"event-loop lag (5 ms ticker) with {projects} projects / {commits} commits")
    generator = HERE / "generate_history.py"
    if importlib.util.find_spec("portfolio.history") is None or not generator.exists():
        print("  skipped: the history engine (portfolio.history, issue 3) is not in this branch")
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "history"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(generator),
                str(root),
                "--projects",
                str(projects),
                "--commits",
                str(commits),
                "--seed",
                "1",
            ],
            check=True,
            capture_output=True,
        )
        print(f"  generated in {time.perf_counter() - started:.1f} s")
        project_id = sorted(path.stem for path in (root / "projects").glob("*.toml"))[0]
        _elapsed, info = run_child("blocking", str(root), project_id)
        print(
            f"  loading the projects: {info['load_seconds']:.2f} s, longest event-loop stall "
            f"{info['load_max_gap_ms']:.0f} ms"
        )
        print(
            f"  idle app for 1 s (the machine's own noise): longest stall {info['idle_max_gap_ms']:.0f} ms, "
            f"p99 {info['idle_p99_gap_ms']:.1f} ms"
        )
        print(
            f"  history of {project_id} (cold cache, {info['history_rows']} events): {info['history_seconds']:.2f} s, "
            f"longest stall {info['history_max_gap_ms']:.0f} ms, p99 {info['history_p99_gap_ms']:.1f} ms "
            f"over {info['ticks']} ticks"
        )
        print(
            "    five longest stalls (ms, and when they ended, ms after the key press): "
            + ", ".join(f"{gap:.0f} at +{at:.0f}" for gap, at in info["history_top_gaps_ms"])
        )
        print(f"    longest stall from 200 ms after the key press on: {info['history_max_gap_after_200ms']:.0f} ms")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        {"empty": child_empty, "portfolio": child_portfolio, "blocking": child_blocking, "search": child_search}[kind](
            *rest
        )
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--history-projects", type=int, default=1000)
    parser.add_argument("--history-commits", type=int, default=10000)
    arguments = parser.parse_args()
    startup(arguments.counts, arguments.repeat)
    blocking(arguments.history_projects, arguments.history_commits)


if __name__ == "__main__":
    main()
