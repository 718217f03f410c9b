"""Start-up: the command line imports only what a command needs.

``portfolio --help`` lists every command from ``COMMAND_TABLE`` (portfolio/cli/app.py) without
importing a command's module; importing the entry module loads neither pydantic, GitPython,
openpyxl nor textual. The table is held to the real commands: the same names, and the same short
help in every language, so that the two cannot drift apart.
"""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from portfolio.cli.app import COMMAND_TABLE, cli
from portfolio.errors import PortfolioError
from portfolio.git import repository, toplevel
from portfolio.git.scaffold import init_portfolio
from portfolio.i18n import available_languages, use_language

SOURCE = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "git", "openpyxl", "textual")
FAMILIES = ("projects", "show", "lifecycle", "history", "collab", "driver", "resolve", "outputs", "serve", "deadlines")


def _real_commands() -> dict[str, click.Command]:
    """Every command the family modules define (each module's ``COMMANDS``), by name."""
    found = {}
    for family in FAMILIES:
        for each in importlib.import_module(f"portfolio.cli.{family}").COMMANDS:
            found[each.name] = each
    return found


def _environment() -> dict[str, str]:
    """No language chosen (the portfolio's own is read), this source first on the path."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    environment |= {"PYTHONPATH": str(SOURCE), "LANG": "C"}
    environment.pop("PORTFOLIO_LANG", None)
    return environment


def _run(*args: str, cwd: Path = SOURCE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=_environment(), capture_output=True, text=True, check=True
    )


def test_the_table_names_every_command_and_only_them():
    real = _real_commands()
    assert sorted(COMMAND_TABLE) == sorted(real)
    for name, (module, attribute, _help) in COMMAND_TABLE.items():
        assert getattr(importlib.import_module(f"portfolio.cli.{module}"), attribute) is real[name]
    assert cli.list_commands(click.Context(cli)) == sorted([*real, "tui"])


@pytest.mark.parametrize("language", available_languages())
def test_the_tables_short_help_is_each_commands_own(language):
    real = _real_commands()
    listed_group = type(cli)(commands={})  # a group that has loaded nothing: it lists from the table
    context = click.Context(listed_group)
    use_language(language)
    try:
        for name, (_module, _attribute, short_help) in COMMAND_TABLE.items():
            assert short_help == inspect.cleandoc(real[name].help).split("\n\n")[0], name
            listed_group._listing = True
            listed = listed_group.get_command(context, name)
            listed_group._listing = False
            for limit in (30, 45, 70, 94, 200):
                assert listed.get_short_help_str(limit) == real[name].get_short_help_str(limit), (name, limit)
    finally:
        use_language("en")


@pytest.mark.parametrize(
    ("module", "unwanted"), [("portfolio.cli.app", HEAVY), ("portfolio.cli.entry", (*HEAVY, "click"))]
)
def test_importing_the_entry_module_loads_no_heavy_library(module, unwanted):
    """The program's entry (portfolio.cli.entry) loads not even click: it may answer from what was kept."""
    code = f"import {module}, sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(unwanted)!r}))"
    assert _run("-c", code).stdout.strip() == "[]"


def test_help_as_a_process_imports_no_heavy_library_nor_a_command_module(tmp_path):
    """``portfolio --help`` in a portfolio, with no language chosen: the portfolio's own is read at a glance."""
    root = init_portfolio(tmp_path / "portfolio", example=False, commit=False)
    imported, done = _modules_of("--help", cwd=root)
    assert done.returncode == 0 and "portfolio.cli.app" in imported
    assert not {name for name in imported if name.split(".")[0] in HEAVY}
    assert not {f"portfolio.cli.{family}" for family in FAMILIES} & imported
    assert not {"pathlib", "tomllib", "portfolio.domain.vocabulary"} & imported
    assert "Befehle:" in done.stdout and "merge-driver" in done.stdout  # the portfolio speaks German


def test_a_command_imports_its_own_module_only():
    code = (
        "import sys; from portfolio.cli.app import cli; cli.get_command(None, 'show'); "
        "print(sorted(m for m in sys.modules if m.startswith('portfolio.cli.')))"
    )
    loaded = _run("-c", code).stdout
    assert "portfolio.cli.show'" in loaded
    assert not [family for family in FAMILIES if family != "show" and f"portfolio.cli.{family}'" in loaded]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _answer(find, start: Path) -> str:
    try:
        return str(find(start))
    except PortfolioError as error:
        return f"{type(error).__name__}: {error.message}"


def test_the_toplevel_glance_gives_gitpythons_answer(tmp_path):
    """Work tree, a folder in it, a linked work tree, the inside of .git, a bare repository, none."""
    work = tmp_path / "work"
    (work / "deep" / "er").mkdir(parents=True)
    _git("init", "-q", str(work), cwd=tmp_path)
    (work / "file").write_text("x", encoding="utf-8")
    _git("add", "file", cwd=work)
    _git("commit", "-q", "-m", "first", cwd=work)
    _git("worktree", "add", "-q", str(tmp_path / "linked"), cwd=work)
    _git("init", "-q", "--bare", str(tmp_path / "bare.git"), cwd=tmp_path)
    (tmp_path / "none").mkdir()
    starts = [work, work / "deep" / "er", tmp_path / "linked", work / ".git", work / ".git" / "refs"]
    starts += [tmp_path / "bare.git", tmp_path / "none"]
    for start in starts:
        assert _answer(toplevel.find_toplevel, start) == _answer(repository.find_toplevel, start), start


# Every module loaded when the process ends (``-X importtime`` does not see importlib.import_module).
_LOADED_AT_EXIT = (
    "import atexit, runpy, sys; "
    "atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(sorted(sys.modules)) + chr(10))); "
    "sys.argv[0] = 'portfolio'; runpy.run_module('portfolio', run_name='__main__', alter_sys=True)"
)


def _modules_of(*args: str, cwd: Path, python: tuple[str, ...] = ()) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules ``portfolio ARGS`` loaded, run as a process in ``cwd``, and the process."""
    done = subprocess.run(
        [sys.executable, *python, "-c", _LOADED_AT_EXIT, *args],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED "))
    return set(line.split()[1:]), done


def test_show_loads_its_own_command_module_and_neither_gitpython_nor_pydantic(tmp_path):
    root = init_portfolio(tmp_path / "portfolio", example=True, commit=True)
    project = sorted(path.stem for path in (root / "projects").glob("*.toml"))[0]
    imported, done = _modules_of("show", project, cwd=root / "projects")
    assert done.returncode == 0, done.stderr[-2000:]
    # a valid file is read without the pydantic model (portfolio.domain.acceptance)
    assert not {name for name in imported if name.split(".")[0] in ("git", "openpyxl", "textual", "pydantic")}
    assert {f"portfolio.cli.{family}" for family in FAMILIES} & imported == {"portfolio.cli.show"}
    assert not {"portfolio.changes.commit", "portfolio.files.checker"} & imported
    assert "_hashlib" not in imported  # OpenSSL's library, ~5 ms to load (portfolio.digests)


def test_the_merge_driver_loads_its_own_command_module_and_neither_gitpython_nor_pydantic(tmp_path):
    root = init_portfolio(tmp_path / "portfolio", example=True, commit=True)
    project = sorted(path.stem for path in (root / "projects").glob("*.toml"))[0]
    text = (root / "projects" / f"{project}.toml").read_text(encoding="utf-8")
    sides = {"base": text, "ours": text.replace('title = "', 'title = "Neu: ', 1), "theirs": text}
    for name, content in sides.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    command = ["merge-driver", "--marker-size", "7", *(str(tmp_path / name) for name in sides)]
    imported, done = _modules_of(*command, f"projects/{project}.toml", cwd=root, python=("-P",))
    assert done.returncode == 0, done.stderr[-2000:]
    assert not {name for name in imported if name.split(".")[0] in ("git", "openpyxl", "textual", "pydantic")}
    assert {f"portfolio.cli.{family}" for family in FAMILIES} & imported == {"portfolio.cli.driver"}
    assert "_hashlib" not in imported
    assert (tmp_path / "ours").read_text(encoding="utf-8") == sides["ours"]


@pytest.mark.parametrize("question", [("log",), ("log", "--format", "json"), ("history", "PROJECT"), ("timeline",)])
def test_a_kept_answer_loads_neither_gitpython_nor_the_engine_nor_the_texts(tmp_path, question):
    """Asked again at the same HEAD, a history command writes what it kept (portfolio.history.kept_output)."""
    root = init_portfolio(tmp_path / "portfolio", example=True, commit=True)
    project = sorted(path.stem for path in (root / "projects").glob("*.toml"))[0]
    question = tuple(project if part == "PROJECT" else part for part in question)
    first, made = _modules_of(*question, cwd=root)
    assert made.returncode == 0 and "portfolio.history.engine" in first, made.stderr[-2000:]
    imported, kept = _modules_of(*question, cwd=root)
    assert kept.returncode == 0 and kept.stdout == made.stdout and kept.stdout
    assert not {name for name in imported if name.split(".")[0] in ("git", "pydantic", "msgspec", "textual", "click")}
    assert not {"portfolio.history.engine", "portfolio.history.texts", "portfolio.domain.fields"} & imported


# A command's end, as the program ends it: garbage left in a cycle, an atexit function of its own.
_ENDING = """
import atexit, gc, sys
from portfolio.cli.entry import main

gc.disable()  # no collection before the end: only the interpreter's last one could find the cycle
sys.argv = ["portfolio", "--version"]
try:
    main()
except SystemExit:
    pass
AS_EVER = False
if AS_EVER:
    atexit.unregister(gc.freeze)

class Cycle:
    def __del__(self):
        sys.stderr.write("finalized\\n")


cycle = Cycle()
cycle.itself = cycle
del cycle
atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
"""


def test_the_program_ends_without_the_last_collection_and_otherwise_as_ever():
    """The interpreter's last garbage collection is left out (it walked a history's every object,
    ~50 ms); atexit's functions and the output are not."""
    ended = _run("-c", _ENDING)
    assert ended.stdout.startswith("portfolio") and ended.stdout.endswith("\n")
    assert ended.stderr == "atexit ran\n"
    as_before = _run("-c", _ENDING.replace("AS_EVER = False", "AS_EVER = True"))
    assert as_before.stderr == "atexit ran\nfinalized\n"  # what the last collection would have done
