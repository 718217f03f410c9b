"""A full disk or a read-only file system is said as such (exit 2), never as a bug or another git's lock.

Tests may run as root, where a read-only folder (chmod) does not stop a write: the operating system's
refusal is made by replacing the os function that meets it.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import git
import pytest
from factories import write_project

from portfolio.git.repository import _git_failure


@pytest.fixture
def kiosk(portfolio_root: Path) -> Path:
    path = write_project(portfolio_root, "kiosk", title="Kiosk am Markt")
    subprocess.run(["git", "-C", str(portfolio_root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(portfolio_root), "commit", "-q", "-m", "Add kiosk"], check=True)
    return path


def refuse(monkeypatch: pytest.MonkeyPatch, name: str, number: int) -> None:
    real = getattr(os, name)

    def refused(*args, **kwargs):
        if any(".tmp" in str(arg) for arg in args):  # a save's temp file: the disk refuses it
            raise OSError(number, os.strerror(number), str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, refused)


@pytest.mark.parametrize(
    ("name", "number", "reason"),
    [
        ("open", errno.ENOSPC, "the disk is full"),
        ("replace", errno.ENOSPC, "the disk is full"),
        ("open", errno.EROFS, "the file system is read-only"),
        ("open", errno.EACCES, "permission denied"),
        ("open", errno.EDQUOT, "the disk quota is exceeded"),
    ],
)
def test_a_save_the_disk_refuses_says_why_and_which_file(run, kiosk, monkeypatch, name, number, reason):
    before = kiosk.read_bytes()
    refuse(monkeypatch, name, number)
    result = run("set", "kiosk", "status=planning")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: cannot write projects/kiosk.toml: {reason}"
    assert kiosk.read_bytes() == before


def test_the_message_is_in_the_users_language(run, kiosk, monkeypatch):
    refuse(monkeypatch, "open", errno.ENOSPC)
    result = run("--lang", "de", "set", "kiosk", "status=planning")
    assert result.exit_code == 2 and "der Datenträger ist voll" in result.stderr


def test_the_ui_shows_the_same_message_as_the_command_line(portfolio_root, kiosk, monkeypatch):
    from portfolio.files.loading import load_project
    from tui.saving import save_outcome

    loaded = load_project(portfolio_root, "kiosk")
    refuse(monkeypatch, "replace", errno.ENOSPC)
    changed = loaded.project.model_copy(update={"status": "planning"})
    outcome = save_outcome(portfolio_root, "kiosk", changed, loaded, "Plan kiosk")
    assert outcome.reason == "cannot write projects/kiosk.toml: the disk is full"


def test_an_os_error_elsewhere_in_a_command_is_no_internal_error(run, kiosk, monkeypatch, tmp_path):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "out.csv"))

    monkeypatch.setattr("portfolio.files.output_file.write_output", full)
    result = run("export", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert result.stderr.strip() == f"error: {tmp_path / 'out.csv'}: the disk is full"


def test_a_disk_full_git_failure_is_not_reported_as_another_gits_index_lock(tmp_path):
    lock = tmp_path / ".git" / "index.lock"
    full = git.GitCommandError(["git", "add"], 128, f"fatal: Unable to create '{lock}': No space left on device")
    message = _git_failure(full).message
    assert "the disk is full" in message and "another git process" not in message
    held = git.GitCommandError(["git", "add"], 128, f"fatal: Unable to create '{lock}': File exists.")
    assert "another git process holds the index lock" in _git_failure(held).message
