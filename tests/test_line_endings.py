"""Windows line endings: git for Windows checks out with CRLF (``core.autocrlf=true``); the same data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from factories import write_project

from portfolio.files.canonical import canonical_text
from portfolio.files.loading import load_project
from portfolio.git.merge_driver import merge_file_bytes


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def crlf_checkout(portfolio_root: Path) -> Path:
    """A committed project checked out again as git for Windows does: with CRLF in the work tree (a
    portfolio whose .gitattributes, older than ``eol=lf``, says nothing about line endings)."""
    (portfolio_root / ".gitattributes").write_text("projects/*.toml merge=portfolio\n", encoding="utf-8")
    git(portfolio_root, "add", ".gitattributes")
    write_project(portfolio_root, "kiosk", title="Kiosk am Markt", summary="Ein Kiosk.")
    git(portfolio_root, "add", "projects/kiosk.toml")
    git(portfolio_root, "commit", "-q", "-m", "Add kiosk")
    git(portfolio_root, "config", "core.autocrlf", "true")
    path = portfolio_root / "projects" / "kiosk.toml"
    path.unlink()
    git(portfolio_root, "checkout", "--", "projects/kiosk.toml")
    assert b"\r\n" in path.read_bytes()
    return path


def test_check_and_fmt_take_a_crlf_checkout_as_valid_and_canonical(run, crlf_checkout):
    check = run("check")
    assert check.exit_code == 0 and "canonical" not in check.output, check.output
    assert run("fmt", "--check").exit_code == 0
    assert git(crlf_checkout.parents[1], "status", "--porcelain") == ""


def test_a_save_keeps_the_files_line_ending_and_commits_the_change(run, crlf_checkout):
    result = run("set", "kiosk", "status=planning")
    assert result.exit_code == 0, result.output
    raw = crlf_checkout.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") and b'status = "planning"' in raw
    root = crlf_checkout.parents[1]
    assert git(root, "status", "--porcelain") == ""
    assert "\r" not in git(root, "show", "HEAD:projects/kiosk.toml")  # the repository holds LF


def test_history_takes_crlf_and_lf_versions_as_the_same_data(run, crlf_checkout):
    assert run("set", "kiosk", "status=planning").exit_code == 0
    log = run("history", "kiosk", "--format", "json")
    assert log.exit_code == 0, log.output
    assert log.output.count('"status"') >= 1


def test_the_merge_driver_takes_crlf_and_lf_versions_as_equal(portfolio_root):
    write_project(portfolio_root, "kiosk", title="Kiosk am Markt")
    project = load_project(portfolio_root, "kiosk").project
    base = canonical_text(project).encode()
    ours = canonical_text(project.model_copy(update={"status": "planning"})).replace("\n", "\r\n").encode()
    theirs = canonical_text(project.model_copy(update={"title": "Kiosk am Rathaus"})).encode()
    merged = merge_file_bytes(base, ours, theirs, "projects/kiosk.toml")
    assert merged.clean, merged.messages
    text = merged.result.decode().replace("\r\n", "\n")
    assert 'status = "planning"' in text and 'title = "Kiosk am Rathaus"' in text
    same = merge_file_bytes(base, base.replace(b"\n", b"\r\n"), base, "projects/kiosk.toml")
    assert same.clean


def test_init_writes_gitattributes_with_lf_for_project_files(portfolio_root):
    lines = (portfolio_root / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "projects/*.toml text eol=lf" in lines
    assert git(portfolio_root, "check-attr", "eol", "--", "projects/x.toml").strip().endswith("eol: lf")
