"""How fast is ``portfolio check`` against the TOML linters contributors already run?

    python benchmarks/check_speed.py [--count 5000] [--repeat 5] [--check]

Generates ``--count`` projects (benchmarks/generate_projects.py) with the generated JSON Schema,
then, in each of ``--repeat`` rounds, runs as fresh processes over the same files: a bare
``tomllib`` parse, ``portfolio check``, ``taplo check --schema`` (the linter editors run), and, when
installed (``pip install -e '.[bench]'``), ``tombi lint`` and ``check-jsonschema`` with the same
schema. Every tool's exit status is checked: each must find the files valid. Reported per tool:
the median time with its spread (min-max) and the median of the per-round ratios of
``portfolio check`` to it. ``--check`` exits 1 when ``portfolio check`` takes more than 1.0x taplo
(issue 13; the stretch goal is 0.5x) or when taplo is missing.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import as_installed  # noqa: E402
from generate_projects import generate_portfolio  # noqa: E402

from portfolio.domain.json_schema import schema_text  # noqa: E402
from portfolio.domain.vocabulary import load_vocabulary  # noqa: E402

GOAL = 1.0  # portfolio check / taplo check --schema
BARE_PARSE = """
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    tomllib.loads(path.read_bytes().decode("utf-8"))
"""


def tool(name: str) -> str | None:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found if Path(found).exists() else None


def commands(root: Path, schema: Path, files: list[str]) -> dict[str, list[str]]:
    python = sys.executable
    table = {
        "bare tomllib parse": [python, "-c", BARE_PARSE, str(root / "projects")],
        "portfolio check": [python, "-m", "portfolio", "--repo", str(root), "check"],
    }
    if taplo := tool("taplo"):
        table["taplo check --schema"] = [taplo, "check", "--schema", schema.as_uri(), *files]
    if tombi := tool("tombi"):
        (root / "tombi.toml").write_text(
            f'[[schemas]]\npath = "{schema.as_uri()}"\ninclude = ["projects/*.toml"]\n', encoding="utf-8"
        )
        table["tombi lint"] = [tombi, "lint", "--offline", "--quiet", *files]
    if check_jsonschema := tool("check-jsonschema"):
        table["check-jsonschema"] = [check_jsonschema, "--schemafile", str(schema), *files]
    return table


def timed(name: str, command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=as_installed.environment())
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{name} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when the goal is missed")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-bench-") as folder:
        root = generate_portfolio(Path(folder) / "portfolio", options.count)
        schema = root / "schema" / "project.schema.json"
        schema.write_text(schema_text(load_vocabulary(root)), encoding="utf-8")
        files = sorted(str(path.relative_to(root)) for path in (root / "projects").glob("*.toml"))
        table = commands(root, schema, files)
        for name, command in table.items():  # once each, unmeasured: the file cache, byte code
            timed(name, command, root)
        times: dict[str, list[float]] = {name: [] for name in table}
        for _round in range(options.repeat):
            for name, command in table.items():
                times[name].append(timed(name, command, root))
    check = times["portfolio check"]
    print(f"{options.count} project files, {options.repeat} paired rounds, each tool a fresh process")
    for name, spent in times.items():
        ratios = [mine / theirs for mine, theirs in zip(check, spent)]
        print(
            f"  {name:24} median {statistics.median(spent):6.3f} s (min-max {min(spent):.3f}-{max(spent):.3f}); "
            f"portfolio check / it: {statistics.median(ratios):.2f}x (min-max {min(ratios):.2f}-{max(ratios):.2f})"
        )
    if "taplo check --schema" not in times:
        print("taplo is not installed (pip install -e '.[bench]')")
        return 1 if options.check else 0
    ratio = statistics.median(mine / theirs for mine, theirs in zip(check, times["taplo check --schema"]))
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(f"goal: portfolio check at most {GOAL:g}x taplo check --schema (stretch 0.5x): {ratio:.2f}x, {verdict}")
    return 1 if options.check and ratio > GOAL else 0


if __name__ == "__main__":
    sys.exit(main())
