"""How long the command line takes to start, against ``python -c pass`` timed in the same rounds.

    python benchmarks/startup.py [--repeat 15] [--check]

Each measurement is a whole process, as a user (or git) runs it, in a portfolio made by
``portfolio init --example`` in a temporary folder: ``python -m portfolio --help``, ``python -m
portfolio show ID`` and the merge driver on one file both sides changed, with the command line git
uses (``python -P -m portfolio merge-driver --marker-size 7 BASE OURS THEIRS PATH``, see
portfolio/git/merge_setup.py). No language is chosen (``LANG=C.UTF-8``): the portfolio's own is
read, the most a command does for it. Byte code is written (``PYTHONDONTWRITEBYTECODE`` is dropped:
an installed package has its ``.pyc`` files) and an unmeasured first run of each command writes it. Each round times ``python -c pass`` and then each command
once (a paired run); reported per command: the median time, the median of the per-round ratios to
``python -c pass`` and their spread (min-max). ``--check`` exits 1 when a ratio's median is above its
goal (issue 13: ``--help`` 5x, ``show`` and ``merge-driver`` 8x).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import as_installed

SOURCE = Path(__file__).resolve().parent.parent
GOALS = {"--help": 5.0, "show": 8.0, "merge-driver": 8.0}
PROJECT = "digitales-rathaus-rheine"  # one of the example projects


def environment() -> dict[str, str]:
    """No language chosen; byte code written and read, as an installed package has it."""
    return as_installed.environment("LC_", "LANG", "PORTFOLIO_", PYTHONPATH=str(SOURCE), LANG="C.UTF-8")


def make_portfolio(folder: Path) -> tuple[Path, str]:
    """A portfolio with the example projects, and the id of one of them."""
    root = folder / "portfolio"
    subprocess.run(
        [sys.executable, "-m", "portfolio", "init", "--example", str(root)],
        env=environment(),
        check=True,
        capture_output=True,
    )
    names = sorted(path.stem for path in (root / "projects").glob("*.toml"))
    return root, PROJECT if PROJECT in names else names[0]


def merge_sides(root: Path, project: str, folder: Path) -> tuple[Path, Path, Path]:
    """BASE, OURS and THEIRS of one file: each side changed a different field (a clean merge)."""
    text = (root / "projects" / f"{project}.toml").read_text(encoding="utf-8")
    base, ours, theirs = folder / "base.toml", folder / "ours.toml", folder / "theirs.toml"
    base.write_text(text, encoding="utf-8")
    ours.write_text(text.replace('title = "', 'title = "Neu: ', 1), encoding="utf-8")
    theirs.write_text(text + 'notes = "from the other side"\n' if "\nnotes = " not in text else text, encoding="utf-8")
    return base, ours, theirs


def timed(command: list[str], cwd: Path, before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=environment(), capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return elapsed


def commands(root: Path, project: str, sides: tuple[Path, Path, Path]) -> dict[str, tuple[list[str], object]]:
    python = sys.executable
    base, ours, theirs = sides
    ours_copy = ours.with_name("ours-merged.toml")

    def fresh_ours() -> None:  # the driver writes the merge into OURS
        shutil.copyfile(ours, ours_copy)

    driver = [python, "-P", "-m", "portfolio", "merge-driver", "--marker-size", "7"]
    return {
        "--help": ([python, "-m", "portfolio", "--help"], None),
        "show": ([python, "-m", "portfolio", "show", project], None),
        "merge-driver": ([*driver, str(base), str(ours_copy), str(theirs), f"projects/{project}.toml"], fresh_ours),
    }


def measure(repeat: int, folder: Path) -> tuple[list[float], dict[str, list[float]], dict[str, list[float]]]:
    root, project = make_portfolio(folder)
    table = commands(root, project, merge_sides(root, project, folder))
    bare = [sys.executable, "-c", "pass"]
    for command, before in table.values():  # once each, unmeasured: warm the file cache
        timed(command, root, before)
    floors: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in table}
    ratios: dict[str, list[float]] = {name: [] for name in table}
    for _round in range(repeat):
        floor = timed(bare, root)
        floors.append(floor)
        for name, (command, before) in table.items():
            elapsed = timed(command, root, before)
            times[name].append(elapsed)
            ratios[name].append(elapsed / floor)
    return floors, times, ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="paired rounds (default 15)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as folder:
        floors, times, ratios = measure(options.repeat, Path(folder))
    ms = [value * 1000 for value in floors]
    print(
        f"python -c pass: median {statistics.median(ms):.1f} ms (min-max {min(ms):.1f}-{max(ms):.1f}), {len(ms)} rounds"
    )
    missed = []
    for name, goal in GOALS.items():
        spent = [value * 1000 for value in times[name]]
        ratio = statistics.median(ratios[name])
        verdict = "met" if ratio <= goal else "MISSED"
        if ratio > goal:
            missed.append(name)
        print(
            f"portfolio {name}: median {statistics.median(spent):.1f} ms (min-max {min(spent):.1f}-{max(spent):.1f}); "
            f"ratio {ratio:.2f}x (min-max {min(ratios[name]):.2f}-{max(ratios[name]):.2f}); goal {goal:g}x: {verdict}"
        )
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
