"""History at scale: the whole history cold and warm at 5,000 projects / 50,000 commits, and git's floor
of the same history with ``projects/`` sharded into subfolders.

    python benchmarks/history_scale.py [--projects 5000 --commits 50000] [--rounds 5] [--check]

Two repositories from benchmarks/generate_history.py (same seed): the flat layout the tool reads
(``projects/ID.toml``) and a sharded one (``--sharded``: ``projects/NN/ID.toml``, NN the id's last
two digits; the tool does not read that layout yet, so only git is timed there). Each round, paired,
every process's output into a pipe read to the end (see history_cli_speed.py):

- floor:          ``git log --raw -z --no-abbrev -- projects/`` on the flat layout
- log json cold:  ``portfolio log --format json``, the cache removed (ratio to the floor)
- log json warm:  the same with the cache (ratio to cold)
- sharded floor:  git's floor on the sharded layout (ratio to the flat floor)

``--check`` exits 1 when cold is above 1.5x the floor or warm above 0.1x cold (goal 3's ratios,
at this size). Generating the two repositories takes a few minutes; they are kept in
``benchmarks/.data/``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_history import generate  # noqa: E402
from history_cli_speed import COLD_GOAL, WARM_GOAL, drop_cache, portfolio, timed  # noqa: E402

FLOOR = ["git", "log", "--raw", "-z", "--no-abbrev", "--", "projects/"]


def one_round(flat: Path, sharded: Path) -> dict[str, float]:
    times = {"floor": timed(FLOOR, flat)}
    drop_cache(flat)
    times["log json cold"] = timed(portfolio("log", "--format", "json"), flat)
    times["log json warm"] = timed(portfolio("log", "--format", "json"), flat)
    times["sharded floor"] = timed(FLOOR, sharded)
    return times


BASELINES = {"log json cold": ("floor", COLD_GOAL), "log json warm": ("log json cold", WARM_GOAL)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--commits", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--flat", type=Path, help="the flat repository (default: generated)")
    parser.add_argument("--sharded", type=Path, help="the sharded repository (default: generated)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    arguments = parser.parse_args()
    name = f"history-{arguments.projects}x{arguments.commits}-s{arguments.seed}"
    flat = arguments.flat or arguments.data / name
    sharded = arguments.sharded or arguments.data / f"{name}-sharded"
    for root, is_sharded in ((flat, False), (sharded, True)):
        if not root.exists():
            start = time.perf_counter()
            generate(root, arguments.projects, arguments.commits, arguments.seed, sharded=is_sharded)
            print(f"generated {root} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    flat, sharded = flat.resolve(), sharded.resolve()
    timed(portfolio("log", "--format", "json"), flat)  # unmeasured: byte code, page cache
    timed(FLOOR, sharded)
    rounds = []
    for number in range(arguments.rounds):
        rounds.append(one_round(flat, sharded))
        print(f"round {number + 1}/{arguments.rounds} done", file=sys.stderr)
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=flat, check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"### {flat.name}: {commits} commits, median of {arguments.rounds} paired rounds\n")
    print("| measurement | median s (min-max) | ratio: median (min-max) | goal |\n|---|---:|---:|---|")
    met = True
    for name_, baseline, goal in (
        ("floor", None, None),
        ("log json cold", "floor", COLD_GOAL),
        ("log json warm", "log json cold", WARM_GOAL),
        ("sharded floor", "floor", None),
    ):
        seconds = [one[name_] for one in rounds]
        spread = f"{statistics.median(seconds):.3f} ({min(seconds):.3f}-{max(seconds):.3f})"
        if baseline is None:
            print(f"| {name_} | {spread} | 1.00x | baseline |")
            continue
        ratios = [one[name_] / one[baseline] for one in rounds]
        value = statistics.median(ratios)
        shown = f"{value:.3f}x ({min(ratios):.3f}-{max(ratios):.3f})"
        if goal is None:
            cut = [one[baseline] / one[name_] for one in rounds]
            print(
                f"| {name_} | {spread} | {shown} | cut {statistics.median(cut):.1f}x ({min(cut):.1f}-{max(cut):.1f}) |"
            )
            continue
        ok = value <= goal
        met = met and ok
        print(f"| {name_} | {spread} | {shown} | at most {goal}x {baseline}: {'met' if ok else 'MISSED'} |")
    if arguments.check and not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
