"""A history command's output is kept for the same question at the same HEAD, and never served when
anything it depends on changed: the commit, the question, the language, the vocabulary, the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from history_fixtures import commit, git, save

from portfolio.git.head_glance import glance_head
from portfolio.history.kept_output import MAX_KEPT, OUTPUTS_DIR


def _kept_files(root: Path) -> list[Path]:
    folder = root / ".git" / OUTPUTS_DIR
    return sorted(folder.glob("*.output")) if folder.is_dir() else []


def _made_afresh(run, root: Path, *args: str):
    """The command's result with nothing kept (the answer as it is made)."""
    for path in _kept_files(root):
        path.unlink()
    return run(*args)


@pytest.mark.parametrize(
    "question",
    [
        ("log",),
        ("log", "--format", "json"),
        ("log", "--author", "bernd"),
        ("history", "radweg"),
        ("history", "radweg", "--format", "json", "--reverse"),
        ("blame", "radweg"),
        ("blame", "radweg", "--format", "json"),
        ("timeline",),
        ("timeline", "--by", "week", "--format", "json"),
    ],
)
def test_the_kept_answer_is_the_answer_made(run, repo, question):
    made = run(*question)
    assert made.exit_code == 0 and made.output
    assert len(_kept_files(repo)) == 1
    replayed = run(*question)
    assert (replayed.exit_code, replayed.output, replayed.stderr) == (0, made.output, made.stderr)
    assert len(_kept_files(repo)) == 1  # the same file answered


def test_a_new_commit_is_in_the_next_answer(run, repo):
    before = run("log", "--format", "json").output
    save(repo, "radweg", "Finish radweg", author="cem", title="Radweg-Netz", status="implementation")
    after = run("log", "--format", "json")
    assert after.output != before and "Finish radweg" in after.output
    assert after.output == _made_afresh(run, repo, "log", "--format", "json").output


def test_moving_head_back_answers_for_that_commit(run, repo):
    first = git(repo, "rev-parse", "HEAD~1")
    newest = run("log").output
    git(repo, "checkout", "-q", "--detach", first)
    older = run("log").output
    assert older != newest and "Plan radweg" not in older
    assert older == _made_afresh(run, repo, "log").output


def test_an_answer_made_while_head_moved_is_not_kept(run, repo, monkeypatch):
    """A commit lands between reading HEAD and computing the history: the answer is of the new commit."""
    import portfolio.cli.history as history_commands

    computed = history_commands.load_history

    def commit_first(root, progress=None):
        save(repo, "radweg", "Meanwhile", author="cem", title="Radweg-Netz", status="implementation")
        return computed(root, progress)

    monkeypatch.setattr(history_commands, "load_history", commit_first)
    assert "Meanwhile" in run("log").output
    assert _kept_files(repo) == []


def test_each_question_and_language_has_its_own_answer(run, repo):
    english = run("log").output
    german = run("--lang", "de", "log").output
    assert english != german
    assert run("log").output == english and run("--lang", "de", "log").output == german
    assert run("log", "--author", "anna").output != english


def test_a_changed_vocabulary_is_in_the_next_answer(run, repo):
    before = run("--lang", "de", "log").output
    statuses = repo / "schema" / "statuses.toml"
    text = statuses.read_text(encoding="utf-8")
    assert 'de = "Planung"' in text
    statuses.write_text(text.replace('de = "Planung"', 'de = "Im Entwurf"'), encoding="utf-8")  # same HEAD
    after = run("--lang", "de", "log")
    assert "Planung" in before and "Im Entwurf" in after.output and "Im Entwurf" not in before


@pytest.mark.parametrize("question", [("log",), ("history", "radweg"), ("blame", "radweg"), ("timeline",)])
def test_a_commit_dated_ahead_is_told_each_time_and_not_kept(run, repo, question):
    save(repo, "radweg", "From the future", title="Radweg-Netz 2", status="planning", when="@32503680000 +0000")
    for _attempt in range(2):
        answer = run(*question)
        assert answer.exit_code == 0 and "in the future" in answer.stderr
    assert _kept_files(repo) == []


def test_a_warning_that_lasts_is_kept_with_the_answer(run, repo):
    # git holds no moment before 1970; its first day stays implausible, whatever the clock says
    save(repo, "radweg", "From 1970", title="Radweg-Netz 2", status="planning", when="@0 +0000")
    made = run("log")
    assert "before 1970" in made.stderr and len(_kept_files(repo)) == 1
    assert run("log").stderr == made.stderr


@pytest.mark.parametrize("damage", [b"", b"portfolio-output\n1 nonsense\n", None])
def test_a_damaged_kept_file_is_made_again(run, repo, damage):
    made = run("log", "--format", "json").output
    (kept,) = _kept_files(repo)
    raw = kept.read_bytes()
    kept.write_bytes(raw[: len(raw) - 7] if damage is None else damage)
    again = run("log", "--format", "json")
    assert again.exit_code == 0 and again.output == made
    assert kept.read_bytes() == raw  # written again whole


def test_only_the_most_recently_used_answers_are_kept(run, repo):
    for number in range(MAX_KEPT + 3):
        assert run("log", "--author", f"nobody-{number}").exit_code == 0
    assert len(_kept_files(repo)) == MAX_KEPT


def test_answers_together_stay_below_their_limit(run, repo, monkeypatch):
    import portfolio.history.kept_output as kept_output

    questions = [("log",), ("log", "--format", "json"), ("history", "radweg", "--format", "json")]
    sizes = []
    for question in questions:
        run(*question)
        (kept,) = _kept_files(repo)
        sizes.append(kept.stat().st_size)
        kept.unlink()
    monkeypatch.setattr(kept_output, "MAX_KEPT_BYTES", sizes[1] + sizes[2])
    for question in questions:
        assert run(*question).exit_code == 0
    assert sorted(path.stat().st_size for path in _kept_files(repo)) == sorted(sizes[1:])  # the least used went


def test_an_unwritable_outputs_folder_still_answers(run, repo):
    (repo / ".git" / "portfolio").mkdir(exist_ok=True)
    (repo / ".git" / OUTPUTS_DIR).write_text("not a folder")
    made = run("log")
    assert made.exit_code == 0 and "Plan radweg" in made.output


def test_a_kept_answer_is_read_from_a_git_directory_it_may_not_change(run, repo, monkeypatch):
    made = run("log")
    assert _kept_files(repo)

    def refused(*_arguments, **_options):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("portfolio.history.kept_output.os.utime", refused)
    monkeypatch.setattr("portfolio.history.engine.compute", None)  # nothing may be computed
    assert run("log").output == made.output


def test_a_reader_that_goes_away_ends_a_kept_answer_quietly(repo):
    for number in range(300):  # enough output that it does not fit in the pipe
        save(repo, "radweg", f"Change {number}", title=f"Radweg-Netz {number}")
    command = [sys.executable, "-m", "portfolio", "--repo", str(repo), "log"]
    environment = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    subprocess.run(command, env=environment, capture_output=True, check=True)
    assert len(_kept_files(repo)) == 1
    shown = subprocess.run(f"{' '.join(command)} | head -n 3", shell=True, env=environment, capture_output=True)
    assert shown.stdout.count(b"\n") == 3
    assert b"Traceback" not in shown.stderr and b"Error" not in shown.stderr


# -- HEAD at a glance ------------------------------------------------------------------------------------------


def test_a_glance_reads_head_as_git_does(repo):
    sha = git(repo, "rev-parse", "HEAD")
    assert glance_head(repo) == (sha, str(repo / ".git"))
    git(repo, "pack-refs", "--all")  # the branch only in packed-refs
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert glance_head(repo) == (sha, str(repo / ".git"))
    newer = commit(repo, "Empty")  # a loose ref again, newer than the packed one
    assert glance_head(repo) == (newer, str(repo / ".git"))
    git(repo, "checkout", "-q", "--detach", sha)
    assert glance_head(repo) == (sha, str(repo / ".git"))


def test_a_glance_leaves_what_it_cannot_tell_to_gitpython(repo, tmp_path, monkeypatch):
    git(repo, "worktree", "add", "-q", str(tmp_path / "linked"))
    assert glance_head(tmp_path / "linked") is None  # a linked work tree
    git(repo, "checkout", "-q", "--orphan", "unborn")
    assert glance_head(repo) is None
    git(repo, "checkout", "-q", "main")
    (repo / ".git" / "shallow").write_text(git(repo, "rev-parse", "HEAD") + "\n")
    assert glance_head(repo) is None
    (repo / ".git" / "shallow").unlink()
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    assert glance_head(repo) is None


def test_a_linked_work_tree_has_its_own_answers(run, repo, tmp_path):
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", "--detach", str(linked), "HEAD~1")
    from cli_run import CliRun

    older = CliRun(linked)("log")
    assert older.exit_code == 0 and "Plan radweg" not in older.output
    assert "Plan radweg" in run("log").output
