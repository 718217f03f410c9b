"""The top level of the work tree a command runs in, found without loading GitPython.

Walks up from the start folder to the first one with a ``.git`` folder (``HEAD``, ``objects/``,
``refs/``) or a ``.git`` file naming one (``gitdir: ...``, a linked work tree or a submodule), as
GitPython's search does. Whatever else it meets (a bare repository, the inside of a ``.git``
folder, ``GIT_DIR`` in the environment, no repository at all) goes to ``repository.find_toplevel``
(GitPython), which gives the answer or the message.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not loaded for it: a replayed answer (portfolio.cli.quick_answer) reads this
if TYPE_CHECKING:
    from pathlib import Path


def _is_git_dir(folder: str) -> bool:
    return all(
        check(os.path.join(folder, name))
        for check, name in ((os.path.isfile, "HEAD"), (os.path.isdir, "objects"), (os.path.isdir, "refs"))
    )


def _names_a_git_dir(dot_git: str) -> bool:
    try:
        with open(dot_git, "rb") as file:
            text = file.read(4096).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not text.startswith("gitdir: "):
        return False
    target = os.path.join(os.path.dirname(dot_git), text[len("gitdir: ") :].strip())
    return os.path.isdir(target)


def _glance(start: str) -> str | None:
    folder = os.path.abspath(start)
    while True:
        if _is_git_dir(folder):
            return None  # a bare repository, or the inside of .git: GitPython says what it is
        dot_git = os.path.join(folder, ".git")
        if os.path.isdir(dot_git):
            return folder if _is_git_dir(dot_git) else None
        if os.path.isfile(dot_git):
            return folder if _names_a_git_dir(dot_git) else None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def glance_toplevel(start: str) -> str | None:
    """The top level of the git work tree containing ``start`` when a glance tells it, else None."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return None
    return _glance(start)


def find_toplevel(start: Path) -> Path:
    """The top level of the git work tree containing ``start`` (as ``repository.find_toplevel``)."""
    from pathlib import Path

    found = glance_toplevel(str(start))
    if found is not None:
        return Path(found)
    from portfolio.git import repository  # GitPython, for what a glance cannot tell

    return repository.find_toplevel(start)
