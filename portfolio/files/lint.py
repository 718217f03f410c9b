"""Warnings about a valid project file: comments the tool would drop, and a file not in canonical form."""

from __future__ import annotations

from portfolio.domain.project_record import ProjectRecord
from portfolio.files.canonical import canonical_text, same_text, spelled_canonically
from portfolio.i18n import _
from portfolio.positions import SourceMap, scan
from portfolio.problems import Problem


def lint_problems(
    text: str, project: ProjectRecord, path: str, source: SourceMap | None = None, *, canonical_data: dict | None = None
) -> list[Problem]:
    """Warnings about a valid file: comments the tool would drop, and non-canonical form.

    ``canonical_data``: what the fast reader read of ``text``, if it did; then the canonical form is
    told from the data, and written only when the file is not in it."""
    problems = []
    if "#" in text:
        source = source or scan(text)
        for comment in source.comments:
            problems.append(
                Problem(
                    path,
                    comment.line,
                    comment.column,
                    "comment",
                    _("comments are not kept when the file is saved by the tool; put this text into 'notes'"),
                    "warning",
                )
            )
    if canonical_data is not None and spelled_canonically(text, canonical_data, project):
        return problems
    canonical = canonical_text(project)
    if not same_text(canonical, text):  # CRLF from a Windows checkout is canonical too
        line = _first_difference_line(text, canonical)
        problems.append(
            Problem(
                path,
                line,
                1,
                "not-canonical",
                _("not in canonical form (first difference in line {line}); run 'portfolio fmt'").format(line=line),
                "warning",
            )
        )
    return problems


def _first_difference_line(text: str, canonical: str) -> int:
    lines, canonical_lines = text.splitlines(), canonical.splitlines()
    for number, (mine, theirs) in enumerate(zip(lines, canonical_lines), start=1):
        if mine != theirs:
            return number
    return min(len(lines), len(canonical_lines)) + 1
