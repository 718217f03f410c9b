"""The verdicts on a project file that need no record: the file is certainly fine, or the full
reading (``reading.parse_project_bytes``) says what it is.

The history reads every version of every file and keeps only their values; ``check`` reads every
file and keeps only its links. Almost every one is valid and canonical: told from its data, it
skips making the record, a quarter to a third of the time of a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.domain.acceptance import certainly_valid
from portfolio.files.canonical import read_canonically
from portfolio.files.reading import decode_project_bytes, read_toml

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary


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
