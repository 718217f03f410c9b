"""Size limits of the code: no file over 400 lines, no function over 60 lines.

A function may be longer when the comment right above it (above its decorators) starts with
``# long:`` and says why, e.g. a measured hot loop that helper calls would slow down.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
FOLDERS = ("portfolio", "tui", "benchmarks", "scripts")
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "# long:"


def _has_reason(lines: list[str], first: int) -> bool:
    """Whether the block of comment lines right above line ``first`` (1-based) holds ``# long:``."""
    index = first - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        if lines[index].strip().startswith(REASON):
            return True
        index -= 1
    return False


def size_problems(text: str, name: str) -> list[str]:
    lines = text.splitlines()
    problems = []
    if len(lines) > MAX_FILE_LINES:
        problems.append(f"{name}: {len(lines)} lines (at most {MAX_FILE_LINES})")
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
        if length > MAX_FUNCTION_LINES and not _has_reason(lines, first):
            problems.append(
                f"{name}:{node.lineno}: {node.name} has {length} lines (at most {MAX_FUNCTION_LINES}, "
                f"or say why in a '{REASON}' comment above it)"
            )
    return problems


def test_no_file_or_function_is_over_the_limits() -> None:
    problems = []
    for folder in FOLDERS:
        for path in sorted((SOURCE / folder).rglob("*.py")):
            problems += size_problems(path.read_text(encoding="utf-8"), str(path.relative_to(SOURCE)))
    assert not problems, "\n".join(problems)


def _function(name: str, body_lines: int, above: str = "", decorator: str = "") -> str:
    return above + decorator + f"def {name}():\n" + "    x = 1\n" * (body_lines - 1)


def test_the_limits_catch_a_long_function_and_a_long_file_and_accept_a_reason() -> None:
    assert size_problems(_function("fits", 60), "m.py") == []
    assert size_problems(_function("too_long", 61), "m.py") == [
        "m.py:1: too_long has 61 lines (at most 60, or say why in a '# long:' comment above it)"
    ]
    assert size_problems(_function("measured", 61, "# long: a hot loop\n# (measured)\n", "@cache\n"), "m.py") == []
    assert size_problems(_function("unexplained", 61, "# a hot loop\n"), "m.py") != []
    assert size_problems("x = 1\n" * 401, "big.py") == ["big.py: 401 lines (at most 400)"]
    assert size_problems("x = 1\n" * 400, "fits.py") == []
