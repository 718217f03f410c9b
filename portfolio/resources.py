"""Where the bundled default vocabulary and example portfolio live, and which schema files a portfolio uses.

In a wheel they are packaged under ``portfolio/_bundled``; in a source checkout (editable install)
they are the repository's own ``schema/`` and ``projects/``.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not loaded for it: a replayed answer (portfolio.cli.quick_answer) reads this
if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


def bundled_folder(name: str) -> str:
    """The bundled ``schema`` or ``projects`` folder, as text (no pathlib loaded for it)."""
    packaged = os.path.join(_PACKAGE_DIR, "_bundled", name)
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(_PACKAGE_DIR), name)


def bundled_dir(name: str) -> Path:
    """The bundled ``schema`` or ``projects`` folder."""
    from pathlib import Path

    return Path(bundled_folder(name))


SCHEMA_FILE = "project.schema.json"  # generated from the model and the vocabulary
SCHEMA_FILES = ("portfolio.toml", "municipalities.toml", "fields_of_action.toml", "statuses.toml")
# Vocabularies a portfolio may leave out without a warning: the bundled ones serve every region
# (the UN's goals; the results a council's decision can have), read from there when it has none.
SHARED_SCHEMA_FILES = ("sdgs.toml", "decision_results.toml")


def schema_file(root: Path | None, name: str) -> Path:
    """The portfolio's own ``schema/<name>``, or the bundled default when it has none."""
    from pathlib import Path

    return Path(schema_file_path(None if root is None else os.fspath(root), name))


def schema_file_path(root: str | None, name: str) -> str:
    """``schema_file`` as text."""
    if root is not None:
        own = os.path.join(root, "schema", name)
        if os.path.isfile(own):
            return own
    return os.path.join(bundled_folder("schema"), name)


def vocabulary_sources(root: Path | None) -> tuple[Path, ...]:
    """The files the vocabulary of the portfolio at ``root`` is read from: SCHEMA_FILES, then
    SHARED_SCHEMA_FILES, each the portfolio's own or the bundled one."""
    from pathlib import Path

    return tuple(map(Path, vocabulary_source_paths(None if root is None else os.fspath(root))))


def vocabulary_source_paths(root: str | None) -> tuple[str, ...]:
    """``vocabulary_sources`` as text."""
    return tuple(schema_file_path(root, name) for name in (*SCHEMA_FILES, *SHARED_SCHEMA_FILES))


def missing_schema_files(root: Path | None) -> tuple[str, ...]:
    """The schema files the portfolio at ``root`` lacks (each then comes from the bundled default).

    None for a folder without ``projects/``: that is no portfolio, which the command says instead."""
    if root is None or not (root / "projects").is_dir():
        return ()
    return tuple(name for name in SCHEMA_FILES if not (root / "schema" / name).is_file())


def schema_path(root: Path) -> Path:
    """The portfolio's generated JSON Schema of project files."""
    return root / "schema" / SCHEMA_FILE
