"""git's merge driver for ``projects/*.toml``: three versions of a file in, the merged file out.

git calls ``portfolio merge-driver %O %A %B %P`` (base, ours, theirs, the file's path) for every
project file that changed on both sides, in ``git merge``, ``git rebase``, ``git pull`` and
``portfolio sync`` alike (with a rename, %P is the new name). The result goes to %A; exit 0 means
merged, anything else a conflict that git then reports as usual.

What "readable" means here: TOML that fits the project's structure (keys, types, required keys,
unique items, dates in order). Whether a municipality or status is in the vocabulary is not a
question of merging: a branch may add a slug to ``schema/`` in the same merge, and ``portfolio
check`` judges the result.

When a side cannot be read (invalid TOML, conflict markers, a structural error), nothing is
guessed: git's own line merge (``git merge-file``) writes the file, with conflict markers where
lines conflict, and the driver reports a conflict, so that no edit is lost or silently taken.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.domain.parsing import try_parse_project
from portfolio.errors import UnsafeFile
from portfolio.files.canonical import canonical_text
from portfolio.files.listing import MAX_FILE_BYTES, read_file_bytes
from portfolio.files.reading import parse_project_bytes, validation_problems
from portfolio.git.merge import FieldConflict, MergeResult, file_data, merge_project_data
from portfolio.git.merge_render import conflict_text
from portfolio.i18n import _
from portfolio.problems import Problem
from portfolio.textsafety import json_text

if TYPE_CHECKING:
    from pydantic import ValidationError

# When set, the driver appends one JSON line per conflicting file to this file (portfolio sync reads it).
MERGE_REPORT_ENV = "PORTFOLIO_MERGE_REPORT"


class _AnySlug:
    """Contains every value: vocabulary membership is not checked while merging."""

    def __contains__(self, value: object) -> bool:
        return True

    def __iter__(self):
        return iter(())


class OpenVocabulary:
    """Stands in for the portfolio's vocabulary and accepts every slug (see the module's note)."""

    municipality_slugs = field_slugs = status_slugs = priority_slugs = funding_status_slugs = module_numbers = (
        sdg_numbers
    ) = decision_result_slugs = _AnySlug()


OPEN_VOCABULARY: Any = OpenVocabulary()


@dataclass
class FileMerge:
    """The outcome for one file: the merged bytes, or the conflicts and why."""

    path: str
    result: bytes | None  # None: the sides could not be read; git's line merge decides the content
    conflicts: list[FieldConflict] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    comments_dropped: bool = False

    @property
    def clean(self) -> bool:
        return self.result is not None and not self.conflicts

    def messages(self) -> list[str]:
        lines = [f"{self.path}: {_('conflict')}: {conflict.describe()}" for conflict in self.conflicts]
        if self.unreadable:
            lines.append(
                _(
                    "{path}: not merged field by field, because a version cannot be read; git's line merge was used:"
                ).format(path=self.path)
            )
            lines.extend(f"  {problem.to_text()}" for problem in self.unreadable)
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "conflicts": [conflict.summary() for conflict in self.conflicts],
            "unreadable": [problem.to_text() for problem in self.unreadable],
        }


def _read_side(raw: bytes, path: str, label: str) -> tuple[dict | None, list[Problem]]:
    parsed = parse_project_bytes(raw, f"{path} ({label})", OPEN_VOCABULARY)
    if parsed.project is None:
        return None, parsed.errors or parsed.problems
    return parsed.project.model_dump(mode="python"), []


def _has_comments(raw: bytes) -> bool:
    if b"#" not in raw:
        return False
    from portfolio.positions import scan  # only for a file with a "#" in it

    return bool(scan(raw.decode("utf-8", "replace")).comments)


def _invalid_conflicts(error: ValidationError, path: str, ours: dict, theirs: dict) -> list[FieldConflict]:
    conflicts: dict[str, FieldConflict] = {}
    problems = validation_problems(error, path, None)
    for item, problem in zip(error.errors(include_url=False), problems):
        loc = tuple(item["loc"]) + tuple((item.get("ctx") or {}).get("at", ()))
        name = str(loc[0]) if loc else "title"
        if name in ours and name not in conflicts:
            conflicts[name] = FieldConflict(name, "invalid", ours[name], theirs[name], detail=problem.message)
    return list(conflicts.values())


def merge_file_bytes(base: bytes, ours: bytes, theirs: bytes, path: str, *, marker_size: int = 7) -> FileMerge:
    """Merge three versions of a project file (no git, no files)."""
    if ours == theirs or base == theirs:
        return FileMerge(path, ours)
    if base == ours:
        return FileMerge(path, theirs)
    sides = [(base, "base"), (ours, "ours"), (theirs, "theirs")] if base else [(ours, "ours"), (theirs, "theirs")]
    data: dict[str, dict | None] = {}
    unreadable: list[Problem] = []
    for raw, label in sides:
        data[label], problems = _read_side(raw, path, label)
        unreadable.extend(problems)
    if unreadable:
        return FileMerge(path, None, unreadable=unreadable)
    result: MergeResult = merge_project_data(data.get("base"), data["ours"], data["theirs"])
    dropped = any(_has_comments(raw) for raw, _label in sides)
    if result.clean:
        project, error = try_parse_project(file_data(result.data), OPEN_VOCABULARY)
        if error is not None:
            result.conflicts.extend(_invalid_conflicts(error, path, data["ours"], data["theirs"]))
        else:
            return FileMerge(path, canonical_text(project).encode("utf-8"), comments_dropped=dropped)
    text = conflict_text(result, data["ours"], data["theirs"], marker_size=marker_size)
    return FileMerge(path, text.encode("utf-8"), result.conflicts, comments_dropped=dropped)


def _line_merge(base_file: Path, ours_file: Path, theirs_file: Path, marker_size: int) -> None:
    """git's own line merge into ``ours_file`` (conflict markers where lines conflict)."""
    import git  # GitPython only for a file the field-wise merge cannot read

    try:
        git.Git(str(ours_file.parent)).merge_file(
            f"--marker-size={marker_size}",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            "--",
            str(ours_file),
            str(base_file),
            str(theirs_file),
        )
    except git.GitCommandError:
        pass  # the exit status counts the conflicts; the file holds the result with markers


def _report(merge: FileMerge) -> None:
    report = os.environ.get(MERGE_REPORT_ENV)
    if report and not merge.clean:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(json_text(merge.to_json()) + "\n")


def _read_version(path: Path) -> bytes:
    """One version git hands over: a regular file of at most MAX_FILE_BYTES, opened without blocking
    (a FIFO) or following a symlink; anything else fails the merge (UnsafeFile: exit 1, a conflict to git)."""
    try:
        raw = read_file_bytes(path)
    except FileNotFoundError:
        raise UnsafeFile(_("{path}: no such file; cannot merge").format(path=path)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise UnsafeFile(
            _("{path}: larger than {limit} bytes; project files are not that large, not merged").format(
                path=path, limit=MAX_FILE_BYTES
            )
        )
    return raw


def run_merge_driver(
    base_file: Path, ours_file: Path, theirs_file: Path, path: str, *, marker_size: int = 7
) -> FileMerge:
    """What ``portfolio merge-driver`` does: merge, write the result to ``ours_file``, report conflicts."""
    raws = [_read_version(file) for file in (base_file, ours_file, theirs_file)]
    merge = merge_file_bytes(*raws, path, marker_size=marker_size)
    if merge.result is None:
        _line_merge(base_file, ours_file, theirs_file, marker_size)
    elif merge.result != raws[1]:
        ours_file.write_bytes(merge.result)
    _report(merge)
    return merge
