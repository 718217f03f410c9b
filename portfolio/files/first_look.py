"""A first look at a portfolio, before anything is validated: what a list of projects shows first.

Validating needs pydantic: 70 ms to import and set up, then about 30 us a project. To show a list
at once, this module reads the same files with the fast reader alone (``fastread``, with tomllib
for files that are not in canonical form), takes the few fields a list shows, and labels them from
the schema files read as plain TOML. It never imports pydantic (a test checks).

Nothing here is trusted or reported: a file that cannot be read, or whose listed fields are
missing or of the wrong type, is simply left out, and a schema that does not look as expected
makes ``first_look`` return None. The full load (``loading.load_portfolio``) follows and has the
last word: it validates everything and lists each broken file with its reason.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from portfolio.domain.ids import PROJECTS_PREFIX, is_valid_id
from portfolio.files.fastread import read_canonical
from portfolio.files.glanced import FirstLook, GlancedLabels, GlancedProject
from portfolio.files.listing import MAX_FILE_BYTES, list_project_files, read_file_bytes
from portfolio.resources import SCHEMA_FILES, schema_file


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _labelled(entries: Any, key: str = "slug") -> dict[str, dict[str, str]]:
    return {str(entry[key]): dict(entry["label"]) for entry in entries}


def glance_labels(root: Path) -> GlancedLabels:
    """Raises on anything unexpected (the caller gives up the first look)."""
    settings, municipalities, fields, statuses = (_read_toml(schema_file(root, name)) for name in SCHEMA_FILES)
    return GlancedLabels(
        region=str(settings["region"]),
        default_language=str(settings.get("default_language", "de")),
        labels={
            "status": _labelled(statuses["status"]),
            "field": _labelled(fields["field"]),
            "module": _labelled(settings.get("module", []), "number"),
            "priority": _labelled(settings.get("priority", [])),
        },
        municipality_names={str(entry["slug"]): str(entry["name"]) for entry in municipalities["municipality"]},
        priority_fields=frozenset(str(entry["slug"]) for entry in fields["field"] if entry.get("priority") is True),
    )


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def glance_project(project_id: str, relpath: str, raw: bytes) -> GlancedProject | None:
    """The listed fields of one file, or None when they cannot be taken as they are."""
    if len(raw) > MAX_FILE_BYTES:
        return None
    try:
        text = raw.decode("utf-8")
        glanced = _listed_fields(project_id, relpath, read_canonical(_listed_part(text)))
        if glanced is None:  # not in canonical form: the whole file, by tomllib
            glanced = _listed_fields(project_id, relpath, tomllib.loads(text))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    return glanced


_LAST_LISTED = "\nfields_of_action = [\n"


def _listed_part(text: str) -> str:
    """The lines up to the end of ``fields_of_action``: in canonical key order every listed field is
    there (summary and description, the long ones, follow). Any other order leaves one out, and
    the whole file is read instead."""
    start = text.find(_LAST_LISTED)
    end = text.find("\n]\n", start + len(_LAST_LISTED) - 1) if start >= 0 else -1
    return text[: end + 3] if end >= 0 else text


def _listed_fields(project_id: str, relpath: str, data: dict[str, Any] | None) -> GlancedProject | None:
    if data is None:
        return None
    title, status, module = data.get("title"), data.get("status"), data.get("module")
    municipalities, fields = _strings(data.get("municipalities")), _strings(data.get("fields_of_action"))
    if not (isinstance(title, str) and isinstance(status, str) and type(module) is int and municipalities and fields):
        return None
    return GlancedProject(project_id, relpath, title, status, module, municipalities, fields)


def first_look(root: Path) -> FirstLook | None:
    """The projects a list can show now, or None when not even the schema reads as expected."""
    try:
        labels = glance_labels(root)
        files, _problems = list_project_files(root)
    except Exception:  # the full load reports what is wrong, with file and line
        return None
    projects = []
    for project_id, path in files:
        if not is_valid_id(project_id):
            continue
        relpath = PROJECTS_PREFIX + path.name
        try:
            raw = read_file_bytes(path)
        except Exception:
            continue
        glanced = glance_project(project_id, relpath, raw)
        if glanced is not None:
            projects.append(glanced)
    return FirstLook(labels, tuple(projects), len(files))
