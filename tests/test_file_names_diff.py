"""``portfolio diff`` and the review summary: a file whose name is no project id is not a new project.

It is listed as a file that is not a valid project file, with the reason (and escaped, when its
name is not even UTF-8).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from history_fixtures import commit, git, project_text, save, write


def _branch_with_bad_names(root: Path) -> None:
    save(root, "radweg", "Add radweg", title="Radweg-Netz")
    git(root, "switch", "-q", "-c", "feature")
    write(root, "Foo_Bar", title="Großbuchstaben im Namen")
    write(root, "schulen", title="Digitale Schulen")
    commit(root, "Add two files")


def test_diff_lists_a_bad_name_as_no_project_file(run, portfolio_root: Path) -> None:
    _branch_with_bad_names(portfolio_root)
    data = json.loads(run("diff", "main...feature", "--format", "json").stdout)
    assert list(data["added"]) == ["schulen"]
    assert list(data["not_project_files"]) == ["projects/Foo_Bar.toml"]
    assert "not a valid project id" in data["not_project_files"]["projects/Foo_Bar.toml"]

    text = run("diff", "main...feature").stdout
    assert "added    schulen" in text and "added    Foo_Bar" not in text
    assert "not a project file  projects/Foo_Bar.toml: 'Foo_Bar' is not a valid project id" in text

    summary = run("diff", "main...feature", "--format", "markdown").stdout
    new_projects = summary.split("### New projects")[1].split("###")[0]
    assert "schulen" in new_projects and "Foo" not in new_projects
    assert "### Files that are not valid project files" in summary
    assert "`projects/Foo_Bar.toml`" in summary


def test_an_unchanged_bad_name_is_not_listed_again(run, portfolio_root: Path) -> None:
    _branch_with_bad_names(portfolio_root)
    save(portfolio_root, "schulen", "Plan schulen", title="Digitale Schulen", status="planning")
    data = json.loads(run("diff", "HEAD~1..HEAD", "--format", "json").stdout)
    assert "not_project_files" not in data and list(data["changed"]) == ["schulen"]


def test_a_name_that_is_not_utf8_is_shown_escaped_in_the_work_tree_diff(portfolio_root: Path) -> None:
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    with open(os.fsencode(portfolio_root / "projects") + b"/\xff.toml", "wb") as file:
        file.write(project_text(title="Kaputter Name").encode("utf-8"))
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict", PYTHONUTF8="0")
    for output_format in ("text", "json", "markdown"):
        result = subprocess.run(
            [sys.executable, "-m", "portfolio", "--repo", str(portfolio_root), "diff", "--format", output_format],
            capture_output=True,
            env=env,
            check=False,
        )
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
        assert result.returncode == 0, err
        assert "Kaputter" not in out  # not a new project
        if output_format == "json":
            assert list(json.loads(out)["not_project_files"]) == ["projects/\\xff.toml"]
        else:
            assert "xff" in out
