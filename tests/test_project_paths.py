"""Where project files live is spelled in one module: ``portfolio/domain/ids.py``.

Every other module builds the path from it (``project_relpath``, ``PROJECTS_PREFIX``,
``PROJECT_GLOB``, ...). Prose may name the folder: docstrings, and messages for people (``_()``,
``N_()``, ``ngettext()``), whose words translators see whole.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
OWNER = SOURCE / "portfolio" / "domain" / "ids.py"
FOLDER = "projects/"
MESSAGE_FUNCTIONS = {"_", "N_", "ngettext"}


def _prose(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings or messages for people."""
    prose: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                prose.add(id(body[0].value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MESSAGE_FUNCTIONS:
            prose.update(id(argument) for argument in node.args if isinstance(argument, ast.Constant))
    return prose


def spelled_paths(text: str, name: str) -> list[str]:
    """``name:line: 'literal'`` for each string literal (also a part of an f-string) naming the folder."""
    tree = ast.parse(text)
    prose = _prose(tree)
    return [
        f"{name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and FOLDER in node.value
        and id(node) not in prose
    ]


def test_only_the_ids_module_spells_the_projects_folder() -> None:
    found = []
    for package in ("portfolio", "tui"):
        for path in sorted((SOURCE / package).rglob("*.py")):
            if path != OWNER:
                found += spelled_paths(path.read_text(encoding="utf-8"), str(path.relative_to(SOURCE)))
    assert not found, "\n".join(found)


def test_the_check_finds_a_spelled_path_and_lets_prose_be() -> None:
    source = '''"""Reads projects/<id>.toml."""
def load(pid):
    """The file projects/<id>.toml."""
    message = _("no projects/ folder")
    other = N_("files in projects/")
    path = f"projects/{pid}.toml"
    return "projects/" + pid, open(f"{root}/projects/x.toml"), message, other, path
'''
    assert spelled_paths(source, "m.py") == ["m.py:6: 'projects/'", "m.py:7: 'projects/'", "m.py:7: '/projects/x.toml'"]
