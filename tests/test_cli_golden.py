"""The CLI's output on the bundled portfolio stays byte for byte what it was (golden files).

Each line of ``tests/golden/commands.txt`` is a command run as a user runs it (a new process,
output into a pipe); its standard output, standard error and exit code are compared with
``tests/golden/cli/<name>.txt``. ``python tests/test_cli_golden.py --write`` records them anew
after an intended change (of the output or of the bundled projects).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent
GOLDEN = SOURCE / "tests" / "golden"


def _commands() -> list[tuple[str, list[str]]]:
    commands = []
    for line in (GOLDEN / "commands.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, *args = shlex.split(line)
            commands.append((name, args))
    return commands


RECORDED_ON = 1796126400  # 2026-12-01 12:00 UTC: the outputs were recorded as of that day


def _run(args: list[str], home: Path) -> bytes:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("PORTFOLIO_", "GIT_", "LC_", "LANG"))
    }
    environment.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        TZ="Europe/Berlin",
        COLUMNS="200",
        SOURCE_DATE_EPOCH=str(RECORDED_ON),  # the day reports and catalogues are "as of"
    )
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(home / "portfolio"), *args],
        capture_output=True,
        env=environment,
        cwd=home,
        timeout=120,
    )
    return b"exit %d\n" % result.returncode + result.stdout + b"\n-- stderr --\n" + result.stderr


def _bundled_clone(home: Path) -> None:
    """A clone of this repository at the last commit that changed the portfolio's data.

    The clone keeps the history cache out of this checkout; stopping at the data's last commit keeps
    commits of code (whose dates move the report's last period) out of the output.
    """
    (home / ".gitconfig").write_text("[user]\n\tname = Golden\n\temail = golden@example.org\n", encoding="utf-8")
    environment = {**os.environ, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig")}
    clone = home / "portfolio"
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(SOURCE), str(clone)], check=True, env=environment)
    last = subprocess.run(
        ["git", "log", "-1", "--format=%H", "--", "projects", "schema"],
        cwd=clone,
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout.strip()
    subprocess.run(["git", "reset", "--quiet", "--hard", last], cwd=clone, check=True, env=environment)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("golden-home")
    _bundled_clone(home)
    return home


def _shallow() -> bool:
    result = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=SOURCE, capture_output=True, text=True)
    return result.stdout.strip() != "false"


@pytest.mark.skipif(_shallow(), reason="the bundled portfolio's history needs a full clone")
@pytest.mark.parametrize("name,args", _commands(), ids=[name for name, _args in _commands()])
def test_output_is_unchanged(clone: Path, name: str, args: list[str]) -> None:
    expected = (GOLDEN / "cli" / f"{name}.txt").read_bytes()
    assert _run(args, clone) == expected, (
        f"portfolio {shlex.join(args)}: output differs from tests/golden/cli/{name}.txt"
    )


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        _bundled_clone(home)
        (GOLDEN / "cli").mkdir(exist_ok=True)
        for name, args in _commands():
            (GOLDEN / "cli" / f"{name}.txt").write_bytes(_run(args, home))
            print("wrote", name)
