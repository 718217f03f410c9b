"""A history command asked again is answered from what it kept before click is loaded
(portfolio.cli.quick_answer), with the bytes and the exit code of the long way, and never when
anything the answer depends on changed. Real processes, as a person runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.git.scaffold import init_portfolio
from portfolio.history.kept_output import OUTPUTS_DIR

SOURCE = Path(__file__).resolve().parent.parent
# ``portfolio ARGS`` as the program runs it, telling on stderr at its end which modules it loaded.
_PORTFOLIO = (
    "import atexit, runpy, sys; "
    "atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(sorted(sys.modules)) + chr(10))); "
    "sys.argv[0] = 'portfolio'; runpy.run_module('portfolio', run_name='__main__', alter_sys=True)"
)


class Asked:
    def __init__(self, done: subprocess.CompletedProcess) -> None:
        said, _, loaded = done.stderr.rpartition("LOADED ")
        self.code, self.stdout, self.stderr = done.returncode, done.stdout, said
        self.modules = set(loaded.split())

    @property
    def quick(self) -> bool:
        """Answered before click (and so the command line) was loaded."""
        return "click" not in self.modules and "portfolio.cli.app" not in self.modules

    def same_answer(self, other: Asked) -> bool:
        return (self.code, self.stdout, self.stderr) == (other.code, other.stdout, other.stderr)


def _environment(**more: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "PORTFOLIO_"))}
    return environment | {"PYTHONPATH": str(SOURCE), "LANG": "C"} | more


def ask(cwd: Path, *args: str, **environment: str) -> Asked:
    done = subprocess.run(
        [sys.executable, "-c", _PORTFOLIO, *args],
        cwd=cwd,
        env=_environment(**environment),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return Asked(done)


def forget_answers(root: Path) -> None:
    shutil.rmtree(root / ".git" / OUTPUTS_DIR, ignore_errors=True)


def commit_all(root: Path, message: str) -> None:
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return init_portfolio(tmp_path_factory.mktemp("quick") / "portfolio", example=True, commit=True)


@pytest.fixture
def portfolio_copy(example: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "portfolio"
    shutil.copytree(example, copy, symlinks=True)
    forget_answers(copy)
    return copy


def _a_project(root: Path) -> str:
    return sorted(path.stem for path in (root / "projects").glob("*.toml"))[0]


@pytest.mark.parametrize(
    "question",
    [
        ("log",),
        ("log", "--format", "json"),
        ("log", "--status", "idea", "--format", "json"),
        ("history", "PROJECT"),
        ("history", "PROJECT", "--format", "json", "--reverse"),
        ("blame", "PROJECT"),
        ("timeline", "--by", "week"),
        ("--lang", "en", "log"),
    ],
)
def test_asked_again_the_kept_answer_is_written_before_click_is_loaded(portfolio_copy, question):
    question = tuple(_a_project(portfolio_copy) if word == "PROJECT" else word for word in question)
    made = ask(portfolio_copy, *question)
    assert made.code == 0 and made.stdout and not made.quick, made.stderr[-2000:]
    again = ask(portfolio_copy, *question)
    assert again.quick and again.same_answer(made)
    # neither pathlib nor typing: together they cost as much as the rest of the replay; nor hashlib,
    # which loads OpenSSL's library for a quarter of it (portfolio.digests)
    assert not {"click", "pydantic", "git", "pathlib", "typing", "dataclasses", "hashlib", "_hashlib"} & again.modules


def test_a_change_of_what_the_answer_depends_on_goes_the_long_way(portfolio_copy):
    root = portfolio_copy
    first = ask(root, "log")
    assert ask(root, "log").quick

    english = ask(root, "--lang", "en", "log")
    assert not english.quick and english.stdout != first.stdout
    assert not ask(root, "log", PORTFOLIO_LANG="en").quick
    assert ask(root, "log", PORTFOLIO_LANG="en").same_answer(english)

    from_below = ask(root / "projects", "log")
    assert not from_below.quick and from_below.same_answer(first)
    assert ask(root / "projects", "log").quick
    assert not ask(root, "log", "--format", "text").quick  # other words, though the same question

    statuses = root / "schema" / "statuses.toml"
    statuses.write_text(statuses.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert not ask(root, "log").quick

    project = root / "projects" / f"{_a_project(root)}.toml"
    project.write_text(project.read_text(encoding="utf-8").replace('title = "', 'title = "Neu: ', 1), encoding="utf-8")
    commit_all(root, "Ein neuer Titel")
    after = ask(root, "log")
    assert not after.quick and "Ein neuer Titel" in after.stdout
    forget_answers(root)
    assert ask(root, "log").same_answer(after)


def test_a_schema_file_gone_is_told_as_the_long_way_tells_it(portfolio_copy):
    """The bundled file has the same bytes as the portfolio's copy: only its path tells them apart."""
    ask(portfolio_copy, "log")
    assert ask(portfolio_copy, "log").quick
    (portfolio_copy / "schema" / "statuses.toml").unlink()
    told = ask(portfolio_copy, "log")
    assert not told.quick and "schema/statuses.toml" in told.stderr
    again = ask(portfolio_copy, "log")
    assert not again.quick and again.same_answer(told)  # the warning is told every time


def test_the_portfolio_named_by_repo_is_answered_quickly_from_anywhere(portfolio_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    made = ask(elsewhere, "--repo", str(portfolio_copy), "log", "--format", "json")
    assert made.code == 0 and not made.quick
    assert ask(elsewhere, "--repo", str(portfolio_copy), "log", "--format", "json").quick
    assert ask(elsewhere, "log", "--format", "json", PORTFOLIO_REPO=str(portfolio_copy)).same_answer(made)
    other = tmp_path / "other"
    shutil.copytree(portfolio_copy, other, symlinks=True)
    project = other / "projects" / f"{_a_project(other)}.toml"
    project.write_text(
        project.read_text(encoding="utf-8").replace('title = "', 'title = "Andere: ', 1), encoding="utf-8"
    )
    commit_all(other, "Die andere")
    for before, after in ((other, portfolio_copy), (portfolio_copy, other)):
        twice = ("--repo", str(before), "log", "--format", "json", "--repo", str(after))
        for _ in range(2):  # the last --repo counts, as click reads it; never a quick answer of the first
            answered = ask(elsewhere, *twice)
            assert not answered.quick and answered.stdout == ask(after, "log", "--format", "json").stdout


def test_damaged_files_go_the_long_way_with_the_same_answer(portfolio_copy):
    made = ask(portfolio_copy, "log")
    folder = portfolio_copy / ".git" / OUTPUTS_DIR
    (request,) = folder.glob("*.request")
    (output,) = folder.glob("*.output")
    for damage in (
        lambda: request.write_bytes(request.read_bytes()[:-3]),
        lambda: request.write_bytes(b"portfolio-request\n1 nonsense\n"),
        lambda: output.write_bytes(output.read_bytes().replace(b"\x00", b"\x01", 1)),
        lambda: output.unlink(),
    ):
        assert ask(portfolio_copy, "log").quick
        damage()
        again = ask(portfolio_copy, "log")
        assert not again.quick and again.same_answer(made)


def test_a_reader_that_goes_away_ends_a_quick_answer_quietly(portfolio_copy):
    question = [sys.executable, "-c", _PORTFOLIO, "log", "--format", "json"]
    made = ask(portfolio_copy, *question[3:])
    assert len(made.stdout) > 1 << 17  # more than a pipe holds
    child = subprocess.Popen(
        question, cwd=portfolio_copy, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout.read(100) == made.stdout.encode("utf-8")[:100]
    child.stdout.close()
    said = child.stderr.read().decode("utf-8")
    assert child.wait(timeout=30) == 141
    assert said.startswith("LOADED ") and " click" not in said  # nothing told but the modules


def test_a_folder_gone_under_the_command_is_told_the_long_way(portfolio_copy):
    gone = portfolio_copy / "projects" / "gone"
    gone.mkdir()
    ask(gone, "log")
    assert ask(gone, "log").quick
    done = subprocess.run(
        ["sh", "-c", 'cd "$1" && rmdir "$1" && exec "$2" -c "$3" log', "-", gone, sys.executable, _PORTFOLIO],
        env=_environment(),
        capture_output=True,
        text=True,
    )
    said = done.stderr.rpartition("LOADED ")[0]
    assert done.returncode == 2 and said.startswith("Fehler: der aktuelle Ordner ist nicht mehr da"), said


def test_a_command_run_in_process_records_no_request(run, repo):
    assert run("log").exit_code == 0 and run("log").exit_code == 0
    folder = repo / ".git" / OUTPUTS_DIR
    assert list(folder.glob("*.output")) and not list(folder.glob("*.request"))
