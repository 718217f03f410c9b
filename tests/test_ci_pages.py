"""The CI templates publish the report, the spreadsheets and the open-data catalogue as a static site on main;
their command lines run here for real against a portfolio with history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from history_fixtures import save
from openpyxl import load_workbook
from report_fixtures import example_root  # noqa: F401

REPOSITORY = Path(__file__).resolve().parents[1]
SITE = {"index.html", "portfolio.csv", "portfolio.xlsx", "portfolio.json", "dcat.jsonld"}


def _load(relative: str):
    return yaml.safe_load((REPOSITORY / relative).read_text(encoding="utf-8"))


def _run(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, capture_output=True, text=True, env={**os.environ, "PATH": path, **env}
    )


def _check_site(root: Path, base_url: str) -> None:
    public = root / "public"
    assert {path.name for path in public.iterdir()} == SITE
    page = (public / "index.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "<script" not in page
    csv_text = (public / "portfolio.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("id,title,module,status,") and len(csv_text.splitlines()) > 24
    assert len(json.loads((public / "portfolio.json").read_text(encoding="utf-8"))) == 24
    assert load_workbook(public / "portfolio.xlsx").active.max_row == 25
    catalogue = (public / "dcat.jsonld").read_text(encoding="utf-8")
    assert f'"{base_url}portfolio.csv"' in catalogue and f'"{base_url}index.html"' in catalogue


def test_github_publishes_the_site_from_main_only(example_root):
    workflow = _load(".github/workflows/portfolio.yml")
    job = workflow["jobs"]["pages"]
    assert "push" in job["if"] and "refs/heads/main" in job["if"] and job["needs"] == "check"
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = job["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert (
        uses.index("actions/configure-pages")
        < uses.index("actions/upload-pages-artifact")
        < uses.index("actions/deploy-pages")
    )
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "public"
    build = next(step for step in steps if step.get("id") == "site")
    assert "${{" not in build["run"]  # the base URL reaches the shell as a variable
    save(example_root, "neues-projekt", "Add neues-projekt", when="2026-11-01T10:00:00+01:00")
    done = _run(build["run"], example_root, BASE_URL="https://region.github.io/portfolio")
    assert done.returncode == 0, done.stderr
    _check_site(example_root, "https://region.github.io/portfolio/")


def test_gitlab_publishes_the_site_from_the_default_branch(example_root):
    job = _load(".gitlab-ci.yml")["pages"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert job["artifacts"]["paths"] == ["public"] and job["variables"]["GIT_DEPTH"] == "0"
    save(example_root, "neues-projekt", "Add neues-projekt", when="2026-11-01T10:00:00+01:00")
    done = _run("\n".join(job["script"]), example_root, CI_PAGES_URL="https://region.gitlab.io/portfolio")
    assert done.returncode == 0, done.stderr
    _check_site(example_root, "https://region.gitlab.io/portfolio/")
