"""One change, three faces: ``portfolio set``, the UI's form and ``import`` go through the same change
function, so they refuse the same invalid change with the same message and write nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from textual.widgets import Input, Static
from tui_helpers import highlight, settle

from portfolio.cli.app import cli
from tui.app import create_app

PROJECT = "buergerdienste"
MISSING_DEPENDENCY = "depends_on[0]: no project 'gibt-es-nicht' (projects/gibt-es-nicht.toml does not exist)"
DATES_REVERSED = "end 2026-01-31 is before start 2026-06-01"
UNCOMMITTED = (
    f"projects/{PROJECT}.toml has uncommitted changes; commit or discard them first, then make the change again"
)

# The same change as each face takes it: field name -> text.
INVALID_CHANGES = {
    "dependency on a missing project": ({"depends_on": "gibt-es-nicht"}, MISSING_DEPENDENCY),
    "end before start": ({"start": "2026-06-01", "end": "2026-01-31"}, DATES_REVERSED),
}


def _state(root: Path) -> tuple:
    """Everything a refused change must leave as it was: the files' bytes, HEAD, the index, git status."""
    repo = git.Repo(root)
    try:
        files = {path.name: path.read_bytes() for path in sorted((root / "projects").iterdir())}
        return files, repo.head.commit.hexsha, repo.git.ls_files("--stage"), repo.git.status("--porcelain")
    finally:
        repo.close()


def _cli(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--repo", str(root), *args], catch_exceptions=False)


def through_set(root: Path, change: dict[str, str]) -> str:
    result = _cli(root, "set", PROJECT, *(f"{name}={text}" for name, text in change.items()))
    assert result.exit_code != 0
    return result.stderr


async def through_the_form(root: Path, change: dict[str, str]) -> str:
    app = create_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, PROJECT)
        await pilot.press("e")
        form = app.screen
        for name, text in change.items():
            form.query_one(f"#field-{name.replace('_', '-')}", Input).value = text
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused: the form stays open
        shown = [str(notification.message) for notification in app._notifications]
        shown += [str(label.content) for label in form.query(".field-error") if isinstance(label, Static)]
        return "\n".join(shown)


def through_import(root: Path, tmp_path: Path, change: dict[str, str]) -> str:
    sheet = tmp_path / "sheet.csv"
    assert _cli(root, "export", "--plain", "-o", str(sheet)).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8"), newline="")))
    row = next(row for row in rows if row[0] == PROJECT)
    for name, text in change.items():
        row[rows[0].index(name)] = text
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    result = _cli(root, "import", str(sheet), "--yes")
    assert result.exit_code != 0
    return result.output


@pytest.mark.parametrize("change, message", INVALID_CHANGES.values(), ids=INVALID_CHANGES.keys())
async def test_set_the_form_and_import_refuse_the_same_change_with_the_same_message(
    tui_repo, tmp_path, change, message
):
    before = _state(tui_repo)
    refusals = {
        "set": through_set(tui_repo, change),
        "form": await through_the_form(tui_repo, change),
        "import": through_import(tui_repo, tmp_path, change),
    }
    for face, output in refusals.items():
        assert message in output, f"{face} said: {output}"
    assert _state(tui_repo) == before  # nothing written, nothing committed, the index untouched


async def test_a_file_with_uncommitted_edits_is_refused_alike_by_set_the_status_picker_and_import(tui_repo, tmp_path):
    """One policy: a commit holds what its message says, never someone's unfinished edit of the file."""
    path = tui_repo / "projects" / f"{PROJECT}.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Digitale Bürgerdienste", "Bürgerdienste (Entwurf)"), encoding="utf-8"
    )
    before = _state(tui_repo)
    refusals = {
        "set": through_set(tui_repo, {"status": "concept"}),
        "import": through_import(tui_repo, tmp_path, {"status": "concept"}),
    }
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await highlight(pilot, PROJECT)
        await pilot.press("s")
        await pilot.press("2")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "status-picker"
        refusals["status picker"] = "\n".join(str(notification.message) for notification in app._notifications)
    for face, output in refusals.items():
        assert UNCOMMITTED in output, f"{face} said: {output}"
    assert _state(tui_repo) == before
    written = _cli(tui_repo, "set", PROJECT, "status=concept", "--no-commit")  # writing without a commit is fine
    assert written.exit_code == 0 and "(not committed)" in written.output
    assert 'status = "concept"' in path.read_text(encoding="utf-8") and "(Entwurf)" in path.read_text(encoding="utf-8")
