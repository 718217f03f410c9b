"""The portfolio's generated JSON Schema file (``schema/project.schema.json``): is it current, write it anew."""

from __future__ import annotations

from pathlib import Path

from portfolio.domain.json_schema import schema_path, schema_text
from portfolio.domain.vocabulary import Vocabulary
from portfolio.files.output_file import write_output
from portfolio.i18n import _
from portfolio.problems import Problem


def schema_file_problems(root: Path, vocabulary: Vocabulary, *, strict: bool = False) -> list[Problem]:
    """A problem when the committed schema file differs from what the vocabulary generates."""
    path = schema_path(root)
    if not path.is_file():
        return []
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current == schema_text(vocabulary):
        return []
    return [
        Problem(
            path.relative_to(root).as_posix(),
            None,
            None,
            "schema-outdated",
            _("does not match the vocabulary in schema/; run 'portfolio schema --write'"),
            "error" if strict else "warning",
        )
    ]


def write_schema_file(root: Path, vocabulary: Vocabulary) -> Path:
    """Write the schema the vocabulary generates (atomically); returns its path."""
    path = schema_path(root)
    path.parent.mkdir(exist_ok=True)
    write_output(path, schema_text(vocabulary).encode("utf-8"))
    return path
