"""A project's identity: its id is its file name, ``projects/<id>.toml``.

The one module that knows how an id is spelled and where its file lives; everything else asks it.
"""

from __future__ import annotations

import re

from portfolio.errors import PortfolioError
from portfolio.i18n import _

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$"  # a project's id is its file name
ID_RE = re.compile(ID_PATTERN)
PROJECTS_DIR = "projects"
SUFFIX = ".toml"
PROJECTS_PREFIX = PROJECTS_DIR + "/"
PROJECT_GLOB = f"{PROJECTS_PREFIX}*{SUFFIX}"  # every project file, as git attributes and editors match it


def is_valid_id(value: str) -> bool:
    return bool(ID_RE.fullmatch(value))


def project_relpath(project_id: str) -> str:
    """The path of a project's file, relative to the portfolio's root (``projects/<id>.toml``)."""
    return f"{PROJECTS_PREFIX}{project_id}{SUFFIX}"


def project_id_of(path: str | None) -> str | None:
    """The id a repository path names (``projects/<id>.toml`` -> ``<id>``, valid or not), else None."""
    if path is None or not (path.startswith(PROJECTS_PREFIX) and path.endswith(SUFFIX)):
        return None
    name = path[len(PROJECTS_PREFIX) : -len(SUFFIX)]
    return name if name and "/" not in name else None


def invalid_id_message(project_id: str) -> str:
    """Why ``project_id`` is refused, told the same way wherever an id is typed or found."""
    return _(
        "{id!r} is not a valid project id: use 3 to 64 lower-case letters, digits and hyphens, "
        "not starting or ending with a hyphen"
    ).format(id=project_id)


class InvalidId(PortfolioError):
    """An id that cannot name a project: refused data (exit 1), as ``set``, ``show`` and ``import`` refuse it;
    a usage error (exit 2) is a command of the wrong shape, not a value the tool refuses."""

    exit_code = 1


def require_valid_id(project_id: str) -> None:
    if not is_valid_id(project_id):
        raise InvalidId(invalid_id_message(project_id))
