"""How fast the terminal UI shows the projects, against an empty Textual app started the same way.

    python benchmarks/tui_startup.py [--counts 1000 5000] [--rounds 5] [--stall-rounds 3] [--check]

Start-up: every measurement is a fresh process (``python benchmarks/tui_startup.py --child ...``)
running the app headless (120x40), timed from the moment the process is launched: until the first
frame with every project in the table ("painted": a first look at the files, see tui/loading.py),
until the first frame with the validated portfolio's table ("validated"), until the detail pane
shows the highlighted project ("detail"), and until the process has exited. A frame is timed when
Textual hands it to the terminal (``App._display``), the empty app's first frame the same way.
Byte code is written and read, as an installed package has it (an unmeasured first run writes it). Each round launches the empty app and then the portfolio at each count (every
other round in the reverse order), so that each ratio compares two processes run side by side on
a machine whose load changes; reported: the median of at least 5 rounds and the spread (min-max)
of the per-round ratios, and the peak resident memory (the largest of the rounds, measured once
the load has settled: the search index made, the workers done).

Event-loop stalls: a 5 ms asyncio ticker inside the app measures how late the event loop answers
while the projects load (at the largest count, and in a repository with a long history) and while
the history engine computes a project's history (cold cache); ``--stall-rounds`` fresh processes
each, the longest stall reported.

``--check`` exits 1 when a goal of issue 13 is missed: painted at most 1.5x and validated at most
2x the empty app at 1,000 projects (the medians of the ratios), under 250 MiB at 5,000, no stall
over 50 ms while loading or computing history.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import as_installed  # noqa: E402


def run_child(*arguments: str) -> tuple[float, dict]:
    started = time.perf_counter()
    command = [sys.executable, __file__, "--child", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, env=as_installed.environment())
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"child {arguments} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed, json.loads(result.stdout.strip().splitlines()[-1])


# Issue 13, goal 4: each figure, its limit, and whether the limit itself still meets the goal.
GOALS = {
    "painted ratio at 1,000": (1.5, True),  # at most 1.5x
    "validated ratio at 1,000": (2.0, True),  # at most 2x
    "peak MiB at 5,000": (250, False),  # under 250 MB
    "longest stall while loading, ms": (50, True),  # no stall over 50 ms
    "longest stall while computing history, ms": (50, True),
}


def spread(values: list[float], unit: str = "", digits: int = 2) -> str:
    """The median and, in brackets, the smallest and the largest."""
    return f"{statistics.median(values):.{digits}f}{unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def launch(kind: str, *arguments: str) -> dict:
    """One fresh process, its times measured from the moment it is launched."""
    launched = time.time()
    elapsed, info = run_child(kind, *arguments, repr(launched))
    return {**info, "process_s": elapsed}


def startup(counts: list[int], rounds: int, stall_rounds: int) -> dict[str, float]:
    """Paired rounds; the figures the goals are checked against."""
    from generate_projects import generate_portfolio

    print(f"start-up, headless 120x40, {rounds} rounds; each round: the empty app and the portfolio at each count,")
    print("fresh processes, timed from their launch; ratios to the same round's empty app, median (min-max)")
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        roots = {count: str(generate_portfolio(Path(folder) / f"p{count}", count)) for count in counts}
        empty: list[dict] = []
        runs: dict[int, list[dict]] = {count: [] for count in counts}
        launch("empty"), launch("portfolio", roots[min(counts)])  # unmeasured: writes the byte code
        for number in range(rounds):
            order = ["empty", *counts] if number % 2 == 0 else [*counts, "empty"]
            for what in order:
                if what == "empty":
                    empty.append(launch("empty"))
                else:
                    info = launch("portfolio", roots[what])
                    assert info["rows"] == what and info["validated_rows"] == what, info
                    runs[what].append(info)
        base = [run["painted_s"] for run in empty]
        print(
            f"  empty Textual app          painted {spread([b * 1000 for b in base], ' ms', 0)}"
            f"   process {statistics.median(run['process_s'] for run in empty) * 1000:.0f} ms"
            f"   peak RSS {max(run['rss_mib'] for run in empty):.1f} MiB"
        )
        for count in counts:
            mine = runs[count]
            ratios = {
                key: [run[f"{key}_s"] / b for run, b in zip(mine, base)] for key in ("painted", "validated", "detail")
            }
            peak = max(run["rss_mib"] for run in mine)
            print(f"  portfolio, {count:>5} projects")
            for key in ("painted", "validated", "detail"):
                times = [run[f"{key}_s"] * 1000 for run in mine]
                print(f"    {key:<10} {spread(times, ' ms', 0):<24} ratio {spread(ratios[key], 'x')}")
            print(
                f"    process    {statistics.median(run['process_s'] for run in mine) * 1000:.0f} ms"
                f" (until settled and exited)   peak RSS {peak:.1f} MiB"
                f" (the loading child's: {max(run.get('child_rss_mib', 0) for run in mine):.1f} MiB)"
            )
            if count == 1000:
                figures["painted ratio at 1,000"] = statistics.median(ratios["painted"])
                figures["validated ratio at 1,000"] = statistics.median(ratios["validated"])
            if count == 5000:
                figures["peak MiB at 5,000"] = peak
        for count in counts:
            _elapsed, typed = run_child("search", roots[count], "sensorik 12")
            keys = ", ".join(f"{char!r} {ms:.0f} ms ({rows} rows)" for char, ms, rows in typed["per_key"])
            print(f"  {count} projects, search typed key by key, longest event-loop stall per key: {keys}")
        largest = max(counts)
        stalls = [run_child("blocking", roots[largest], "-")[1]["load_max_gap_ms"] for _ in range(stall_rounds)]
        print(
            f"  {largest} projects, loading: longest event-loop stall per run "
            + ", ".join(f"{gap:.0f}" for gap in stalls)
            + " ms"
        )
        figures["longest stall while loading, ms"] = max(stalls)
    return figures


def blocking(projects: int, commits: int, stall_rounds: int) -> dict[str, float]:
    print(f"event-loop lag (5 ms ticker) with {projects} projects / {commits} commits, {stall_rounds} fresh processes")
    generator = HERE / "generate_history.py"
    if importlib.util.find_spec("portfolio.history") is None or not generator.exists():
        print("  skipped: the history engine (portfolio.history, issue 3) is not in this branch")
        return {}
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
        runs = []
        for _ in range(stall_rounds):
            _elapsed, info = run_child("blocking", str(root), project_id)
            runs.append(info)
            print(
                f"  loading the projects: {info['load_seconds']:.2f} s, longest stall {info['load_max_gap_ms']:.0f} ms;"
                f" idle 1 s (the machine's own noise): longest {info['idle_max_gap_ms']:.0f} ms,"
                f" p99 {info['idle_p99_gap_ms']:.1f} ms"
            )
            print(
                f"  history of {project_id} (cold cache, {info['history_rows']} events): "
                f"{info['history_seconds']:.2f} s, longest stall {info['history_max_gap_ms']:.0f} ms, "
                f"p99 {info['history_p99_gap_ms']:.1f} ms over {info['ticks']} ticks; five longest (ms, and when "
                "they ended, ms after the key press): "
                + ", ".join(f"{gap:.0f} at +{at:.0f}" for gap, at in info["history_top_gaps_ms"])
            )
    return {
        "longest stall while loading, ms": max(run["load_max_gap_ms"] for run in runs),
        "longest stall while computing history, ms": max(run["history_max_gap_ms"] for run in runs),
    }


def report(figures: dict[str, float]) -> bool:
    """Print each goal and whether it is met; True when every goal was measured and met."""
    print("goals (issue 13, goal 4)")
    met = True
    for goal, (limit, inclusive) in GOALS.items():
        wording = f"{'at most' if inclusive else 'under'} {limit}"
        value = figures.get(goal)
        if value is None:
            print(f"  {goal}: not measured (goal: {wording}): MISSED")
            met = False
            continue
        ok = value <= limit if inclusive else value < limit
        met = met and ok
        print(f"  {goal}: {value:.2f} (goal: {wording}): {'met' if ok else 'MISSED'}")
    return met


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        from tui_children import CHILDREN

        CHILDREN[kind](*rest)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds (at least 5)")
    parser.add_argument("--stall-rounds", type=int, default=3)
    parser.add_argument("--history-projects", type=int, default=1000)
    parser.add_argument("--history-commits", type=int, default=10000)
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    arguments = parser.parse_args()
    if arguments.rounds < 5:
        parser.error("--rounds: at least 5 (a median of fewer paired runs says little on a shared machine)")
    stall_rounds = max(1, arguments.stall_rounds)
    figures = startup(arguments.counts, arguments.rounds, stall_rounds)
    history = blocking(arguments.history_projects, arguments.history_commits, stall_rounds)
    figures["longest stall while loading, ms"] = max(
        figures.get("longest stall while loading, ms", 0), history.get("longest stall while loading, ms", 0)
    )
    if "longest stall while computing history, ms" in history:
        figures["longest stall while computing history, ms"] = history["longest stall while computing history, ms"]
    met = report(figures)
    if arguments.check and not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
