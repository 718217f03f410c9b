"""Reading many versions of project files, each statement once.

The history reads every version of every project file: thousands of files, each differing from
the one before in a line or two. A file in canonical form is a sequence of statements (``key =
value`` on one line, or an array or a multi-line text over several lines), and a statement seen
before holds the same value, passes or fails the same checks and has the same JSON form as then.
``StatementReader.json_values`` cuts a file into its statements and looks each up; only a new one
is read (by the fast reader) and checked (by the acceptance's checks of one field).

What it gives is what ``json_data(certainly_valid_data(raw))`` gives, or None where that would be
None or where this cannot tell (a file not in canonical form, fields out of order): the caller then
reads the file the full way. A differential test holds it to them (tests/test_statements.py).
Measured in-process on the 8,320 versions of a generated history of 1,000 projects x 10,000
commits, on a slow machine: ~27-34 us a version, against ~110-150 us for ``read_version`` and
sharing its values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from portfolio.domain.acceptance import certainly_valid_field, knows_the_fields, valid_together
from portfolio.domain.fields import registry
from portfolio.domain.project_record import LEFT_OUT, field_json
from portfolio.files.fastread import canonical_shape, read_statement
from portfolio.files.reading import untroubled_text

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary

# A statement: (the field's place in the registry, its name, its value, its JSON form or LEFT_OUT);
# None for one that is not a field certainly valid on its own (the file is read the full way).
Statement = tuple[int, str, Any, Any] | None

_UNSEEN = object()

# Bounds the statements kept (a history may hold any number of distinct ones): ~200 bytes each.
KEPT_STATEMENTS = 500_000


class StatementReader:
    """Reads the versions of project files of one vocabulary, remembering their statements.

    ``share``: given each new JSON value, returns the value to keep (an equal one seen before, as
    ``SharedValues`` does), so that the versions read here and those read the full way share them.
    Values are read-only: versions with the same statement hold the same objects.
    """

    def __init__(self, vocabulary: Vocabulary, share: Callable[[Any], Any] = lambda value: value) -> None:
        self.vocabulary = vocabulary
        self._share = share
        self._known: dict[str, Statement] = {}
        # the registry in use when it is the one the acceptance's checks know (a test may extend it)
        self._fields = registry() if knows_the_fields() else None
        self._places = registry().places

    def json_values(self, raw: bytes) -> dict[str, Any] | None:
        """``json_data(certainly_valid_data(raw, vocabulary))``, or None (then read ``raw`` the full way)."""
        text = untroubled_text(raw)
        if text is None or not canonical_shape(text, raw) or registry() is not self._fields:
            return None
        lines = text.split("\n")
        known = self._known
        data: dict[str, Any] = {}
        values: dict[str, Any] = {}
        last_place = -1
        index, count = 0, len(lines) - 1  # the text ends with a newline: the last line is empty
        while index < count:
            line = lines[index]
            if not line:
                index += 1
                continue
            end = index + 1
            if line.endswith((" = [", ' = """')):  # perhaps more lines (partition tells, as the fast reader)
                end = _statement_end(lines, index, count)
                if end < 0:
                    return None
            source = line if end == index + 1 else "\n".join(lines[index:end])
            statement = known.get(source, _UNSEEN)
            if statement is _UNSEEN:
                statement = self._read(source, lines[index:end])
            if statement is None:
                return None
            place, name, value, json_value = statement
            if place <= last_place:  # out of the registry's order, or twice: the full way tells
                return None
            last_place = place
            data[name] = value
            if json_value is not LEFT_OUT:
                values[name] = json_value
            index = end
        return values if valid_together(data) else None

    def _read(self, source: str, lines: list[str]) -> Statement:
        read = read_statement([*lines, ""])
        statement: Statement = None
        if read is not None and len(read) == 1:
            ((name, value),) = read.items()
            place = self._places.get(name)
            if place is not None and certainly_valid_field(name, value, self.vocabulary):
                json_value = field_json(name, value)
                statement = (place, name, value, json_value if json_value is LEFT_OUT else self._share(json_value))
        if len(self._known) < KEPT_STATEMENTS:
            self._known[source] = statement
        return statement


def _statement_end(lines: list[str], index: int, count: int) -> int:
    """The index after the last line of the statement that starts at ``lines[index]``, as the fast
    reader takes its lines: an array to its ``]`` line, a multi-line text to the line ending in its
    quotes; -1 when the text ends first."""
    token = lines[index].partition(" = ")[2]
    if token == "[":
        end = index + 1
        while end < count and lines[end] != "]":
            end += 1
    elif token == '"""':
        end = index + 1
        while end < count and not lines[end].endswith('"""'):
            end += 1
    else:
        return index + 1
    return end + 1 if end < count else -1
