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

from portfolio.domain.field_types import (
    LIST_KINDS,
    EntryPart,
    EntryShape,
    FieldRegistry,
    FormWidget,
    Kind,
    ProjectField,
    Shown,
    Told,
)
from portfolio.i18n import N_

__all__ = [
    "LIST_KINDS",
    "PROJECT_FIELDS",
    "EntryPart",
    "EntryShape",
    "FieldRegistry",
    "FormWidget",
    "Kind",
    "ProjectField",
    "Shown",
    "Told",
    "field_caption",
    "registry",
]


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
        ProjectField(
            "public",
            Kind.FLAG,
            N_("Public"),
            N_("untick for an internal project: left out of the published report, files and catalogue"),
            widget=FormWidget.CHECKBOX,
            shown=Shown.PUBLICATION,
            told=Told.FLAG,
            default=True,
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
                    EntryPart("rate_percent", Kind.NUMBER, N_("Funding rate (%)")),
                    EntryPart("own_share_eur", Kind.WHOLE_NUMBER, N_("Own share"), told=Told.EUROS),
                    EntryPart("decision_date", Kind.DATE, N_("Grant decision")),
                    EntryPart("period_start", Kind.DATE, N_("Funding period from")),
                    EntryPart("period_end", Kind.DATE, N_("Funding period until")),
                    EntryPart("proof_due", Kind.DATE, N_("Proof of use due")),
                    EntryPart("interim_due", Kind.DATES, N_("Interim proofs due")),
                ),
                lines=(4, 3),  # what and how much; the grant's rate, share and decision; its dates
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
        ProjectField(
            "measurements",
            Kind.TABLE_LIST,
            N_("Measurements"),
            widget=FormWidget.ENTRIES,
            shown=Shown.MEASUREMENTS,
            entry=EntryShape(
                N_("Measurement"),
                ("kpi", "date"),
                (
                    EntryPart("kpi", Kind.TEXT, N_("KPI"), required=True),
                    EntryPart("date", Kind.DATE, N_("Date"), required=True),
                    EntryPart("value", Kind.NUMBER, N_("Value"), required=True),
                    EntryPart("note", Kind.TEXT, N_("Note")),
                ),
            ),
        ),
        ProjectField(
            "decisions",
            Kind.TABLE_LIST,
            N_("Decisions"),
            widget=FormWidget.ENTRIES,
            shown=Shown.DECISIONS,
            entry=EntryShape(
                N_("Decision"),
                ("body", "date"),
                (
                    EntryPart("body", Kind.TEXT, N_("Body"), required=True),
                    EntryPart("date", Kind.DATE, N_("Date"), required=True),
                    EntryPart("reference", Kind.TEXT, N_("Reference"), required=True),
                    EntryPart("result", Kind.CHOICE, N_("Result"), vocabulary="decision_result", required=True),
                    EntryPart("url", Kind.TEXT, N_("Link")),
                ),
            ),
        ),
        ProjectField(
            "sdgs",
            Kind.CHOICES,
            N_("SDGs"),
            N_("the UN Sustainable Development Goals it serves"),
            widget=FormWidget.CHOICES,
            vocabulary="sdg",
            shown=Shown.GOALS,
            told=Told.LABELS,
        ),
        ProjectField(
            "adopted_from",
            Kind.TEXT,
            N_("Adopted from"),
            N_("the id of the project another municipality proved it in"),
        ),
        ProjectField("links", Kind.TEXT_LIST, N_("Links"), N_("comma-separated https:// links")),
        ProjectField("depends_on", Kind.TEXT_LIST, N_("Depends on"), N_("comma-separated project ids")),
        ProjectField("notes", Kind.LONG_TEXT, N_("Notes"), widget=FormWidget.TEXT_AREA),
    ),
    # The form asks first what a project is and where it belongs, then the details; tables and long
    # texts last, where their size does not push the short fields out of sight; whether it is
    # published at the very end, a checkbox most projects never change.
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
        "adopted_from",
        "sdgs",
        "funding",
        "decisions",
        "milestones",
        "kpis",
        "measurements",
        "description",
        "notes",
        "public",
    ),
)


def registry() -> FieldRegistry:
    """The fields of a project, as the model in use has them."""
    return PROJECT_FIELDS


def field_caption(name: str) -> str:
    """The label of a field in the chosen language; an unknown key (from an old or invalid version) as it is."""
    field = registry().get(name)
    return field.caption if field else name
