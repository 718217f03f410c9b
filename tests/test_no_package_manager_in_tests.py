"""No test installs anything: what the suite needs is installed by .ci/run, visibly, and named in the README.

A test that ran a package manager for chromium as root once hid from CI what the suite depends on and
changed the machine it ran on. Package managers are looked for in every test module's source.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
INSTALLING = re.compile(
    r"\b(apt(?:-get)?|dnf|yum|apk|brew|pip3?|uv|npm|npx|pipx|playwright)\b[\"',\s]+(in" r"stall|add|sync)\b"
)


def installing_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if INSTALLING.search(line)]


def test_the_pattern_finds_an_install_however_it_is_spelled():
    install = "in" + "stall"  # spelled apart, so that no scan of this file takes it for an install
    debian = "apt" + "-get"
    assert installing_lines(f'subprocess.run(["{debian}", "{install}", "-y", "chromium"])')
    assert installing_lines(f"os.system('pip {install} hypothesis')")
    assert installing_lines(f'run("npx playwright {install} chromium")')
    assert not installing_lines("pytest.skip('Chromium is not installed (Debian package chromium)')")


def test_no_test_module_runs_a_package_manager():
    found = {
        path.relative_to(TESTS).as_posix(): lines
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__).resolve() and (lines := installing_lines(path.read_text(encoding="utf-8")))
    }
    assert not found, f"tests that install something (.ci/run installs what the suite needs): {found}"
