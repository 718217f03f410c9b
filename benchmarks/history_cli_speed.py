"""History as the user gets it: whole ``portfolio log`` / ``history`` processes against git's floor.

    python benchmarks/history_cli_speed.py [--projects 1000 --commits 10000 | --repo PATH]
                                           [--rounds 5] [--only log|history] [--check]

Every measurement is a new process whose output goes into a pipe that this script reads to the
end (as ``portfolio log | less`` would), timed from its start to its exit. Each round runs, paired:

- floor:         ``git log --raw -z --no-abbrev -- projects/``
- log json cold: ``python -m portfolio log --format json``, the cache (``.git/portfolio/``) removed
- log json warm: the same again, the cache at HEAD
- log text cold / warm: the same with the text output
- log | head:    warm ``portfolio log``, the time until its first 20 lines have arrived on the pipe;
  then the pipe is closed (as ``head`` does), and the process must end quietly (no traceback).
  These words were not asked before in the round: the answer comes through the command line (the
  warm runs above are answered before it, portfolio.cli.quick_answer)
- follow:        ``git log --follow -- projects/ID.toml`` (ID: the project with the most commits)
- history json/text cold and warm, history | head: the same for ``portfolio history ID`` (cold, with
  no cache, it reads that project's commits alone: portfolio.history.one_project)

All of it in the repository as ``portfolio setup`` leaves a clone (a copy of the generated one,
``...-setup``, with git's commit-graph with changed paths), where the goals are checked; and
follow and history cold once more in the repository as cloned, before ``portfolio setup`` (no
commit-graph), shown for comparison and not checked.

Reported per measurement: the median time, and the median of the per-round ratios to its baseline
(cold to git's command of the same round, warm to cold of the same round) with their spread
(min-max). ``--check`` exits 1 when a median misses its goal (issue 13, goal 3: cold at most 1.5x
git's floor, warm at most 0.1x cold, the first lines within 0.3 s warm). Byte code is written and
read (``PYTHONDONTWRITEBYTECODE`` dropped; an unmeasured first round writes it), the language is the
portfolio's own. A generated repository is kept in ``benchmarks/.data/``.
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

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent
sys.path.insert(0, str(HERE))

import as_installed  # noqa: E402
from generate_history import generate  # noqa: E402

HEAD_LINES = 20
COLD_GOAL, WARM_GOAL, HEAD_GOAL = 1.5, 0.1, 0.3


def environment() -> dict[str, str]:
    """This source tree on the path, byte code written and read (as an installed package has it)."""
    return as_installed.environment(PYTHONPATH=str(SOURCE))


def drop_cache(root: Path) -> None:
    shutil.rmtree(root / ".git" / "portfolio", ignore_errors=True)


def timed(command: list[str], root: Path) -> float:
    """Seconds from the start of ``command`` to its exit, its output read from a pipe to the end."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=root, env=environment(), stdout=subprocess.PIPE, stderr=errors)
        while child.stdout.read(1 << 16):
            pass
        child.stdout.close()
        code = child.wait()
        seconds = time.perf_counter() - start
        if code != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed ({code}): {errors.read().decode(errors='replace')}")
    return seconds


def first_lines(command: list[str], root: Path) -> float:
    """Seconds until the first HEAD_LINES lines of ``command`` arrived; then the pipe is closed like
    ``head`` closes it, and the process must end without a traceback."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=root, env=environment(), stdout=subprocess.PIPE, stderr=errors)
        seen = 0
        while seen < HEAD_LINES:
            chunk = child.stdout.read1(1 << 16)
            if not chunk:
                break
            seen += chunk.count(b"\n")
        seconds = time.perf_counter() - start
        child.stdout.close()
        child.wait()
        errors.seek(0)
        said = errors.read().decode(errors="replace")
        if "Traceback" in said or "Error" in said:
            sys.exit(f"{' '.join(command)} did not end quietly when its pipe was closed:\n{said}")
    return seconds


def portfolio(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "portfolio", *arguments]


def busiest_project(root: Path) -> str:
    """The project (still present) that the most commits touched."""
    out = subprocess.run(
        ["git", "log", "--format=", "--name-only", "--", "projects/"], cwd=root, check=True, capture_output=True
    ).stdout.decode()
    counts: dict[str, int] = {}
    for line in out.splitlines():
        if line.endswith(".toml") and (root / line).exists():
            counts[line] = counts.get(line, 0) + 1
    return Path(max(sorted(counts), key=counts.get)).stem


def log_round(root: Path) -> dict[str, float]:
    times = {"floor": timed(["git", "log", "--raw", "-z", "--no-abbrev", "--", "projects/"], root)}
    for output in ("json", "text"):
        drop_cache(root)
        times[f"log {output} cold"] = timed(portfolio("log", "--format", output), root)
        times[f"log {output} warm"] = timed(portfolio("log", "--format", output), root)
    times["log, first lines"] = first_lines(portfolio("log"), root)
    return times


def history_round(root: Path, project: str) -> dict[str, float]:
    times = {"follow": timed(["git", "log", "--follow", "--", f"projects/{project}.toml"], root)}
    for output in ("json", "text"):
        drop_cache(root)
        times[f"history {output} cold"] = timed(portfolio("history", project, "--format", output), root)
        times[f"history {output} warm"] = timed(portfolio("history", project, "--format", output), root)
    times["history, first lines"] = first_lines(portfolio("history", project), root)
    return times


def history_before_setup_round(root: Path, project: str) -> dict[str, float]:
    times = {NOT_SET_UP + "follow": timed(["git", "log", "--follow", "--", f"projects/{project}.toml"], root)}
    for output in ("json", "text"):
        drop_cache(root)
        times[f"{NOT_SET_UP}history {output} cold"] = timed(portfolio("history", project, "--format", output), root)
    return times


def set_up_copy(root: Path, data: Path) -> Path:
    """A copy of the repository at ``root`` in ``data`` as ``portfolio setup`` leaves a clone (made
    again when the repository's HEAD is not the copy's)."""
    target = data.resolve() / (root.name + "-setup")

    def head(repository: Path) -> str:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repository, capture_output=True, text=True).stdout

    if not target.exists() or head(target) != head(root):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root, target, symlinks=True)
        info = target / ".git" / "objects" / "info"
        (info / "commit-graph").unlink(missing_ok=True)
        shutil.rmtree(info / "commit-graphs", ignore_errors=True)
        subprocess.run(portfolio("setup", "--no-commit"), cwd=target, env=environment(), check=True)
    return target


# The rows measured in the repository before ``portfolio setup`` start with this.
NOT_SET_UP = "before setup: "
# measurement -> (its baseline in the same round or None for an absolute time, the goal)
GOALS: dict[str, tuple[str | None, float]] = {
    "floor": ("floor", 1.0),
    "log json cold": ("floor", COLD_GOAL),
    "log json warm": ("log json cold", WARM_GOAL),
    "log text cold": ("floor", COLD_GOAL),
    "log text warm": ("log text cold", WARM_GOAL),
    "log, first lines": (None, HEAD_GOAL),
    "follow": ("follow", 1.0),
    "history json cold": ("follow", COLD_GOAL),
    "history json warm": ("history json cold", WARM_GOAL),
    "history text cold": ("follow", COLD_GOAL),
    "history text warm": ("history text cold", WARM_GOAL),
    "history, first lines": (None, HEAD_GOAL),
}
GOALS |= {
    NOT_SET_UP + name: (NOT_SET_UP + baseline, goal)
    for name, (baseline, goal) in GOALS.items()
    if name in ("follow", "history json cold", "history text cold")
}


def report(rounds: list[dict[str, float]]) -> bool:
    """Prints the Markdown table; whether every goal is met."""
    met = True
    print("| measurement | median s (min-max) | ratio: median (min-max) | goal |\n|---|---:|---:|---|")
    for name in rounds[0]:
        baseline, goal = GOALS[name]
        seconds = [one[name] for one in rounds]
        ratios = [one[name] / one[baseline] for one in rounds] if baseline else seconds
        value = statistics.median(ratios)
        spread = f"{statistics.median(seconds):.3f} ({min(seconds):.3f}-{max(seconds):.3f})"
        if baseline == name:
            print(f"| {name} | {spread} | 1.00x | baseline |")
            continue
        ok = value <= goal
        checked = not name.startswith(NOT_SET_UP)
        met = met and (ok or not checked)
        verdict = ("met" if ok else "MISSED") if checked else ("would be met" if ok else "not met") + ", not checked"
        if baseline is None:
            print(f"| {name} | {spread} | - | first {HEAD_LINES} lines within {goal} s: {verdict} |")
        else:
            shown = f"{value:.3f}x ({min(ratios):.3f}-{max(ratios):.3f})"
            print(f"| {name} | {spread} | {shown} | at most {goal}x {baseline}: {verdict} |")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repo", type=Path, help="measure this repository (default: a generated one)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", choices=("log", "history"), help="measure only these commands")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    arguments = parser.parse_args()
    root = arguments.repo or arguments.data / f"history-{arguments.projects}x{arguments.commits}-s{arguments.seed}"
    if not root.exists():
        start = time.perf_counter()
        generate(root, arguments.projects, arguments.commits, arguments.seed)
        print(f"generated {root} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    cloned = root.resolve()
    root = set_up_copy(cloned, arguments.data)
    project = busiest_project(root)
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()

    def one_round() -> dict[str, float]:
        times: dict[str, float] = {}
        if arguments.only in (None, "log"):
            times |= log_round(root)
        if arguments.only in (None, "history"):
            times |= history_round(root, project)
            times |= history_before_setup_round(cloned, project)
        return times

    one_round()  # unmeasured: writes the byte code, reads the repository into the page cache
    rounds = []
    for number in range(arguments.rounds):
        rounds.append(one_round())
        print(f"round {number + 1}/{arguments.rounds} done", file=sys.stderr)
    print(
        f"### {cloned.name}: {commits} commits, median of {arguments.rounds} paired rounds; history of {project};"
        f" set up as `portfolio setup` leaves a clone (rows '{NOT_SET_UP}...': as cloned)\n"
    )
    met = report(rounds)
    if arguments.check and not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
