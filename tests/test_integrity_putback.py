"""A change git refuses leaves the files and the index as they were, and the next try commits it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from factories import write_project

KIOSK = (
    b"# Kiosk: a comment, a blank line and keys in the order we like\n\n"
    b'status = "idea"\ntitle = "Kiosk am Markt"\nmodule = 2\n'
    b'municipalities = ["rheine"]\nfields_of_action = ["wirtschaft"]\n'
)
SHEET_HEADER = (
    "id,title,module,status,municipalities,fields_of_action,summary,description,priority,lead,contact,"
    "partners,topics,start,end,budget_eur,funding,milestones,kpis,measurements,decisions,sdgs,adopted_from,links,"
    "depends_on,notes"
)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def refusing_hook(root: Path) -> Path:
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    return hook


def test_a_refused_import_puts_back_the_original_bytes_with_comments_and_layout(run, portfolio_root, tmp_path):
    kiosk = portfolio_root / "projects" / "kiosk.toml"
    kiosk.write_bytes(KIOSK)
    git(portfolio_root, "add", "projects/kiosk.toml")
    git(portfolio_root, "commit", "-q", "-m", "Add kiosk")
    empty = "," * (SHEET_HEADER.count(",") - 5)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        f"{SHEET_HEADER}\nkiosk,Kiosk am Markt,2,planning,rheine,wirtschaft{empty}\n"
        f"neu-am-markt,Neu am Markt,2,idea,rheine,wirtschaft{empty}\n",
        encoding="utf-8",
    )
    hook = refusing_hook(portfolio_root)
    refused = run("import", str(sheet), "--yes")
    assert refused.exit_code == 2 and "refused by the hook" in refused.stderr
    assert kiosk.read_bytes() == KIOSK
    assert not (portfolio_root / "projects" / "neu-am-markt.toml").exists()
    assert git(portfolio_root, "status", "--porcelain", "--untracked-files=all") == ""
    hook.unlink()
    imported = run("import", str(sheet), "--yes")
    assert imported.exit_code == 0 and "imported 2 projects" in imported.stdout


def test_a_set_whose_commit_meets_an_index_lock_is_committed_by_the_retry(run, portfolio_root, monkeypatch):
    import portfolio.changes.commit as primitive

    kiosk = write_project(portfolio_root, "kiosk", title="Kiosk am Markt")
    git(portfolio_root, "add", "projects/kiosk.toml")
    git(portfolio_root, "commit", "-q", "-m", "Add kiosk")
    before = kiosk.read_bytes()
    lock = portfolio_root / ".git" / "index.lock"
    real_save = primitive.save_project

    def save_then_another_git_starts(*args, **kwargs):
        saved = real_save(*args, **kwargs)
        lock.write_text("")
        return saved

    monkeypatch.setattr(primitive, "save_project", save_then_another_git_starts)
    failed = run("set", "kiosk", "status=planning")
    assert failed.exit_code == 2 and "another git process" in failed.stderr
    assert kiosk.read_bytes() == before
    monkeypatch.setattr(primitive, "save_project", real_save)
    lock.unlink()
    retried = run("set", "kiosk", "status=planning")
    assert retried.exit_code == 0, retried.stderr
    assert "nothing to change" not in retried.output
    assert git(portfolio_root, "status", "--porcelain", "--untracked-files=all") == ""
    assert 'status = "planning"' in git(portfolio_root, "show", "HEAD:projects/kiosk.toml")
