"""Helpers for tests of working together: a bare remote in tmp, clones of it, edits as commits."""

from __future__ import annotations

import socket
import subprocess
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from factories import minimal_project, write_project

from portfolio.cli.app import cli
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.canonical import canonical_text
from portfolio.files.loading import load_project
from portfolio.files.store import save_project
from portfolio.git.merge_setup import configure_driver
from portfolio.git.repository import commit_paths
from portfolio.git.scaffold import init_portfolio

RADWEG = minimal_project(
    title="Radweg Rheine-Mesum",
    status="idea",
    municipalities=["rheine"],
    fields_of_action=["mobilitaet", "umwelt"],
    topics=["radverkehr"],
    milestones=[{"title": "Planung", "due": date(2026, 3, 31)}],
)


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run git in ``root`` (the test's own HOME and identity apply) and return its output."""
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def portfolio(root: Path, *args: str) -> Result:
    """The real CLI, in process, on ``root``."""
    return CliRunner().invoke(cli, ["--repo", str(root), *args], catch_exceptions=False)


def canonical_file(data: dict[str, Any], vocabulary: Any = None) -> str:
    return canonical_text(parse_project(data, vocabulary or load_vocabulary()))


@dataclass
class Network:
    """A bare remote with a portfolio on ``main``, and the clones made of it."""

    base: Path
    remote: Path
    clones: dict[str, Path] = field(default_factory=dict)

    def clone(self, name: str, *, setup: bool = True) -> Path:
        target = self.base / name
        git(self.base, "clone", "--quiet", str(self.remote), str(target))
        if setup:
            configure_driver(target)
        self.clones[name] = target
        return target

    def remote_text(self, project_id: str, ref: str = "main") -> str:
        return git(self.remote, "show", f"{ref}:projects/{project_id}.toml")

    def remote_data(self, project_id: str, ref: str = "main") -> dict[str, Any]:
        return tomllib.loads(self.remote_text(project_id, ref))

    def remote_head(self, ref: str = "main") -> str:
        return git(self.remote, "rev-parse", ref).strip()


def make_network(base: Path, projects: dict[str, dict[str, Any]] | None = None) -> Network:
    """A portfolio (made by ``portfolio init``, so with the merge driver) pushed to a bare remote."""
    base.mkdir(parents=True, exist_ok=True)
    seed = init_portfolio(base / "seed", example=False, commit=True)
    projects = {"radweg": RADWEG} if projects is None else projects
    for project_id, data in projects.items():
        write_project(seed, project_id, canonical_file(data))
    if projects:
        commit_paths(seed, [f"projects/{project_id}.toml" for project_id in projects], "Add the first projects")
    remote = base / "remote.git"
    git(base, "clone", "--quiet", "--bare", str(seed), str(remote))
    return Network(base, remote)


def edit(root: Path, project_id: str, message: str | None = None, **changes: Any) -> str:
    """Change fields of a project (None removes a key) and commit that file; returns the commit."""
    vocabulary = load_vocabulary(root)
    stored = load_project(root, project_id, vocabulary)
    data = stored.project.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    project = parse_project(data, vocabulary)
    save_project(root, project_id, project, expected_fingerprint=stored.fingerprint)
    return commit_paths(root, [stored.path], message or f"Change {', '.join(changes)} of {project_id}")


def local_data(root: Path, project_id: str) -> dict[str, Any]:
    return tomllib.loads((root / "projects" / f"{project_id}.toml").read_text(encoding="utf-8"))


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def repository_state(root: Path) -> tuple[str, str, str, list[str]]:
    """What 'exactly as before' compares: HEAD, branch, porcelain status, and every file's bytes."""
    files = sorted(
        f"{path.relative_to(root).as_posix()}:{path.read_bytes().hex()}"
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts
    )
    return (
        head(root),
        git(root, "symbolic-ref", "--quiet", "HEAD", check=False).strip(),
        git(root, "status", "--porcelain=v1", "--untracked-files=all"),
        files,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def git_daemon(served: Path) -> Iterator[tuple[str, Path]]:
    """``git daemon`` on 127.0.0.1 serving ``served`` (push enabled); yields its base URL and the folder."""
    served.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = subprocess.Popen(
        [
            "git",
            "daemon",
            "--reuseaddr",
            "--listen=127.0.0.1",
            f"--port={port}",
            f"--base-path={served}",
            "--export-all",
            "--enable=receive-pack",
            "--informative-errors",
            str(served),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"git daemon did not start: {process.stderr.read().decode()}") from None
                time.sleep(0.05)
        yield f"git://127.0.0.1:{port}", served
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def daemon_network(tmp_path: Path, url: str, served: Path, names: tuple[str, ...] = ("first", "second")) -> Network:
    """A network whose remote is served by ``git daemon`` at ``url``; its clones cloned over git://."""
    network = make_network(tmp_path / "work")
    git(tmp_path, "clone", "--quiet", "--bare", str(network.remote), str(served / "portfolio.git"))
    network.remote = served / "portfolio.git"
    for name in names:
        clone = tmp_path / name
        git(tmp_path, "clone", "--quiet", f"{url}/portfolio.git", str(clone))
        configure_driver(clone)
        network.clones[name] = clone
    return network


def all_refs(root: Path) -> str:
    """Every ref with its commit (``git for-each-ref``), HEAD included: what "exactly as before" compares too."""
    return git(root, "for-each-ref", "--format=%(refname) %(objectname)") + git(root, "rev-parse", "HEAD")
