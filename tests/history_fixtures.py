"""Building portfolio histories for the history tests: real commits made by git itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import tomli_w
from factories import minimal_project

from portfolio.history.engine import compute
from portfolio.history.views import History

AUTHORS = {
    "anna": ("Anna Albers", "anna@example.org"),
    "bernd": ("Bernd Brandt", "bernd@example.org"),
    "cem": ("Cem Çelik", "cem@example.org"),
}


def git(
    root: Path, *args: str, author: str = "anna", when: str = "2026-01-05T10:00:00+01:00", check: bool = True
) -> str:
    name, email = AUTHORS[author]
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME=name,
        GIT_AUTHOR_EMAIL=email,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_NAME=name,
        GIT_COMMITTER_EMAIL=email,
        GIT_COMMITTER_DATE=when,
    )
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout.strip()


def project_text(**fields: Any) -> str:
    return tomli_w.dumps(minimal_project(**fields), multiline_strings=True)


def write(root: Path, project_id: str, text: str | None = None, **fields: Any) -> Path:
    path = root / "projects" / f"{project_id}.toml"
    path.write_text(project_text(**fields) if text is None else text, encoding="utf-8")
    return path


def commit(root: Path, message: str, *, author: str = "anna", when: str = "2026-01-05T10:00:00+01:00") -> str:
    git(root, "add", "-A", "projects", author=author, when=when)
    git(root, "commit", "-q", "--allow-empty", "-m", message, author=author, when=when)
    return git(root, "rev-parse", "HEAD")


def save(
    root: Path,
    project_id: str,
    message: str,
    *,
    author: str = "anna",
    when: str = "2026-01-05T10:00:00+01:00",
    text: str | None = None,
    **fields: Any,
) -> str:
    """Write one project file and commit it; returns the commit sha."""
    write(root, project_id, text, **fields)
    return commit(root, message, author=author, when=when)


def events_of(root: Path, **options) -> list[dict]:
    """Every event the engine computes, as JSON (options as for engine.compute)."""
    return [event.to_json(with_id=True) for event in History(compute(root, **options)).events]


def fresh_events(root: Path) -> list[dict]:
    """The events computed without the cache."""
    return events_of(root, use_cache=False)


def rebase_feature_onto_new_main(repo: Path) -> list[dict]:
    """Cache the events on a feature branch, then rebase it onto new work on main.

    Returns the events as they were cached before the rebase (which rewrote the branch's history).
    """
    git(repo, "switch", "-q", "-c", "feature")
    save(repo, "schulen", "Add schulen", author="cem", title="Digitale Schulen")
    cached = events_of(repo)
    git(repo, "switch", "-q", "main")
    save(repo, "radweg", "Build radweg", title="Radweg-Netz", status="implementation")
    git(repo, "switch", "-q", "feature")
    git(repo, "rebase", "-q", "main")
    return cached


def drop_commit_graph(root: Path) -> None:
    """No commit-graph (``portfolio init`` writes one), as a clone from a server starts (a local
    clone copies its origin's)."""
    info = root / ".git" / "objects" / "info"
    (info / "commit-graph").unlink(missing_ok=True)
    shutil.rmtree(info / "commit-graphs", ignore_errors=True)
