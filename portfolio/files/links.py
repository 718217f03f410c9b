"""What the rules across projects read of each file on disk, without validating it: its ``depends_on``
and ``adopted_from``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.errors import UnsafeFile
from portfolio.files.listing import list_project_files, read_file_bytes
from portfolio.files.reading import parse_toml


@dataclass(frozen=True)
class LinksOnDisk:
    """What the rules across projects read of each file: its ``depends_on``, its ``adopted_from``."""

    depends_on: dict[str, tuple[str, ...]]
    adopted_from: dict[str, str]
    known: set[str]  # the id of every project file, valid or not


def links_on_disk(root: Path) -> LinksOnDisk:
    """Each project file's ``depends_on`` and ``adopted_from`` and the id of every project file, read
    without validating.

    The rules across projects need nothing else; a save that checks them reads the other files
    (the fast reader first) instead of validating the whole portfolio with the model.
    """
    files, _problems = list_project_files(root)  # the listing's own problems are check's to report
    graph: dict[str, tuple[str, ...]] = {}
    adopted: dict[str, str] = {}
    for project_id, path in files:
        try:
            data, _errors = parse_toml(read_file_bytes(path).decode("utf-8"), project_id)
        except (FileNotFoundError, UnsafeFile, UnicodeDecodeError):
            continue  # gone, or unreadable: it still counts as a file, its own error is check's to tell
        if data is None:
            continue
        depends_on = data.get("depends_on", [])
        if isinstance(depends_on, list) and all(isinstance(item, str) for item in depends_on):
            graph[project_id] = tuple(depends_on)
        if isinstance(data.get("adopted_from"), str):
            adopted[project_id] = data["adopted_from"]
    return LinksOnDisk(graph, adopted, {project_id for project_id, _path in files})
