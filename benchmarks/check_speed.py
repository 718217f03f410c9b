"""How fast is `portfolio check` compared with a bare tomllib parse and with check-jsonschema?

    python benchmarks/check_speed.py [--count 5000] [--repeat 3]

All three run as separate processes over the same generated files, in one run, each repeated;
the best time of each is reported, and the ratios against the bare parse.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_projects import generate_portfolio  # noqa: E402

from portfolio.domain.json_schema import schema_text  # noqa: E402
from portfolio.domain.vocabulary import load_vocabulary  # noqa: E402

BARE_PARSE = """
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    tomllib.loads(path.read_bytes().decode("utf-8"))
"""


def best_time(command: list[str], repeat: int, expect_ok: bool = True) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if expect_ok and result.returncode != 0:
            raise SystemExit(
                f"{command[:3]} failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = generate_portfolio(Path(folder) / "portfolio", arguments.count)
        schema_file = root / "schema" / "project.schema.json"
        schema_file.write_text(schema_text(load_vocabulary(root)), encoding="utf-8")
        files = sorted(str(p) for p in (root / "projects").glob("*.toml"))
        python = sys.executable
        startup = best_time([python, "-c", "pass"], arguments.repeat)
        bare = best_time([python, "-c", BARE_PARSE, str(root / "projects")], arguments.repeat)
        check = best_time([python, "-m", "portfolio", "--repo", str(root), "check"], arguments.repeat)
        jsonschema_tool = shutil.which("check-jsonschema") or str(Path(python).parent / "check-jsonschema")
        if Path(jsonschema_tool).exists():
            other = best_time([jsonschema_tool, "--schemafile", str(schema_file), *files], arguments.repeat)
        else:
            other = None

    print(f"{arguments.count} project files, best of {arguments.repeat} runs, each a fresh process")
    print(f"  python start-up            {startup:7.2f} s")
    print(f"  bare tomllib parse         {bare:7.2f} s   1.00x")
    print(f"  portfolio check            {check:7.2f} s   {check / bare:5.2f}x  (goal: <= 3x)")
    if other is not None:
        print(
            f"  check-jsonschema           {other:7.2f} s   {other / bare:5.2f}x  "
            f"(portfolio check is {other / check:.1f}x faster)"
        )
    else:
        print("  check-jsonschema           not installed (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
