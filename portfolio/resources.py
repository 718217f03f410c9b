"""Where the bundled default vocabulary and example portfolio live, and which schema files a portfolio uses.

In a wheel they are packaged under ``portfolio/_bundled``; in a source checkout (editable install)
they are the repository's own ``schema/`` and ``projects/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """The bundled ``schema`` or ``projects`` folder."""
    packaged = _PACKAGE_DIR / "_bundled" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


SCHEMA_FILE = "project.schema.json"  # generated from the model and the vocabulary
SCHEMA_FILES = ("portfolio.toml", "municipalities.toml", "fields_of_action.toml", "statuses.toml")


def schema_file(root: Path | None, name: str) -> Path:
    """The portfolio's own ``schema/<name>``, or the bundled default when it has none."""
    if root is not None:
        own = root / "schema" / name
        if own.is_file():
            return own
    return bundled_dir("schema") / name


def missing_schema_files(root: Path | None) -> tuple[str, ...]:
    """The schema files the portfolio at ``root`` lacks (each then comes from the bundled default).

    None for a folder without ``projects/``: that is no portfolio, which the command says instead."""
    if root is None or not (root / "projects").is_dir():
        return ()
    return tuple(name for name in SCHEMA_FILES if not (root / "schema" / name).is_file())


def schema_path(root: Path) -> Path:
    """The portfolio's generated JSON Schema of project files."""
    return root / "schema" / SCHEMA_FILE
