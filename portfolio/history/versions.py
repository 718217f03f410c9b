"""One version of a project file, read from its bytes once: its values, or why it is invalid.

Versions are content-addressed: the same blob is the same version wherever it appears, so each
distinct blob is parsed once. Values are the file's data as the model writes it
(``Project.to_data()`` order, optional empty values left out) in JSON form: dates as ISO strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..model import Project
from ..reading import parse_project_bytes
from ..vocabulary import Vocabulary

SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"


@dataclass(frozen=True, slots=True)
class Version:
    """A version of a project file: ``values`` when it is valid, else ``invalid`` (the reason)."""

    values: dict[str, Any] | None
    invalid: str | None = None

    @property
    def valid(self) -> bool:
        return self.values is not None


def project_values(project: Project) -> dict[str, Any]:
    """The file's data in canonical key order, JSON-ready (dates as ISO 8601 strings)."""
    return project.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _reason(problems: list) -> str:
    parts = []
    for problem in problems:
        if problem.severity != "error":
            continue
        where = f"{problem.line}:{problem.column}: " if problem.line is not None and problem.column is not None else (
            f"{problem.line}: " if problem.line is not None else "")
        parts.append(f"{where}{problem.message} [{problem.code}]")
    return "; ".join(parts) or _("not a valid project file")


def read_version(raw: bytes, vocabulary: Vocabulary) -> Version:
    """Parse and validate one blob; never raises for bad input."""
    parsed = parse_project_bytes(raw, "", vocabulary)
    if parsed.project is not None:
        return Version(project_values(parsed.project))
    return Version(None, _reason(parsed.problems))


def special_version(mode: str) -> Version | None:
    """The version of an entry that is not a regular file (a symlink or a submodule), else None."""
    if mode == SYMLINK_MODE:
        return Version(None, _("is a symbolic link; project files must be regular files"))
    if mode == SUBMODULE_MODE:
        return Version(None, _("is a submodule; project files must be regular files"))
    return None
