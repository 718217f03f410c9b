"""The verdicts on a project file that need no record: the file is certainly fine, or the full
reading (``reading.parse_project_bytes``) says what it is.

The history reads every version of every file and keeps only their values; ``check`` reads every
file and keeps only its links. Almost every one is valid and canonical: told from its data, it
skips making the record, a quarter to a third of the time of a file.

Of the few invalid versions, most hold the commonest mistakes alone: a required key left out, a
status or priority that is none of the vocabulary's. ``certain_problems`` tells those in the
model's words and at its positions, without the model (pydantic takes ~0.25 s to import, and the
model ~0.4 ms a file); any other goes to the model. A differential test holds it to the model
(tests/test_quick_problems.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.domain.acceptance import REQUIRED, certainly_valid, certainly_valid_field, knows_the_fields
from portfolio.domain.fields import registry
from portfolio.files.canonical import read_canonically
from portfolio.files.reading import decode_project_bytes, error_problem, read_toml

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.problems import Problem

# The fields holding one slug of a vocabulary: the kind the model names it by, the vocabulary's slugs.
_SLUG_FIELDS = {"status": ("status", "status_slugs"), "priority": ("priority", "priority_slugs")}


def certainly_valid_data(raw: bytes, vocabulary: Vocabulary) -> dict | None:
    """The data of a version of a project file that is certainly valid (what ``parse_project_bytes``
    would make a project of at once), else None: then ``parse_project_bytes`` says what it is."""
    text, problems = decode_project_bytes(raw, "")
    if text is None or problems:
        return None
    data, _problems, _fast_read = read_toml(text, "")
    return data if data is not None and certainly_valid(data, vocabulary) else None


def plainly_fine_data(raw: bytes, vocabulary: Vocabulary) -> tuple[str, dict] | None:
    """The text and data of a file ``parse_project_bytes(..., lint=True)`` finds nothing wrong with,
    told without making its record: certainly valid and in canonical form (the fast reader reads no
    comment). None: then ``parse_project_bytes`` says what it is (``check`` reads every file so first)."""
    text, problems = decode_project_bytes(raw, "")
    if text is None or problems:
        return None
    data, _problems, fast_read = read_toml(text, "")
    if not fast_read or not certainly_valid(data, vocabulary) or not read_canonically(text, data):
        return None
    return text, data


def certain_problems(raw: bytes, path: str, vocabulary: Vocabulary) -> list[Problem] | None:
    """The problems ``parse_project_bytes(raw, path, vocabulary)`` finds, where they are only required
    keys left out and unknown slugs of a status or a priority (every other field certainly valid on
    its own); else None: then the model tells."""
    text, problems = decode_project_bytes(raw, path)
    if text is None or problems:
        return None
    data, _problems, _fast_read = read_toml(text, path)
    if type(data) is not dict or not knows_the_fields() or not data.keys() <= set(registry().names):
        return None
    errors = []  # as pydantic reports them: field by field, in the model's order
    for name in registry().names:
        if name not in data:
            if name in REQUIRED:
                errors.append({"type": "missing", "loc": (name,)})
            continue
        value = data[name]
        if certainly_valid_field(name, value, vocabulary):
            continue
        slug = _SLUG_FIELDS.get(name)
        known = getattr(vocabulary, slug[1]) if slug else ()
        if slug is None or type(value) is not str or value in known:
            return None
        from portfolio.domain.value_rules import unknown_slug_message

        errors.append(
            {"type": f"unknown-{slug[0]}", "loc": (name,), "msg": unknown_slug_message(slug[0], value, known)}
        )
    if not errors:  # every field fine on its own: a rule over several of them is broken, the model tells
        return None
    from portfolio.positions import scan

    source = scan(text)
    return [error_problem(error, path, source) for error in errors]
