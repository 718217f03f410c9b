"""The import structure, checked statically over the source (every import, also those inside functions):

- the core (``portfolio`` but ``portfolio.cli``) never imports the command line or the UI;
- the UI never imports the command line; the command line reaches the UI in one place only, lazily;
- nothing imports the benchmarks;
- the core's folders form layers: a folder imports only from the folders below it;
- no import cycles between modules, in ``portfolio/`` or ``tui/`` (told as ``a -> b``: a imports b);
- GitPython is imported in the git layer only.

And at run time: importing every core module loads neither textual nor rich.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent
PACKAGES = ("portfolio", "tui", "benchmarks", "scripts")
# The core's folders, lowest first. A module imports only from its own folder or one below it.
# "base" is the top level of portfolio/ (i18n, errors, text safety, formats, problems, ...).
LAYERS = ("base", "domain", "files", "git", "history", "changes", "outputs", "cli")
CLI_TO_UI = {"portfolio.cli.app", "portfolio.cli.serve"}  # ``tui`` and ``serve``: the arrows from the CLI to the UI


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, path: Path, *, typing_too: bool = False) -> set[str]:
    """Every module ``path`` (the module ``module``) imports, as absolute names, at any depth;
    TYPE_CHECKING blocks only if asked."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node) and not typing_too:
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # ``from pkg import module``
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def source_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in (SOURCE / package).rglob("*.py")}


MODULES = source_modules()


def own_imports(module: str, path: Path, *, typing_too: bool = False) -> set[str]:
    """The modules of this repository that ``module`` imports."""
    return {name for name in imports_of(module, path, typing_too=typing_too) if name in MODULES}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "portfolio":
        return None
    if module == "portfolio.__main__":
        return "cli"
    if len(parts) > 2 or (len(parts) == 2 and (SOURCE / "portfolio" / parts[1]).is_dir()):
        return parts[1]
    return "base"


def faces_problems(modules: dict[str, Path]) -> list[str]:
    problems = []
    for module, path in sorted(modules.items()):
        for target in sorted(own_imports(module, path, typing_too=True)):
            top = target.split(".")[0]
            in_cli = module in ("portfolio.cli", "portfolio.__main__") or module.startswith("portfolio.cli.")
            target_cli = target == "portfolio.cli" or target.startswith("portfolio.cli.")
            if top == "benchmarks" and not module.startswith("benchmarks"):
                problems.append(f"{module} imports the benchmarks ({target})")
            elif module.startswith("portfolio") and not in_cli and (top == "tui" or target_cli):
                problems.append(f"the core module {module} imports {target}")
            elif in_cli and top == "tui" and module not in CLI_TO_UI:
                problems.append(f"{module} imports the UI ({target}); only {' and '.join(sorted(CLI_TO_UI))} may")
            elif module.startswith("tui") and target_cli:
                problems.append(f"the UI module {module} imports the command line ({target})")
    return problems


def layer_problems(modules: dict[str, Path]) -> list[str]:
    problems = []
    for module, path in sorted(modules.items()):
        own = layer_of(module)
        if own is None or own not in LAYERS:
            continue
        for target in sorted(own_imports(module, path)):
            other = layer_of(target)
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(own):
                problems.append(f"{module} ({own}) imports {target} ({other}), a layer above it")
    return problems


def cycle_problems(modules: dict[str, Path]) -> list[str]:
    graph = {}
    for module, path in modules.items():
        # A package's own modules may use names its __init__ hands on; an import of the package
        # itself is an edge to its __init__ only.
        graph[module] = {target for target in own_imports(module, path) if target != module}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        return [" -> ".join(reversed(error.args[1]))]  # graphlib lists each module before the one it imports
    return []


def gitpython_problems(modules: dict[str, Path]) -> list[str]:
    return [
        f"{module} imports GitPython outside the git layer"
        for module, path in sorted(modules.items())
        if layer_of(module) != "git"
        and any(name == "git" or name.startswith("git.") for name in imports_of(module, path))
    ]


CHECKS = {"faces": faces_problems, "layers": layer_problems, "cycles": cycle_problems, "gitpython": gitpython_problems}


@pytest.mark.parametrize("check", CHECKS)
def test_the_import_contract_holds(check: str) -> None:
    problems = CHECKS[check](MODULES)
    assert not problems, "\n".join(problems)


def _with_module(name: str, text: str, tmp_path: Path) -> dict[str, Path]:
    path = tmp_path / f"{name.replace('.', '_')}.py"
    path.write_text(text, encoding="utf-8")
    return {**MODULES, name: path}


def _caught(check, name: str, text: str, tmp_path: Path) -> list[str]:
    """What ``check`` says of a tree with one module added, less what it says of the tree as it is."""
    before = set(check(MODULES))
    return [problem for problem in check(_with_module(name, text, tmp_path)) if problem not in before]


def test_the_contract_catches_a_core_module_importing_the_ui_or_the_cli(tmp_path: Path) -> None:
    assert _caught(faces_problems, "portfolio.domain.leak", "def f():\n    from tui.app import run\n", tmp_path) == [
        "the core module portfolio.domain.leak imports tui.app"
    ]
    assert _caught(faces_problems, "portfolio.files.leak", "from portfolio.cli.app import cli\n", tmp_path) == [
        "the core module portfolio.files.leak imports portfolio.cli.app"
    ]
    assert _caught(faces_problems, "tui.leak", "import portfolio.cli.context\n", tmp_path) == [
        "the UI module tui.leak imports the command line (portfolio.cli.context)"
    ]
    assert _caught(faces_problems, "portfolio.cli.leak", "from tui.app import run\n", tmp_path) == [
        "portfolio.cli.leak imports the UI (tui.app); only portfolio.cli.app and portfolio.cli.serve may"
    ]
    assert _caught(faces_problems, "tui.leak", "import benchmarks.check_speed\n", tmp_path) == [
        "tui.leak imports the benchmarks (benchmarks.check_speed)"
    ]


def test_the_contract_catches_a_cycle_an_upward_import_and_gitpython(tmp_path: Path) -> None:
    assert _caught(cycle_problems, "portfolio.domain.ids", "from portfolio.domain.model import Project\n", tmp_path)
    assert _caught(
        layer_problems, "portfolio.domain.leak", "from portfolio.history import load_history\n", tmp_path
    ) == ["portfolio.domain.leak (domain) imports portfolio.history (history), a layer above it"]
    assert _caught(gitpython_problems, "portfolio.history.leak", "import git\n", tmp_path) == [
        "portfolio.history.leak imports GitPython outside the git layer"
    ]


def test_importing_every_core_module_loads_neither_textual_nor_rich() -> None:
    code = (
        "import importlib, pkgutil, sys, portfolio\n"
        "names = [m.name for m in pkgutil.walk_packages(portfolio.__path__, 'portfolio.')\n"
        "         if m.name not in ('portfolio.__main__',)]\n"
        "for name in names: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui'))\n"
        "print(len(names), leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SOURCE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.split()[0]) >= 60  # every module was really imported


def test_cli_help_does_not_import_the_ui() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from portfolio.cli.app import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        "sys.exit(1 if 'textual' in sys.modules or 'rich' in sys.modules or 'tui' in sys.modules else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=SOURCE).returncode == 0
