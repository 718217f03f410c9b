"""Loading ``projects/<id>.toml``: the valid projects AND the problems, one bad file never hiding
the others. Only reading here (``portfolio show`` imports nothing that writes); saving is
``portfolio.files.store``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from portfolio.digests import key_digest
from portfolio.domain.ids import SUFFIX, invalid_id_message, is_valid_id, project_relpath
from portfolio.domain.records import Portfolio, StoredProject
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import InvalidProject, ProjectNotFound, UnsafeFile
from portfolio.files.listing import list_project_files, listed_relpath, projects_dir, read_file_bytes
from portfolio.files.reading import parse_project_bytes
from portfolio.i18n import _
from portfolio.problems import Problem


def fingerprint(raw: bytes) -> str:
    """Identifies the exact content a project was loaded from (to detect concurrent changes)."""
    return key_digest(raw).hexdigest()


def _file_name_problems(files: list[tuple[str, Path]]) -> list[Problem]:
    problems = []
    by_folded: dict[str, list[str]] = {}
    for project_id, path in files:
        relpath = listed_relpath(path)
        by_folded.setdefault(project_id.casefold(), []).append(relpath)
        if not is_valid_id(project_id):
            problems.append(
                Problem(
                    relpath,
                    None,
                    None,
                    "bad-filename",
                    invalid_id_message(project_id),
                )
            )
    for relpaths in by_folded.values():
        if len(relpaths) > 1:
            for relpath in relpaths:
                others = ", ".join(other for other in relpaths if other != relpath)
                problems.append(
                    Problem(
                        relpath,
                        None,
                        None,
                        "id-case-collision",
                        _("differs from {others} only in case; on Windows and macOS they are the same file").format(
                            others=others
                        ),
                    )
                )
    return problems


def load_portfolio(root: Path, vocabulary: Vocabulary | None = None, *, lint: bool = False) -> Portfolio:
    """Every valid project under ``root/projects`` and every problem found while reading."""
    portfolio, files = listed_portfolio(root, vocabulary)
    load_files(portfolio, files, lint=lint)
    return portfolio


def listed_portfolio(root: Path, vocabulary: Vocabulary | None = None) -> tuple[Portfolio, list[tuple[str, Path]]]:
    """An empty portfolio with the problems of its listing and file names, and its files to load."""
    files, problems = list_project_files(root)
    problems.extend(_file_name_problems(files))
    return Portfolio(root, vocabulary or load_vocabulary(root), problems=problems), files


def read_listed(files: list[tuple[str, Path]], problems: list[Problem]) -> Iterator[tuple[str, str, bytes]]:
    """The id, ``projects/`` path and bytes of each of ``files``; one that cannot be read is a
    problem in ``problems`` (one removed since the listing is none: it is no longer there)."""
    for project_id, path in files:
        relpath = listed_relpath(path)
        try:
            raw = read_file_bytes(path)
        except FileNotFoundError:
            continue
        except UnsafeFile as error:
            problems.append(Problem(relpath, None, None, "unreadable", error.message))
            continue
        yield project_id, relpath, raw


def load_files(portfolio: Portfolio, files: list[tuple[str, Path]], *, lint: bool = False) -> None:
    """Read, parse and validate ``files`` into ``portfolio``: its valid projects and its problems."""
    vocabulary, problems = portfolio.vocabulary, portfolio.problems
    portfolio.files_checked += len(files)
    for project_id, relpath, raw in read_listed(files, problems):
        parsed = parse_project_bytes(raw, relpath, vocabulary, lint=lint)
        problems.extend(parsed.problems)
        if parsed.project is not None and is_valid_id(project_id):
            portfolio.projects[project_id] = StoredProject(
                project_id, relpath, parsed.project, fingerprint(raw), parsed.text
            )


def load_project(root: Path, project_id: str, vocabulary: Vocabulary | None = None) -> StoredProject:
    """One valid project; raises ProjectNotFound or InvalidProject (with its problems)."""
    vocabulary = vocabulary or load_vocabulary(root)
    if not is_valid_id(project_id):
        raise ProjectNotFound(_("{id!r} is not a valid project id").format(id=project_id))
    path = projects_dir(root) / f"{project_id}{SUFFIX}"
    relpath = project_relpath(project_id)
    try:
        raw = read_file_bytes(path)
    except FileNotFoundError:
        raise ProjectNotFound(
            _("no project {id!r} ({path} does not exist)").format(id=project_id, path=relpath)
        ) from None
    parsed = parse_project_bytes(raw, relpath, vocabulary)
    if parsed.project is None:
        raise InvalidProject(_("{path} is not a valid project").format(path=relpath), parsed.errors)
    return StoredProject(project_id, relpath, parsed.project, fingerprint(raw), parsed.text)
