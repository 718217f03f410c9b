"""The types of the model's values: single-line and multi-line texts, values of a vocabulary,
slugs, ids, links, numbers, lists without repeats, and the checks that two dates are in order.

Each refuses a bad value with a message in the user's words; checks about one list item carry its
position in the error's context (``at``), so that ``check`` can point at its line in the file.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, PlainValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from portfolio.domain.ids import ID_RE
from portfolio.domain.value_rules import TOPIC_RE as _TOPIC_RE
from portfolio.domain.value_rules import unknown_slug_message
from portfolio.domain.vocabulary import Vocabulary
from portfolio.formats import format_date
from portfolio.i18n import _
from portfolio.textsafety import describe_char, find_unsafe


def _vocabulary(info: ValidationInfo) -> Vocabulary:
    context = info.context or {}
    vocabulary = context.get("vocabulary")
    if vocabulary is None:
        raise RuntimeError("project validation needs the vocabulary: use portfolio.domain.model.parse_project")
    return vocabulary


def _unsafe_char_error(value: str, index: int) -> PydanticCustomError:
    return PydanticCustomError(
        "control-char",
        _(
            "contains the control character {char} at position {position}; text may not hold control "
            "characters or bidi overrides, and single-line text no line breaks"
        ).format(char=describe_char(value[index]), position=index + 1),
    )


def _single_line(value: str) -> str:
    index = find_unsafe(value, multiline=False)
    if index is not None:
        raise _unsafe_char_error(value, index)
    if value != value.strip():
        raise PydanticCustomError("whitespace", _("starts or ends with white space; remove it"))
    if not value:
        raise PydanticCustomError("empty", _("is empty; leave the key out instead"))
    return value


def _multi_line(value: str) -> str:
    index = find_unsafe(value, multiline=True)
    if index is not None:
        raise _unsafe_char_error(value, index)
    if not value.strip():
        raise PydanticCustomError("empty", _("is empty; leave the key out instead"))
    return value


SingleLine = Annotated[str, AfterValidator(_single_line)]
MultiLine = Annotated[str, AfterValidator(_multi_line)]
NonNegativeInt = Annotated[int, Field(ge=0)]


def _unknown(kind: str, value: str, known: tuple[str, ...]) -> PydanticCustomError:
    return PydanticCustomError(f"unknown-{kind}", unknown_slug_message(kind, value, known))


def _known(kind: str, attribute: str):
    def check(value: Any, info: ValidationInfo) -> Any:
        known = getattr(_vocabulary(info), attribute)
        if value not in known:
            if kind == "module":
                raise PydanticCustomError(
                    "unknown-module",
                    _("module must be one of {known}").format(known=", ".join(str(k) for k in known)),
                )
            if kind == "sdg":
                raise PydanticCustomError(
                    "unknown-sdg",
                    _("{value!r} is no SDG; the goals are numbered {known} (schema/sdgs.toml)").format(
                        value=value, known=", ".join(str(k) for k in known)
                    ),
                )
            raise _unknown(kind, value, known)
        return value

    return AfterValidator(check)


MunicipalitySlug = Annotated[str, _known("municipality", "municipality_slugs")]
FieldSlug = Annotated[str, _known("field", "field_slugs")]
StatusSlug = Annotated[str, _known("status", "status_slugs")]
PrioritySlug = Annotated[str, _known("priority", "priority_slugs")]
FundingStatusSlug = Annotated[str, _known("funding-status", "funding_status_slugs")]
ModuleNumber = Annotated[int, _known("module", "module_numbers")]
DecisionResultSlug = Annotated[str, _known("decision-result", "decision_result_slugs")]
SdgNumber = Annotated[int, _known("sdg", "sdg_numbers")]


def _topic(value: str) -> str:
    if not _TOPIC_RE.fullmatch(value):
        raise PydanticCustomError(
            "topic",
            _("topic {value!r} is not a slug (lower-case letters, digits and single hyphens)").format(value=value),
        )
    return value


def _project_id(value: str) -> str:
    if not ID_RE.fullmatch(value):
        raise PydanticCustomError(
            "id",
            _(
                "{value!r} is not a project id (3 to 64 lower-case letters, digits and hyphens, not starting or ending with a hyphen)"
            ).format(value=value),
        )
    return value


def _https_url(value: str) -> str:
    _single_line(value)
    parts = urlsplit(value)
    if parts.scheme != "https":
        raise PydanticCustomError("https", _("link {value!r} must start with https://").format(value=value))
    if not parts.hostname or " " in value:
        raise PydanticCustomError("url", _("link {value!r} is not a valid URL").format(value=value))
    return value


def _number(value: Any) -> int | float:
    if type(value) not in (int, float):
        raise PydanticCustomError("number_type", _("must be a number"))
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_type", _("must be a finite number"))
    return value


Topic = Annotated[str, AfterValidator(_topic)]
ProjectId = Annotated[str, AfterValidator(_project_id)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]


def _unique_items(values: list) -> list:
    seen: list = []
    for index, value in enumerate(values):
        if value in seen:
            raise PydanticCustomError("duplicate", _("{value!r} is listed twice").format(value=value), {"at": (index,)})
        seen.append(value)
    return values


def unique_by(key: str):
    def check(values: list) -> list:
        seen: set = set()
        for index, value in enumerate(values):
            name = getattr(value, key)
            if name in seen:
                raise PydanticCustomError(
                    "duplicate",
                    _("{key} {value!r} is listed twice").format(key=key, value=name),
                    {"at": (index, key)},
                )
            seen.add(name)
        return values

    return AfterValidator(check)


def unique_by_parts(*keys: str):
    """No two entries share the values of ``keys`` (a decision's body and date)."""

    def check(values: list) -> list:
        seen: set = set()
        for index, value in enumerate(values):
            name = tuple(getattr(value, key) for key in keys)
            if name in seen:
                raise PydanticCustomError(
                    "duplicate",
                    _("{keys} {value} is listed twice").format(
                        keys=" + ".join(keys), value=" ".join(_key_text(part) for part in name)
                    ),
                    {"at": (index, keys[-1])},
                )
            seen.add(name)
        return values

    return AfterValidator(check)


def _key_text(value: Any) -> str:
    return format_date(value) if isinstance(value, date) else str(value)


def not_before(later: date | None, earlier: date | None, code: str, message: str, key: str) -> None:
    """``later`` is not before ``earlier`` (either may be unset), else an error at ``key``."""
    if later and earlier and later < earlier:
        raise PydanticCustomError(
            code, _(message).format(later=format_date(later), earlier=format_date(earlier)), {"at": (key,)}
        )


def UniqueList(item: Any, *, min_length: int = 0) -> Any:  # noqa: N802 - a type factory
    return Annotated[list[item], Field(min_length=min_length), AfterValidator(_unique_items)]
