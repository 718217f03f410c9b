"""The history commands of the CLI: history, log, diff, blame, timeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from history_fixtures import commit, git, save, write


@pytest.fixture
def repo(portfolio_root: Path) -> Path:
    root = portfolio_root
    save(root, "radweg", "Add radweg", author="anna", when="2026-01-05T10:00:00+01:00", title="Radweg-Netz")
    save(
        root,
        "radweg",
        "Plan radweg",
        author="bernd",
        when="2026-02-03T10:00:00+01:00",
        title="Radweg-Netz",
        status="planning",
    )
    save(
        root,
        "schulen",
        "Add schulen",
        author="cem",
        when="2026-02-04T10:00:00+01:00",
        title="Digitale Schulen",
        municipalities=["greven"],
        fields_of_action=["menschen"],
    )
    return root


def test_history_json_follows_the_contract(run, repo):
    result = run("history", "radweg", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "radweg" and [e["subject"] for e in data["events"]] == ["Plan radweg", "Add radweg"]
    event = data["events"][0]
    assert set(event) == {
        "commit",
        "author",
        "email",
        "date",
        "subject",
        "kind",
        "changes",
        "invalid",
        "merged_in",
        "path",
        "old_path",
    }
    assert event["changes"] == {"status": ["idea", "planning"]} and event["date"] == "2026-02-03T10:00:00+01:00"
    assert data["events"][1]["changes"]["title"] == [None, "Radweg-Netz"]
    reverse = json.loads(run("history", "radweg", "--format", "json", "--reverse").output)
    assert [e["subject"] for e in reverse["events"]] == ["Add radweg", "Plan radweg"]


def test_history_text_shows_status_moves_and_escapes_control_characters(run, repo):
    save(repo, "radweg", "Evil \x1b[31mred\x1b[0m subject", title="Radweg-Netz", status="implementation")
    result = run("history", "radweg")
    assert result.exit_code == 0
    assert "    Status: Planning -> Implementation" in result.output
    assert "\x1b" not in result.output and "\\x1b[31mred" in result.output


def test_an_id_that_never_existed_is_exit_1_and_a_bad_revision_exit_2(run, repo):
    result = run("history", "nie-da-gewesen")
    assert result.exit_code == 1 and "nie-da-gewesen" in result.output
    result = run("blame", "nie-da-gewesen")
    assert result.exit_code == 1
    result = run("diff", "no-such-rev..HEAD")
    assert result.exit_code == 2 and "unknown revision" in result.output
    result = run("diff", "--", "--all..HEAD")  # an option-like revision is a revision, never an option
    assert result.exit_code == 2 and "unknown revision '--all'" in result.output
    result = run("log", "--status", "fertig")
    assert result.exit_code == 2 and "--status" in result.output


def test_log_filters_on_the_values_at_the_time_of_the_event(run, repo):
    events = json.loads(run("log", "--format", "json").output)
    assert [(e["id"], e["subject"]) for e in events] == [
        ("schulen", "Add schulen"),
        ("radweg", "Plan radweg"),
        ("radweg", "Add radweg"),
    ]
    idea = json.loads(run("log", "--status", "idea", "--format", "json").output)
    assert [e["subject"] for e in idea] == ["Add schulen", "Add radweg"]  # radweg was still an idea then
    assert [e["id"] for e in json.loads(run("log", "--municipality", "greven", "--format", "json").output)] == [
        "schulen"
    ]
    assert [e["id"] for e in json.loads(run("log", "--field", "menschen", "--format", "json").output)] == ["schulen"]
    by_bernd = json.loads(run("log", "--author", "BERND", "--format", "json").output)
    assert [e["subject"] for e in by_bernd] == ["Plan radweg"]
    window = json.loads(run("log", "--since", "2026-02-01", "--until", "2026-02-03", "--format", "json").output)
    assert [e["subject"] for e in window] == ["Plan radweg"]
    assert run("log", "--since", "gestern").exit_code == 2


def test_diff_of_the_working_tree_and_between_revisions(run, repo):
    write(repo, "radweg", title="Radweg-Netz", status="implementation")
    write(repo, "neu", title="Neues Projekt")
    data = json.loads(run("diff", "--format", "json").output)
    assert data["changed"] == {"radweg": {"status": ["planning", "implementation"]}}
    assert list(data["added"]) == ["neu"] and data["removed"] == [] and data["invalid"] == {}
    git(repo, "checkout", "-q", "--", "projects/radweg.toml")
    (repo / "projects" / "neu.toml").unlink()
    data = json.loads(run("diff", "HEAD~2..HEAD", "--format", "json").output)
    assert data == {
        "added": {
            "schulen": {
                "title": "Digitale Schulen",
                "module": 2,
                "status": "idea",
                "municipalities": ["greven"],
                "fields_of_action": ["menschen"],
            }
        },
        "removed": [],
        "renamed": {},
        "changed": {"radweg": {"status": ["idea", "planning"]}},
        "invalid": {},
    }


def test_diff_of_a_pull_request_as_markdown(run, repo):
    git(repo, "switch", "-q", "-c", "pr")
    save(repo, "radweg", "Build", title="Radweg-Netz", status="implementation", municipalities=["rheine", "ochtrup"])
    git(repo, "mv", "projects/schulen.toml", "projects/schulen-digital.toml")
    commit(repo, "Rename schulen")
    save(repo, "kaputt", "Broken", text='title = "x"\nstatus = \n')
    git(repo, "switch", "-q", "main")
    save(repo, "anderes", "Unrelated on main", title="Anderes Projekt")
    result = run("diff", "main...pr", "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "### Status moves" in text and "Planning → Implementation" in text
    assert "### Changed assignments" in text and "+ Ochtrup" in text
    assert "`schulen` → `schulen-digital`" in text
    assert "### Invalid project files" in text and "kaputt" in text
    assert "anderes" not in text  # main's own work is not part of the pull request


def test_blame_and_timeline(run, repo):
    data = json.loads(run("blame", "radweg", "--format", "json").output)
    fields = {item["field"]: item for item in data["fields"]}
    assert fields["status"]["subject"] == "Plan radweg" and fields["status"]["author"] == "Bernd Brandt"
    assert fields["title"]["subject"] == "Add radweg"
    text = run("blame", "radweg").output
    status_line = next(line for line in text.splitlines() if line.startswith("Status "))
    assert "Bernd Brandt" in status_line and status_line.endswith("  Planning")  # caption and label, not slugs
    periods = json.loads(run("timeline", "--format", "json").output)
    by_label = {period["period"]: period["counts"] for period in periods}
    assert by_label["2026-01"]["idea"] == 1 and by_label["2026-02"] == {**by_label["2026-02"], "idea": 1, "planning": 1}
    table = run("timeline", "--by", "quarter").output
    assert table.splitlines()[0].split()[:3] == ["PERIOD", "Idea", "Concept"]


def test_progress_is_not_written_when_stderr_is_not_a_terminal(run, repo):
    result = run("log", "--format", "json")
    assert "reading history" not in result.output


def test_progress_is_shown_on_a_terminal(repo):
    """A real pseudo-terminal for stderr: the progress line appears there, stdout stays clean."""
    import os
    import pty

    parent, child = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-m", "portfolio", "--repo", str(repo), "log", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=child,
        check=False,
    )
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    assert process.returncode == 0
    assert shown.count(b"reading history: 4/4 commits") == 1  # the end is told once
    assert json.loads(process.stdout)[0]["subject"] == "Add schulen"
