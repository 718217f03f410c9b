"""Registering the merge driver: ``.gitattributes`` (shared, committed) and local git config.

The driver command names the interpreter by its absolute path, so git finds it also when the
user's virtual environment is not activated. ``-P`` keeps Python from putting the current folder
(the repository's top level, where git runs the driver) first on ``sys.path``: a ``portfolio/``
folder in someone's branch must never be what runs during a merge.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

import git

from portfolio.domain.ids import PROJECT_GLOB, project_relpath
from portfolio.errors import UnsafeFile
from portfolio.git import repository
from portfolio.i18n import _

DRIVER_NAME = "portfolio"
ATTRIBUTES_FILE = ".gitattributes"
ATTRIBUTES_PATTERN = PROJECT_GLOB
ATTRIBUTES_LINE = f"{ATTRIBUTES_PATTERN} merge={DRIVER_NAME}"


def driver_command(python: str | None = None) -> str:
    """The ``merge.portfolio.driver`` value: this interpreter, ``-P -m portfolio merge-driver``."""
    return f"{shlex.quote(python or sys.executable)} -P -m portfolio merge-driver --marker-size %L %O %A %B %P"


def driver_config() -> dict[str, str]:
    return {
        f"merge.{DRIVER_NAME}.name": "Smart Region portfolio: field-aware merge of project files",
        f"merge.{DRIVER_NAME}.driver": driver_command(),
    }


def _attributes_name_the_driver(text: str) -> bool:
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == ATTRIBUTES_PATTERN and f"merge={DRIVER_NAME}" in parts[1:]:
            return True
    return False


def write_attributes(root: Path) -> bool:
    """Add the driver's line to ``.gitattributes`` unless it is there; True when the file changed."""
    path = root / ATTRIBUTES_FILE
    if path.is_symlink():
        raise UnsafeFile(_("{path} is a symbolic link; refusing to write through it").format(path=path))
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if _attributes_name_the_driver(text):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + ATTRIBUTES_LINE + "\n", encoding="utf-8")
    return True


def _local_value(repo: git.Repo, key: str) -> str:
    try:
        return repo.git.config("--local", "--get", key).strip()
    except git.GitCommandError:
        return ""


def configure_driver(root: Path) -> bool:
    """Set the driver in the repository's own config (``git config --local``); True when it changed."""
    changed = False
    with repository.open_repo(root) as repo:
        for key, value in driver_config().items():
            if _local_value(repo, key) != value:
                repo.git.config("--local", key, value)
                changed = True
    return changed


def driver_is_configured(root: Path) -> bool:
    with repository.open_repo(root) as repo:
        return all(_local_value(repo, key) == value for key, value in driver_config().items())


@dataclass(frozen=True)
class SetupResult:
    attributes_changed: bool
    config_changed: bool
    commit: str | None


def setup_merge_driver(root: Path, *, commit: bool = True) -> SetupResult:
    """Register the driver for this clone; commit ``.gitattributes`` when it had to change."""
    if commit:
        repository.check_can_commit(root)  # refuse before writing anything
    attributes_changed = write_attributes(root)
    config_changed = configure_driver(root)
    sha = None
    if attributes_changed and commit:
        sha = repository.commit_paths(
            root, [ATTRIBUTES_FILE], _("Merge project files field by field (portfolio merge driver)")
        )
    return SetupResult(attributes_changed, config_changed, sha)


def attributes_select_driver(repo: git.Repo, path: str = project_relpath("example")) -> bool:
    """Whether git's attributes (any source) send ``path`` to the portfolio driver."""
    try:
        output = repo.git.check_attr("merge", "--", path)
    except git.GitCommandError:
        return False
    return output.strip().endswith(f": merge: {DRIVER_NAME}")
