"""The portfolio's generated JSON Schema file (``schema/project.schema.json``): is it current, write it anew."""

from __future__ import annotations

from pathlib import Path

from portfolio.domain.acceptance import knows_the_fields
from portfolio.domain.vocabulary import Vocabulary
from portfolio.domain.vocabulary_verdicts import known_verdict, remember_verdict, verdict_key
from portfolio.files.output_file import write_output
from portfolio.i18n import _
from portfolio.problems import Problem
from portfolio.resources import schema_path


def schema_file_problems(root: Path, vocabulary: Vocabulary, *, strict: bool = False) -> list[Problem]:
    """A problem when the committed schema file differs from what the vocabulary generates."""
    path = schema_path(root)
    if not path.is_file():
        return []
    if _is_current(path, vocabulary):
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


def _is_current(path: Path, vocabulary: Vocabulary) -> bool:
    """Whether the file holds what the model and the vocabulary generate; remembered per bytes of
    both (``vocabulary_verdicts``), since generating it means building the pydantic model."""
    try:
        current = path.read_bytes()
        contents = [current, *(source.read_bytes() for source in vocabulary.sources)]
    except OSError:
        return False
    key = verdict_key(contents, "schema") if knows_the_fields() and vocabulary.sources else None
    if key is not None and known_verdict(key, "schema"):
        return True
    from portfolio.domain.json_schema import schema_text

    if current != schema_text(vocabulary).encode("utf-8"):
        return False
    if key is not None:
        remember_verdict(key, "schema")
    return True


def write_schema_file(root: Path, vocabulary: Vocabulary) -> Path:
    """Write the schema the vocabulary generates (atomically); returns its path."""
    path = schema_path(root)
    from portfolio.domain.json_schema import schema_text

    path.parent.mkdir(exist_ok=True)
    write_output(path, schema_text(vocabulary).encode("utf-8"))
    return path
