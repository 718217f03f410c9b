"""The vocabulary of the field registry (``portfolio.domain.fields``): what kinds of value a field
holds, how the form, ``show`` and the history texts treat it, and the registry's own types."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from portfolio.i18n import _


class Kind(Enum):
    """What a field's value is; it decides how it is typed (form, ``set``) and read from a spreadsheet cell."""

    TEXT = "single-line text"  # typed and read as it is, trimmed
    LONG_TEXT = "multi-line text"  # kept exactly as typed, line breaks and white space too
    WHOLE_NUMBER = "whole number"  # typed with the language's grouping (250.000 in German); euros with €
    DATE = "date"  # typed as 2026-01-15, 15.01.2026 or 15.1.2026; a cell may hold a date of the sheet
    CHOICE = "one slug of a vocabulary"  # a cell may hold the label instead
    CHOICES = "slugs of a vocabulary"  # comma-separated; a cell may hold labels
    TEXT_LIST = "list of texts"  # comma-separated, or a TOML array for items that hold a comma
    TABLE_LIST = "list of tables"  # a TOML inline array: [{title = "Start", due = 2026-01-31}]
    FLAG = "yes or no"  # a checkbox (a milestone's done, whether a project is public)
    # Only the parts of a table (``EntryPart``):
    NUMBER = "number"  # whole or with decimals (a KPI's baseline and target), 12,5 in German
    DATES = "dates"  # comma-separated dates (a funding's interim proofs of use), typed as DATE is


LIST_KINDS = (Kind.CHOICES, Kind.TEXT_LIST)


class FormWidget(Enum):
    """What the form shows for the field."""

    INPUT = "input"  # one line of text
    TEXT_AREA = "text area"  # several lines
    SELECT = "select"  # one value of the field's vocabulary
    CHOICES = "choices"  # several values of the field's vocabulary, in the order chosen
    ENTRIES = "rows"  # one row per entry of a list-of-tables field, a control per part of ``entry``
    CHECKBOX = "checkbox"  # a yes-or-no field, the field's label beside the box


class Shown(Enum):
    """How ``show`` and the detail pane write the value."""

    VALUE = "as it is"  # text as it is, lists joined with commas, dates in the language's style
    LABEL_AND_SLUG = "label and slug"  # Umsetzung (implementation)
    LABELS = "labels"  # the vocabulary's labels, joined with commas
    LABELS_FIRST_PRIMARY = "labels, the first one primary"  # fields of action, with the region's priority mark
    EUROS = "euros"
    FUNDING = "funding lines"  # one line per source: source | programme | amount | status
    MILESTONES = "milestone lines"  # [x] title (due date)
    KPIS = "kpi lines"  # name: baseline -> target unit, progress of its measurements
    MEASUREMENTS = "measurement lines"  # date  kpi: value unit (note)
    DECISIONS = "decision lines"  # date  body  reference: result (url)
    GOALS = "numbered labels"  # 11 Nachhaltige Städte und Gemeinden, one a line
    PUBLICATION = "publication"  # shown only when off: no (internal: not published)


class Told(Enum):
    """How a history text (history, log, diff, import) tells the field's old and new value."""

    VALUE = "as data"  # text quoted, numbers in the language's style, lists joined, tables entry by entry
    PLAIN = "as written"  # the value as it is, unquoted
    LABEL = "label"  # the vocabulary's label
    LABELS = "labels"  # the vocabulary's labels, joined with commas
    DATE = "date"  # in the language's style
    EUROS = "euros"
    FLAG = "yes or no"  # an absent key is the field's ``default``


@dataclass(frozen=True)
class EntryPart:
    """One key of the tables of a list-of-tables field (a milestone's due date). ``label`` is a catalog key."""

    name: str  # the key in the table
    kind: Kind  # TEXT, WHOLE_NUMBER, NUMBER, DATE, DATES, CHOICE or FLAG
    label: str
    vocabulary: str | None = None  # for CHOICE: the kind of ``Vocabulary.label``
    required: bool = False
    told: Told = Told.VALUE  # how a history text tells its value (EUROS: an amount)

    @property
    def caption(self) -> str:
        return _(self.label)

    @property
    def in_euros(self) -> bool:
        """An amount of euros (told as euros): typed with € or EUR, refused with cents."""
        return self.told is Told.EUROS


@dataclass(frozen=True)
class EntryShape:
    """What one entry of a list-of-tables field is: its name, the part it is known by, its parts in order.

    History texts tell a change per entry ("Milestone “Start”: done"), matching old and new entries
    by ``key`` (unique within the list, the model checks it); the form edits one row per entry. An
    entry no single part tells apart is known by several (a decision by its body and date): its key
    is then the tuple of their values ("Decision “Kreistag 2026-03-01” added").
    """

    noun: str  # catalog key: what one entry is called ("Milestone")
    key: str | tuple[str, ...]  # the part (or parts) an entry is known by (title, source, name)
    parts: tuple[EntryPart, ...]
    # How many parts the form puts on each line of a row, in order; () all on one line. A funding line
    # with its terms has too many parts for one line of a terminal.
    lines: tuple[int, ...] = ()

    @property
    def caption(self) -> str:
        return _(self.noun)

    @property
    def key_parts(self) -> tuple[str, ...]:
        """The names of the parts an entry is known by."""
        return self.key if isinstance(self.key, tuple) else (self.key,)

    def part(self, name: str) -> EntryPart | None:
        return next((part for part in self.parts if part.name == name), None)

    def part_lines(self) -> tuple[tuple[EntryPart, ...], ...]:
        """The parts as the form's lines of one row show them (``lines``; the rest on a last line)."""
        result, start = [], 0
        for count in self.lines:
            result.append(self.parts[start : start + count])
            start += count
        if start < len(self.parts):
            result.append(self.parts[start:])
        return tuple(result)


@dataclass(frozen=True)
class ProjectField:
    """One field of a project. ``label`` and ``hint`` are catalog keys (``N_()``), translated when shown.

    Every field is a column of the spreadsheet, named by its key: an import builds each project from
    its row, so a field left out of the sheet would be lost.
    """

    name: str  # the key in the file
    kind: Kind
    label: str
    hint: str = ""  # how to type it: beside the form's caption and as the input's placeholder
    widget: FormWidget = FormWidget.INPUT
    vocabulary: str | None = None  # where the values come from: a kind of ``Vocabulary.label``
    required: bool = False
    shown: Shown = Shown.VALUE
    told: Told = Told.VALUE
    entry: EntryShape | None = None  # for TABLE_LIST: what one entry (table) holds
    default: bool | None = None  # for FLAG: the value of an absent key (the model's default, checked)

    @property
    def caption(self) -> str:
        """The label in the chosen language."""
        return _(self.label)

    @property
    def help(self) -> str:
        """The hint in the chosen language ("" when there is none)."""
        return _(self.hint) if self.hint else ""

    @property
    def is_list(self) -> bool:
        """A list of texts or slugs (not of tables)."""
        return self.kind in LIST_KINDS

    @property
    def in_euros(self) -> bool:
        """An amount of euros (told as euros): typed with € or EUR, refused with cents."""
        return self.told is Told.EUROS


class FieldRegistry:
    """The fields in the order of the file (the model's order), and the order of the form."""

    def __init__(self, fields: Iterable[ProjectField], form_order: Iterable[str]) -> None:
        self.fields = tuple(fields)
        self.names = tuple(field.name for field in self.fields)
        self._by_name = {field.name: field for field in self.fields}
        self.form_order = tuple(form_order)
        if len(self._by_name) != len(self.fields):
            raise ValueError(f"a field is registered twice: {self.names}")
        if sorted(self.form_order) != sorted(self.names):
            raise ValueError(f"the form order must name every field once: {self.form_order} for {self.names}")
        self.table_names = frozenset(self.names_of(Kind.TABLE_LIST))  # the lists of tables
        self.places = {name: place for place, name in enumerate(self.names)}  # name -> its place in the file

    def __iter__(self) -> Iterator[ProjectField]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> ProjectField:
        return self._by_name[name]

    def get(self, name: str) -> ProjectField | None:
        return self._by_name.get(name)

    def names_of(self, *kinds: Kind) -> tuple[str, ...]:
        """The names of the fields of these kinds, in the file's order."""
        return tuple(field.name for field in self.fields if field.kind in kinds)

    def in_form_order(self) -> tuple[ProjectField, ...]:
        return tuple(self._by_name[name] for name in self.form_order)
