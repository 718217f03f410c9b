"""The project model: what one ``projects/<id>.toml`` holds (the contract contributors see).

Validation needs the portfolio's vocabulary, passed as context: use ``parse_project``. Checks that
concern one list item or one key carry its position in ``ctx["at"]`` so that errors can point at
the exact line of a file.

The fields' kinds, labels and views are described in ``portfolio.domain.fields``; a field added to the
model is added there too (checked when this module is imported).
"""

from __future__ import annotations

import datetime
from datetime import date
from difflib import get_close_matches
from typing import Annotated, Any, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from portfolio.domain.fields import Kind, registry
from portfolio.domain.value_rules import SUMMARY_MAX, TITLE_MAX, TITLE_MIN, TOPIC_PATTERN
from portfolio.domain.value_types import (
    DecisionResultSlug,
    FieldSlug,
    FundingStatusSlug,
    HttpsUrl,
    ModuleNumber,
    MultiLine,
    MunicipalitySlug,
    NonNegativeInt,
    Number,
    PrioritySlug,
    ProjectId,
    SdgNumber,
    SingleLine,
    StatusSlug,
    Topic,
    UniqueList,
    not_before,
    unique_by,
    unique_by_parts,
)
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date
from portfolio.i18n import N_, _

__all__ = ["SUMMARY_MAX", "TITLE_MAX", "TITLE_MIN", "TOPIC_PATTERN", "Project", "SingleLine", "validated_model"]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Funding(_Table):
    """One source of funding."""

    source: SingleLine = Field(description="Who funds it, e.g. the federal state or the EU.")
    programme: SingleLine | None = Field(None, description="The funding programme.")
    amount_eur: NonNegativeInt | None = Field(None, description="Amount in euros (whole euros).")
    status: FundingStatusSlug | None = Field(None, description="State of the funding application.")
    rate_percent: Annotated[Number, Field(ge=0, le=100)] | None = Field(
        None, description="Funding rate in percent (0 to 100) of the eligible costs."
    )
    own_share_eur: NonNegativeInt | None = Field(None, description="Own share in euros (whole euros).")
    decision_date: date | None = Field(None, description="Date of the grant decision (Zuwendungsbescheid).")
    period_start: date | None = Field(None, description="First day of the funding period.")
    period_end: date | None = Field(None, description="Last day of the funding period, not before its start.")
    proof_due: date | None = Field(
        None, description="When the proof of use (Verwendungsnachweis) is due, not before the period ends."
    )
    interim_due: UniqueList(date) = Field([], description="When interim proofs of use are due.")

    @model_validator(mode="after")
    def _terms_in_order(self) -> Funding:
        not_before(
            self.period_end,
            self.period_start,
            "period-order",
            N_("the funding period ends ({later}) before it starts ({earlier})"),
            "period_end",
        )
        not_before(
            self.proof_due,
            self.period_end,
            "proof-order",
            N_("the proof of use is due ({later}) before the funding period ends ({earlier})"),
            "proof_due",
        )
        return self


class Milestone(_Table):
    """One milestone of the project."""

    title: SingleLine = Field(description="What is reached.")
    due: date | None = Field(None, description="When it is due (YYYY-MM-DD).")
    done: bool = Field(False, description="Whether it has been reached.")


class Kpi(_Table):
    """A key performance indicator."""

    name: SingleLine = Field(description="What is measured.")
    unit: SingleLine | None = Field(None, description="Unit of measurement.")
    baseline: Number | None = Field(None, description="Value at the start.")
    target: Number | None = Field(None, description="Value to reach.")


class Decision(_Table):
    """A decision of a council or committee about the project."""

    body: SingleLine = Field(description="Who decided, e.g. 'Kreistag' or 'Ausschuss für Klimaschutz'.")
    date: datetime.date = Field(description="The day of the session (YYYY-MM-DD).")
    reference: SingleLine = Field(description="The number of the paper (Vorlage, Drucksache).")
    result: DecisionResultSlug = Field(description="What was decided (schema/decision_results.toml).")
    url: HttpsUrl | None = Field(
        None, description="The paper in the council information system (https), e.g. an OParl Paper."
    )


class Measurement(_Table):
    """One measured value of one of the project's KPIs."""

    kpi: SingleLine = Field(description="The name of the KPI (one of the project's kpis).")
    date: datetime.date = Field(description="When it was measured (YYYY-MM-DD).")
    value: Number = Field(description="The measured value, in the KPI's unit.")
    note: SingleLine | None = Field(None, description="How or where it was measured.")


class Project(BaseModel):
    """A Smart Region project. The id is the file name (``projects/<id>.toml``), not a key."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, title="Smart Region project")

    title: Annotated[SingleLine, Field(min_length=TITLE_MIN, max_length=TITLE_MAX)] = Field(
        description="Short title, one line (3 to 120 characters)."
    )
    module: ModuleNumber = Field(description="The workshop module that produced the project.")
    status: StatusSlug = Field(description="Current status.")
    municipalities: UniqueList(MunicipalitySlug, min_length=1) = Field(
        description="Municipalities the project belongs to (kreis-steinfurt for district-wide projects)."
    )
    fields_of_action: UniqueList(FieldSlug, min_length=1) = Field(
        description="Fields of action; the first one is the primary field."
    )
    public: bool = Field(
        True,
        description="false for an internal project: left out of the published report, files and catalogue.",
    )
    summary: Annotated[SingleLine, Field(max_length=SUMMARY_MAX)] | None = Field(
        None, description="One-paragraph summary, one line (at most 500 characters)."
    )
    description: MultiLine | None = Field(None, description="Longer description; may span several lines.")
    priority: PrioritySlug | None = Field(None, description="Priority of the project.")
    lead: SingleLine | None = Field(None, description="Responsible organisation.")
    contact: SingleLine | None = Field(None, description="Contact person or address.")
    partners: UniqueList(SingleLine) = Field([], description="Partner organisations.")
    topics: UniqueList(Topic) = Field([], description="Free topic slugs, e.g. 'open-data'.")
    start: date | None = Field(None, description="Start date (YYYY-MM-DD).")
    end: date | None = Field(None, description="End date (YYYY-MM-DD), not before start.")
    budget_eur: NonNegativeInt | None = Field(None, description="Budget in whole euros.")
    funding: Annotated[list[Funding], unique_by("source")] = Field([], description="Funding sources.")
    milestones: Annotated[list[Milestone], unique_by("title")] = Field([], description="Milestones.")
    kpis: Annotated[list[Kpi], unique_by("name")] = Field([], description="Key performance indicators.")
    measurements: Annotated[list[Measurement], unique_by_parts("kpi", "date")] = Field(
        [], description="Values of the KPIs measured over time."
    )
    decisions: Annotated[list[Decision], unique_by_parts("body", "date")] = Field(
        [], description="Decisions of councils and committees about the project."
    )
    sdgs: UniqueList(SdgNumber) = Field([], description="Numbers of the UN Sustainable Development Goals it serves.")
    adopted_from: ProjectId | None = Field(
        None, description="The id of the project another municipality proved it in, which this one adopts."
    )
    links: UniqueList(HttpsUrl) = Field([], description="Links (https only).")
    depends_on: UniqueList(ProjectId) = Field([], description="Ids of projects this one depends on.")
    notes: MultiLine | None = Field(None, description="Free notes; the place for what would otherwise be a comment.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.start and self.end and self.end < self.start:
            raise PydanticCustomError(
                "date-order",
                _("end {end} is before start {start}").format(end=format_date(self.end), start=format_date(self.start)),
                {"at": ("end",)},
            )
        return self

    @model_validator(mode="after")
    def _measured_kpis_exist(self) -> Project:
        names = [kpi.name for kpi in self.kpis]
        for index, measurement in enumerate(self.measurements):
            if measurement.kpi not in names:
                close = get_close_matches(measurement.kpi, names, n=1)
                hint = _("; did you mean {suggestion!r}?").format(suggestion=close[0]) if close else ""
                raise PydanticCustomError(
                    "unknown-kpi",
                    _("measures {kpi!r}, which is none of the project's kpis{hint}").format(
                        kpi=measurement.kpi, hint=hint
                    ),
                    {"at": ("measurements", index, "kpi")},
                )
        return self

    @property
    def primary_field(self) -> str:
        return self.fields_of_action[0]

    def to_data(self) -> dict[str, Any]:
        """The file's data in canonical key order, optional empty values left out."""
        return self.model_dump(mode="python", exclude_none=True, exclude_defaults=True)


def _table_model(annotation: Any) -> type[BaseModel] | None:
    """The item model of a list-of-tables annotation (``Annotated[list[Milestone], ...]``)."""
    for candidate in (annotation, *get_args(annotation)):
        for argument in get_args(candidate):
            if isinstance(argument, type) and issubclass(argument, BaseModel):
                return argument
    return None


def _check_registry(model: type[Project]) -> None:
    """The field registry and the model name the same fields (and parts of tables), in the same order,
    equally required."""
    fields = registry()
    described = [(field.name, field.required) for field in fields]
    modelled = [(name, info.is_required()) for name, info in model.model_fields.items()]
    if described != modelled:
        raise RuntimeError(f"portfolio.domain.fields does not describe the model's fields: {described} != {modelled}")
    for field in fields:
        if field.kind is Kind.FLAG and field.default != model.model_fields[field.name].default:
            raise RuntimeError(f"{field.name}: the registry's default is not the model's")
        if (field.entry is None) != (field.kind is not Kind.TABLE_LIST):
            raise RuntimeError(f"{field.name}: a list of tables needs an EntryShape, and only a list of tables")
        if field.entry is None:
            continue
        table = _table_model(model.model_fields[field.name].annotation)
        parts = [(part.name, part.required) for part in field.entry.parts]
        keys = [(name, info.is_required()) for name, info in table.model_fields.items()] if table else []
        if parts != keys:
            raise RuntimeError(f"the registry's parts of {field.name} are not the model's: {parts} != {keys}")


_check_registry(Project)


def project_model() -> type[Project]:
    """The model projects are validated with, looked up when used (a test of the field registry
    puts an extended model in its place)."""
    return Project


def validated_model(data: Any, vocabulary: Vocabulary) -> Project:
    """The model of file data (raises pydantic's ValidationError); the rest of the program holds the
    ``ProjectRecord`` that ``portfolio.domain.parsing.parse_project`` makes of it."""
    return project_model().model_validate(data, context={"vocabulary": vocabulary})
