"""The words of a command line as typed, read before click parses them (for what must be known first)."""

from __future__ import annotations


def early_option(args: list[str], name: str) -> str | None:
    """The value of ``--name VALUE`` / ``--name=VALUE`` in raw arguments (before click parses them)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def times_given(args: list[str], name: str) -> int:
    """How often ``--name`` (or ``--name=...``) is among the options of raw arguments."""
    given = 0
    for arg in args:
        if arg == "--":
            break
        given += arg == name or arg.startswith(name + "=")
    return given
