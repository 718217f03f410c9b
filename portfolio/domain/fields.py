"""The fields of a project, one entry each: what a field holds, its label and help, and how every view shows it.

The model (``portfolio.domain.model``) validates a project; everything else about a field is said here,
once. The form takes its widget, its place and its hint from here; ``show`` and the detail pane its
caption and how its value reads; the spreadsheet its column and how a cell is read back; the JSON
Schema export which pattern or enumeration applies; the history texts how a change of it is told.
Adding an optional field is an entry here and an attribute of the model at the same place of the
order, and the translations of its label and hint: no other module names the fields.

Readers ask ``registry()`` when they need it and never keep what it said at import time, so that a
test can put an extended registry (and model) in place and see the new field everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from portfolio.i18n import N_, _


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
    # Only the parts of a table (``EntryPart``):
    NUMBER = "number"  # whole or with decimals (a KPI's baseline and target), 12,5 in German
    FLAG = "yes or no"  # a checkbox (a milestone's done)


LIST_KINDS = (Kind.CHOICES, Kind.TEXT_LIST)


class FormWidget(Enum):
    """What the form shows for the field."""

    INPUT = "input"  # one line of text
    TEXT_AREA = "text area"  # several lines
    SELECT = "select"  # one value of the field's vocabulary
    CHOICES = "choices"  # several values of the field's vocabulary, in the order chosen
    ENTRIES = "rows"  # one row per entry of a list-of-tables field, a control per part of ``entry``


class Shown(Enum):
    """How ``show`` and the detail pane write the value."""

    VALUE = "as it is"  # text as it is, lists joined with commas, dates in the language's style
    LABEL_AND_SLUG = "label and slug"  # Umsetzung (implementation)
    LABELS = "labels"  # the vocabulary's labels, joined with commas
    LABELS_FIRST_PRIMARY = "labels, the first one primary"  # fields of action, with the region's priority mark
    EUROS = "euros"
    FUNDING = "funding lines"  # one line per source: source | programme | amount | status
    MILESTONES = "milestone lines"  # [x] title (due date)
    KPIS = "kpi lines"  # name: baseline -> target unit


class Told(Enum):
    """How a history text (history, log, diff, import) tells the field's old and new value."""

    VALUE = "as data"  # text quoted, numbers in the language's style, lists joined, tables entry by entry
    PLAIN = "as written"  # the value as it is, unquoted
    LABEL = "label"  # the vocabulary's label
    LABELS = "labels"  # the vocabulary's labels, joined with commas
    DATE = "date"  # in the language's style
    EUROS = "euros"


@dataclass(frozen=True)
class EntryPart:
    """One key of the tables of a list-of-tables field (a milestone's due date). ``label`` is a catalog key."""

    name: str  # the key in the table
    kind: Kind  # TEXT, WHOLE_NUMBER, NUMBER, DATE, CHOICE or FLAG
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
    by ``key`` (unique within the list, the model checks it); the form edits one row per entry.
    """

    noun: str  # catalog key: what one entry is called ("Milestone")
    key: str  # the part an entry is known by (title, source, name)
    parts: tuple[EntryPart, ...]

    @property
    def caption(self) -> str:
        return _(self.noun)

    def part(self, name: str) -> EntryPart | None:
        return next((part for part in self.parts if part.name == name), None)


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


PROJECT_FIELDS = FieldRegistry(
    (
        ProjectField("title", Kind.TEXT, N_("Title"), required=True),
        ProjectField(
            "module",
            Kind.WHOLE_NUMBER,
            N_("Module"),
            widget=FormWidget.SELECT,
            vocabulary="module",
            required=True,
            told=Told.PLAIN,
        ),
        ProjectField(
            "status",
            Kind.CHOICE,
            N_("Status"),
            widget=FormWidget.SELECT,
            vocabulary="status",
            required=True,
            shown=Shown.LABEL_AND_SLUG,
            told=Told.LABEL,
        ),
        ProjectField(
            "municipalities",
            Kind.CHOICES,
            N_("Municipalities"),
            N_("kreis-steinfurt for district-wide projects"),
            widget=FormWidget.CHOICES,
            vocabulary="municipality",
            required=True,
            shown=Shown.LABELS,
            told=Told.LABELS,
        ),
        ProjectField(
            "fields_of_action",
            Kind.CHOICES,
            N_("Fields of action"),
            N_("the first one chosen is the primary field; ★ = priority of the region"),
            widget=FormWidget.CHOICES,
            vocabulary="field",
            required=True,
            shown=Shown.LABELS_FIRST_PRIMARY,
            told=Told.LABELS,
        ),
        ProjectField("summary", Kind.TEXT, N_("Summary")),
        ProjectField("description", Kind.LONG_TEXT, N_("Description"), widget=FormWidget.TEXT_AREA),
        ProjectField(
            "priority",
            Kind.CHOICE,
            N_("Priority"),
            widget=FormWidget.SELECT,
            vocabulary="priority",
            shown=Shown.LABEL_AND_SLUG,
            told=Told.LABEL,
        ),
        ProjectField("lead", Kind.TEXT, N_("Lead")),
        ProjectField("contact", Kind.TEXT, N_("Contact")),
        ProjectField("partners", Kind.TEXT_LIST, N_("Partners"), N_("comma-separated")),
        ProjectField("topics", Kind.TEXT_LIST, N_("Topics"), N_("comma-separated slugs, e.g. open-data")),
        ProjectField("start", Kind.DATE, N_("Start"), N_("YYYY-MM-DD"), told=Told.DATE),
        ProjectField("end", Kind.DATE, N_("End"), N_("YYYY-MM-DD"), told=Told.DATE),
        ProjectField(
            "budget_eur", Kind.WHOLE_NUMBER, N_("Budget"), N_("whole euros"), shown=Shown.EUROS, told=Told.EUROS
        ),
        ProjectField(
            "funding",
            Kind.TABLE_LIST,
            N_("Funding"),
            widget=FormWidget.ENTRIES,
            shown=Shown.FUNDING,
            entry=EntryShape(
                N_("Funding"),
                "source",
                (
                    EntryPart("source", Kind.TEXT, N_("Source"), required=True),
                    EntryPart("programme", Kind.TEXT, N_("Programme")),
                    EntryPart("amount_eur", Kind.WHOLE_NUMBER, N_("Amount"), told=Told.EUROS),
                    EntryPart("status", Kind.CHOICE, N_("Funding status"), vocabulary="funding_status"),
                ),
            ),
        ),
        ProjectField(
            "milestones",
            Kind.TABLE_LIST,
            N_("Milestones"),
            widget=FormWidget.ENTRIES,
            shown=Shown.MILESTONES,
            entry=EntryShape(
                N_("Milestone"),
                "title",
                (
                    EntryPart("title", Kind.TEXT, N_("Title"), required=True),
                    EntryPart("due", Kind.DATE, N_("Due")),
                    EntryPart("done", Kind.FLAG, N_("Done")),
                ),
            ),
        ),
        ProjectField(
            "kpis",
            Kind.TABLE_LIST,
            N_("KPIs"),
            widget=FormWidget.ENTRIES,
            shown=Shown.KPIS,
            entry=EntryShape(
                N_("KPI"),
                "name",
                (
                    EntryPart("name", Kind.TEXT, N_("Name"), required=True),
                    EntryPart("unit", Kind.TEXT, N_("Unit")),
                    EntryPart("baseline", Kind.NUMBER, N_("Baseline")),
                    EntryPart("target", Kind.NUMBER, N_("Target")),
                ),
            ),
        ),
        ProjectField("links", Kind.TEXT_LIST, N_("Links"), N_("comma-separated https:// links")),
        ProjectField("depends_on", Kind.TEXT_LIST, N_("Depends on"), N_("comma-separated project ids")),
        ProjectField("notes", Kind.LONG_TEXT, N_("Notes"), widget=FormWidget.TEXT_AREA),
    ),
    # The form asks first what a project is and where it belongs, then the details; tables and long
    # texts last, where their size does not push the short fields out of sight.
    form_order=(
        "title",
        "summary",
        "module",
        "status",
        "municipalities",
        "fields_of_action",
        "priority",
        "lead",
        "contact",
        "partners",
        "topics",
        "start",
        "end",
        "budget_eur",
        "links",
        "depends_on",
        "funding",
        "milestones",
        "kpis",
        "description",
        "notes",
    ),
)


def registry() -> FieldRegistry:
    """The fields of a project, as the model in use has them."""
    return PROJECT_FIELDS


def field_caption(name: str) -> str:
    """The label of a field in the chosen language; an unknown key (from an old or invalid version) as it is."""
    field = registry().get(name)
    return field.caption if field else name
