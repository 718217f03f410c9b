"""A project file written as a contributor types it, and where ``portfolio check`` reports its problems."""

from __future__ import annotations

import json
from pathlib import Path

from cli_run import CliRun
from history_fixtures import commit

HEAD = """title = "Digitale Bürgerdienste"
module = 2
status = "idea"
municipalities = [
    "rheine",
]
fields_of_action = [
    "verwaltung",
]
"""


def write_file(root: Path, project_id: str, rest: str) -> str:
    """``projects/<project_id>.toml``: a minimal valid project, then ``rest``; its text."""
    text = HEAD + rest
    (root / "projects" / f"{project_id}.toml").write_text(text, encoding="utf-8")
    return text


def committed_file(root: Path, project_id: str, rest: str = "") -> str:
    """``write_file``, committed (a change by ``set`` or the form refuses an uncommitted file)."""
    text = write_file(root, project_id, rest)
    commit(root, f"Add {project_id}")
    return text


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the ``occurrence``-th ``needle`` in ``text``, both from 1."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def check_errors(run: CliRun, *, strict: bool = False) -> list[dict]:
    """The errors ``portfolio check --format json`` reports (it exits 1 when there are any)."""
    result = run("check", "--format", "json", *(["--strict"] if strict else []))
    report = json.loads(result.stdout)
    assert result.exit_code == (1 if report["errors"] else 0), result.output
    return report["errors"]


def errors_of(run: CliRun, project_id: str, code: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each error ``code`` in ``projects/<project_id>.toml``."""
    return [
        (error["line"], error["column"], error["message"])
        for error in check_errors(run)
        if error["path"] == f"projects/{project_id}.toml" and error["code"] == code
    ]
