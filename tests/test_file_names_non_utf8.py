"""A project file whose name is not UTF-8 (Linux allows any bytes): refused by name, shown escaped, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from history_fixtures import commit, project_text, save

BAD_NAME = b"\xff.toml"
SHOWN = "projects/\\xff.toml"


@pytest.fixture
def bad_name_repo(portfolio_root: Path) -> Path:
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    with open(os.fsencode(portfolio_root / "projects") + b"/" + BAD_NAME, "wb") as file:
        file.write(project_text(title="Kaputter Name").encode("utf-8"))
    commit(portfolio_root, "Add a file with a name that is not UTF-8")
    return portfolio_root


def _portfolio(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # strict UTF-8 on stdout/stderr: a lone surrogate in the output is a crash, not silently a raw byte
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict", PYTHONUTF8="0")
    return subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(root), *args], capture_output=True, env=env, check=False
    )


def _text(result: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # strict: raises on bytes that are not UTF-8


@pytest.mark.parametrize("output_format", ["text", "json", "github", "gitlab"])
def test_check_refuses_the_name_and_shows_it_escaped(bad_name_repo: Path, output_format: str) -> None:
    result = _portfolio(bad_name_repo, "check", "--format", output_format)
    out, err = _text(result)
    assert result.returncode == 1, err
    assert "internal error" not in err and "Traceback" not in err
    assert "bad-filename" in out
    if output_format in ("json", "gitlab"):
        paths = json.loads(out)
        found = paths["errors"] if output_format == "json" else paths
        shown = [problem["path"] if output_format == "json" else problem["location"]["path"] for problem in found]
        assert shown == [SHOWN]
    else:
        assert SHOWN in out


def test_report_lists_the_file_escaped(bad_name_repo: Path) -> None:
    # markdown escapes the backslash and the dot of the shown name once more
    for output_format, shown in (("markdown", "projects/\\\\xff\\.toml"), ("html", SHOWN)):
        result = _portfolio(bad_name_repo, "report", "--format", output_format, "--since", "2020-01-01")
        out, err = _text(result)
        assert result.returncode == 0, err
        assert shown in out and "radweg" in out
        assert "Kaputter Name" not in out  # not a project: not among the status moves either
        assert SHOWN in err  # the warning that the file is not counted


def test_every_lone_surrogate_is_shown_escaped_in_every_format() -> None:
    from portfolio.problems import Problem, format_report

    problems = [Problem("projects/\udcff\ud800\x1b.toml", None, None, "bad-filename", "x")]
    for output_format in ("text", "json", "github", "gitlab"):
        shown = format_report(problems, 1, output_format)
        shown.encode("utf-8")  # strict: no lone surrogate is left
        assert "\\xff\\ud800\\x1b" in shown.replace("\\\\", "\\")


def test_list_warns_about_the_file_escaped(bad_name_repo: Path) -> None:
    result = _portfolio(bad_name_repo, "list")
    out, err = _text(result)
    assert result.returncode == 0, err
    assert f"warning: {SHOWN} is not loaded" in err and "radweg" in out
