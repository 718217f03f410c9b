"""One version of a project file, read from its bytes once: its values, or why it is invalid.

Versions are content-addressed: the same blob is the same version wherever it appears, so each
distinct blob is parsed once. Values are the file's data as the model writes it
(``ProjectRecord.to_data()`` order, optional empty values left out) in JSON form: dates as ISO strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from portfolio.i18n import _

if TYPE_CHECKING:  # the model and the reader are imported when a version is read, not for a cached history
    from portfolio.domain.project_record import ProjectRecord
    from portfolio.domain.vocabulary import Vocabulary

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


def project_values(project: ProjectRecord) -> dict[str, Any]:
    """The file's data in canonical key order, JSON-ready (dates as ISO 8601 strings)."""
    return project.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _reason(problems: list) -> str:
    parts = []
    for problem in problems:
        if problem.severity != "error":
            continue
        where = (
            f"{problem.line}:{problem.column}: "
            if problem.line is not None and problem.column is not None
            else (f"{problem.line}: " if problem.line is not None else "")
        )
        parts.append(f"{where}{problem.message} [{problem.code}]")
    return "; ".join(parts) or _("not a valid project file")


def load_readers() -> None:
    """Imports what ``read_version`` needs (~30 ms): for a caller that has that time while git walks,
    and would otherwise spend it after git, in the first version read."""
    import portfolio.domain.project_record
    import portfolio.files.quick_verdicts
    import portfolio.files.reading  # noqa: F401


def read_version(raw: bytes, vocabulary: Vocabulary) -> Version:
    """Parse and validate one blob; never raises for bad input."""
    from portfolio.domain.project_record import json_data
    from portfolio.files.quick_verdicts import certain_problems, certainly_valid_data
    from portfolio.files.reading import parse_project_bytes

    data = certainly_valid_data(raw, vocabulary)
    if data is not None:  # most versions: their values without a record made of them first
        return Version(json_data(data))
    problems = certain_problems(raw, "", vocabulary)
    if problems is not None:  # most invalid ones: what is wrong with them without the model
        return Version(None, _reason(problems))
    parsed = parse_project_bytes(raw, "", vocabulary)
    if parsed.project is not None:
        return Version(project_values(parsed.project))
    return Version(None, _reason(parsed.problems))


# In the history's version table (blob key -> version) a version is kept as plain data: its values
# (a dict) when it is valid, else the reason it is invalid (a str). The cache stores and loads that
# table as it is, with no object made per version.
PlainVersion = dict[str, Any] | str


def plain(version: Version) -> PlainVersion:
    return version.values if version.values is not None else str(version.invalid)


class SharedValues:
    """Makes equal values the same objects, across all the versions it has seen.

    Successive versions of a file differ in a field or two; sharing the rest means that the
    history holds each distinct value once, and that the cache (marshal writes an object that is
    referenced twice only once) is smaller and loads faster. Values are read-only everywhere.
    Strings, lists and tables are shared; numbers and booleans are small and left as they are.
    """

    def __init__(self) -> None:
        self._pool: dict[Any, Any] = {}  # str -> str; (list or dict, its repr) -> the list or dict

    def share(self, values: dict[str, Any]) -> dict[str, Any]:
        """Replaces, in ``values`` itself, each value by an equal one seen before; returns ``values``."""
        for name, value in values.items():
            values[name] = self.share_one(value)
        return values

    def share_one(self, value: Any) -> Any:
        """An equal value seen before, else ``value`` (kept to be given for the next equal one)."""
        kind = type(value)
        if kind is str:
            return self._pool.setdefault(value, value)
        if kind is list or kind is dict:
            # repr, unlike ==, tells 1, 1.0 and True apart and sees the order of a table's keys
            return self._pool.setdefault((kind, repr(value)), value)
        return value


def plain_reader(shared: SharedValues) -> Callable[[bytes, Vocabulary], PlainVersion]:
    """Parses a blob into its plain version, its values shared with the versions read before.

    A version in canonical form is read statement by statement, each statement seen before taken as
    it was (portfolio.files.statements); any other is read by ``read_version``."""
    statements = None

    def read(raw: bytes, vocabulary: Vocabulary) -> PlainVersion:
        nonlocal statements
        if statements is None or statements.vocabulary is not vocabulary:
            from portfolio.files.statements import StatementReader

            statements = StatementReader(vocabulary, shared.share_one)
        values = statements.json_values(raw)
        if values is not None:
            return values
        version = plain(read_version(raw, vocabulary))
        return shared.share(version) if type(version) is dict else version

    return read


def special_version(mode: str) -> Version | None:
    """The version of an entry that is not a regular file (a symlink or a submodule), else None."""
    if mode == SYMLINK_MODE:
        return Version(None, _("is a symbolic link; project files must be regular files"))
    if mode == SUBMODULE_MODE:
        return Version(None, _("is a submodule; project files must be regular files"))
    return None
