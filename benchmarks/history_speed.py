"""How fast is the history engine, against git's own floor, in one run on one repository.

    python benchmarks/history_speed.py --projects 1000 --commits 10000 [--seed 1] [--repeat 3]

Measures (median of --repeat runs; each Python measurement in a fresh process, timed inside it so
that interpreter start-up and imports are not counted; peak memory is that process's max RSS):

- floor:        git log --raw -z --no-abbrev -- projects/   (git's own floor)
- cold:         every event of every project, no cache (then the cache is written)
- warm:         the same with the cache and no new commit
- incremental:  the same after one new commit
- one project:  one project's history (cache warm)  vs  git log --follow -- projects/<id>.toml

Prints a Markdown table with the ratios the issue sets as goals.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate_history import generate  # noqa: E402

from portfolio.history.cache_place import CACHE_DIR, CACHE_NAME  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
root, what, arg = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
from portfolio.history import load_history
from portfolio.history.engine import compute
from portfolio.history.views import History
start = time.perf_counter()
history = History(compute(root))
events = history.events if what == "all" else history.project_events(arg)
seconds = time.perf_counter() - start  # kept alive: freeing them at exit is not part of the work
count = len(events)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "count": count}))
"""


def _env() -> dict:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.org",
    )
    return env


def python_run(root: Path, what: str, arg: str = "-") -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), what, arg],
        cwd=HERE.parent,
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def git_run(root: Path, *args: str) -> dict:
    start = time.perf_counter()
    subprocess.run(["git", *args], cwd=root, check=True, stdout=subprocess.DEVNULL)
    return {"seconds": time.perf_counter() - start, "peak_mb": None, "count": None}


def cache_file(root: Path) -> Path:
    return root / ".git" / CACHE_DIR / CACHE_NAME


def median(runs: list[dict]) -> dict:
    best = dict(runs[0])
    best["seconds"] = statistics.median(run["seconds"] for run in runs)
    peaks = [run["peak_mb"] for run in runs if run["peak_mb"] is not None]
    best["peak_mb"] = max(peaks) if peaks else None
    return best


def new_commit(root: Path, serial: int) -> None:
    path = sorted((root / "projects").glob("*.toml"))[serial % 7]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('status = "', 'status = "', 1).rstrip("\n") + "\n", encoding="utf-8")
    # a real change: the summary line gets a counter
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f'summary = "Benchmark-Änderung {serial}"' if line.startswith("summary = ") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-am", f"Benchmark change {serial}"], cwd=root, env=_env(), check=True)


def busiest_project(root: Path) -> str:
    out = subprocess.run(
        ["git", "log", "--format=", "--name-only", "-n", "3000", "--", "projects/"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    counts: dict[str, int] = {}
    for line in out.splitlines():
        if line.endswith(".toml") and (root / line).exists():
            counts[line] = counts.get(line, 0) + 1
    return Path(max(sorted(counts), key=counts.get)).stem


def print_results(results: dict[str, dict], arguments: argparse.Namespace, commits: int, project: str) -> None:
    """The measurements as a Markdown table, each with its ratio to its baseline."""
    repeat = arguments.repeat
    floor, cold_s = results["floor"]["seconds"], results["cold"]["seconds"]
    ratios = {
        "floor": "1.00x floor",
        "cold": f"{cold_s / floor:.2f}x floor (goal <= 2)",
        "warm": f"{results['warm']['seconds'] / cold_s:.3f}x cold (goal <= 0.1)",
        "incremental": f"{results['incremental']['seconds'] / cold_s:.3f}x cold (goal <= 0.1)",
        "one project": f"{results['one project']['seconds'] / results['git log --follow']['seconds']:.2f}x git log --follow (goal <= 1.5)",
        "git log --follow": "baseline for one project",
    }
    print(
        f"### {arguments.projects} projects, {commits} commits (seed {arguments.seed}), "
        f"median of {repeat}; one project: {project}\n"
    )
    print("| measurement | seconds | peak memory | events | ratio |")
    print("|---|---:|---:|---:|---|")
    for name, result in results.items():
        peak = f"{result['peak_mb']:.0f} MB" if result["peak_mb"] is not None else "-"
        count = result["count"] if result["count"] is not None else "-"
        print(f"| {name} | {result['seconds']:.3f} | {peak} | {count} | {ratios[name]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    arguments = parser.parse_args()
    root = arguments.data / f"history-{arguments.projects}x{arguments.commits}-s{arguments.seed}"
    if not root.exists():
        start = time.perf_counter()
        generate(root, arguments.projects, arguments.commits, arguments.seed)
        print(f"generated {root} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    commits = int(
        subprocess.run(
            ["git", "rev-list", "--count", "HEAD"], cwd=root, check=True, capture_output=True, text=True
        ).stdout
    )
    project = busiest_project(root)
    results: dict[str, dict] = {}
    repeat = arguments.repeat
    results["floor"] = median(
        [git_run(root, "log", "--raw", "-z", "--no-abbrev", "--", "projects/") for _ in range(repeat)]
    )
    cold = []
    for _ in range(repeat):
        cache_file(root).unlink(missing_ok=True)
        cold.append(python_run(root, "all"))
    results["cold"] = median(cold)
    results["warm"] = median([python_run(root, "all") for _ in range(repeat)])
    incremental = []
    for serial in range(repeat):
        python_run(root, "all")  # the cache is at HEAD
        new_commit(root, serial)
        incremental.append(python_run(root, "all"))
    results["incremental"] = median(incremental)
    results["one project"] = median([python_run(root, "one", project) for _ in range(repeat)])
    results["git log --follow"] = median(
        [git_run(root, "log", "--follow", "--", f"projects/{project}.toml") for _ in range(repeat)]
    )
    subprocess.run(["git", "reset", "-q", "--hard", f"HEAD~{repeat}"], cwd=root, check=True)
    cache_file(root).unlink(missing_ok=True)

    print_results(results, arguments, commits, project)


if __name__ == "__main__":
    main()
