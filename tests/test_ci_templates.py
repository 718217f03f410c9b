"""The CI templates and pre-commit hooks: valid YAML, and their command lines run for real.

The same command lines as in the templates run here against a repository with a bad pull request;
only the install steps are left out (the tool is installed in this test's environment).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from collab_fixtures import edit, git, make_network
from factories import write_project

from portfolio.cli.app import cli

REPOSITORY = Path(__file__).resolve().parents[1]


def _load(relative: str):
    return yaml.safe_load((REPOSITORY / relative).read_text(encoding="utf-8"))


def _workflow_steps() -> dict[str, dict]:
    workflow = _load(".github/workflows/portfolio.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    return {step["id"]: step for step in workflow["jobs"]["check"]["steps"] if "id" in step}


def _gitlab_job() -> dict:
    return _load(".gitlab-ci.yml")["portfolio"]


def _environment(**extra: str) -> dict[str, str]:
    """This test's environment, with the installed tool first on PATH (as after the install step)."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return {**os.environ, "PATH": path, **extra}


def _run(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, capture_output=True, text=True, env=_environment(**env)
    )


@pytest.fixture
def bad_pull_request(tmp_path: Path) -> tuple[Path, str, str]:
    """A clone on a branch that changes one project well and adds a broken one: (root, base, head)."""
    network = make_network(tmp_path)
    root = network.clone("contributor")
    base = git(root, "rev-parse", "HEAD").strip()
    git(root, "switch", "--quiet", "-c", "project/neu")
    edit(root, "radweg", status="concept")
    write_project(
        root,
        "neu",
        'title = "Neues Projekt"\nmodule = 2\nstatus = "idee"\n'
        'municipalities = ["rheine", "atlantis"]\nfields_of_action = ["umwelt"]\n',
    )
    git(root, "add", "projects/neu.toml")
    git(root, "commit", "--quiet", "-m", "Add project neu")
    return root, base, git(root, "rev-parse", "HEAD").strip()


def test_the_templates_are_valid_yaml_with_the_documented_structure():
    steps = _workflow_steps()
    assert steps["check"]["run"] == "portfolio check --format github"
    assert 'portfolio diff "$BASE...$HEAD" --format markdown >> "$GITHUB_STEP_SUMMARY"' == steps["summary"]["run"]
    assert "${{" not in steps["summary"]["run"]  # values reach the shell as variables, never spliced in
    job = _gitlab_job()
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert "portfolio-review.md" in job["artifacts"]["paths"]
    assert any("--format gitlab > gl-code-quality-report.json" in line for line in job["script"])


def test_the_github_check_step_annotates_the_bad_pull_request(bad_pull_request):
    root, _base, _head = bad_pull_request
    done = _run(_workflow_steps()["check"]["run"], root)
    assert done.returncode == 1  # the job fails
    annotations = done.stdout.splitlines()
    assert (
        "::error file=projects/neu.toml,line=3,col=10,title=unknown-status::status: unknown status 'idee'; "
        "did you mean 'idea'? (the known ones are in schema/statuses.toml)" in annotations
    )
    assert any(
        line.startswith("::error file=projects/neu.toml,line=4,col=") and "unknown municipality 'atlantis'" in line
        for line in annotations
    )
    assert all(line.startswith(("::error ", "::warning ")) for line in annotations)
    assert not any("radweg" in line for line in annotations)


def test_the_github_summary_step_writes_the_markdown_diff(bad_pull_request, tmp_path):
    root, base, head = bad_pull_request
    summary = tmp_path / "summary.md"
    done = _run(_workflow_steps()["summary"]["run"], root, BASE=base, HEAD=head, GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Portfolio changes")
    assert "radweg" in text and "`projects/neu.toml`" in text and "unknown status 'idee'" in text


def test_the_gitlab_job_writes_a_code_quality_report(bad_pull_request):
    root, base, head = bad_pull_request
    (check_line,) = [line for line in _gitlab_job()["script"] if line.startswith("portfolio check")]
    done = _run(check_line, root, CI_COMMIT_SHA=head)
    assert done.returncode == 1
    report = json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {issue["check_name"] for issue in report} >= {"unknown-status", "unknown-municipality"}
    status = next(issue for issue in report if issue["check_name"] == "unknown-status")
    assert status["location"] == {"path": "projects/neu.toml", "lines": {"begin": 3}}
    assert status["severity"] == "major" and "unknown status 'idee'" in status["description"]
    assert all(set(issue) == {"description", "check_name", "fingerprint", "severity", "location"} for issue in report)
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    assert all(re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"]) for issue in report)


def test_the_gitlab_job_writes_the_review_summary(bad_pull_request):
    root, base, head = bad_pull_request
    (diff_line,) = [line for line in _gitlab_job()["script"] if "portfolio diff" in line]
    done = _run(diff_line, root, CI_MERGE_REQUEST_DIFF_BASE_SHA=base, CI_COMMIT_SHA=head)
    assert done.returncode == 0, done.stderr
    review = (root / "portfolio-review.md").read_text(encoding="utf-8")
    assert review.startswith("## Portfolio changes") and "radweg" in review and "`projects/neu.toml`" in review


def test_gitlab_fingerprints_stay_when_lines_move_and_differ_for_repeats(tmp_path):
    from portfolio.problems import Problem, format_gitlab

    first = json.loads(
        format_gitlab(
            [
                Problem("projects/a.toml", 3, 1, "comment", "comments are not kept", "warning"),
                Problem("projects/a.toml", 7, 1, "comment", "comments are not kept", "warning"),
            ]
        )
    )
    moved = json.loads(
        format_gitlab(
            [
                Problem("projects/a.toml", 5, 1, "comment", "comments are not kept", "warning"),
                Problem("projects/a.toml", 9, 1, "comment", "comments are not kept", "warning"),
            ]
        )
    )
    assert [issue["fingerprint"] for issue in first] == [issue["fingerprint"] for issue in moved]
    assert first[0]["fingerprint"] != first[1]["fingerprint"]
    assert first[0]["severity"] == "minor"
    assert json.loads(format_gitlab([Problem("schema/x.json", None, None, "schema-outdated", "old")]))[0][
        "location"
    ] == {"path": "schema/x.json", "lines": {"begin": 1}}


def test_the_pre_commit_hooks_run_the_real_commands(tmp_path):
    hooks = {hook["id"]: hook for hook in _load(".pre-commit-hooks.yaml")}
    assert set(hooks) == {"portfolio-check", "portfolio-fmt"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language", "files"} <= set(hook) and hook["language"] == "python"
        program, command = shlex.split(hook["entry"])[:2]
        assert program == "portfolio" and command in cli.list_commands(None)
        assert re.search(hook["files"], "projects/radweg.toml") and not re.search(hook["files"], "README.md")
    pyproject = (REPOSITORY / "pyproject.toml").read_text(encoding="utf-8")
    assert 'portfolio = "portfolio.cli.entry:main"' in pyproject  # language: python installs this repository

    network = make_network(tmp_path)
    root = network.clone("a")
    path = root / "projects" / "radweg.toml"
    canonical = path.read_text(encoding="utf-8")
    path.write_text(
        canonical.replace('    "rheine",\n]', '"rheine"]').replace("municipalities = [\n", "municipalities = [")
    )
    fmt = _run(hooks["portfolio-fmt"]["entry"], root)
    assert fmt.returncode == 0 and "reformatted projects/radweg.toml" in fmt.stdout
    assert path.read_text(encoding="utf-8") == canonical  # pre-commit sees the change and stops the commit
    assert _run(hooks["portfolio-check"]["entry"], root).returncode == 0
    write_project(root, "kaputt", 'title = "Kaputt"\nmodule = 7\n')
    check = _run(hooks["portfolio-check"]["entry"], root)
    assert check.returncode == 1 and "projects/kaputt.toml" in check.stdout
