"""The JSON Schema of a project file, generated from the model and the portfolio's vocabularies.

Editors (taplo / "Even Better TOML", any JSON-Schema-aware tool) use it to complete and validate
``projects/*.toml``. The committed ``schema/project.schema.json`` is kept current by a test.
"""

from __future__ import annotations

from typing import Any

from portfolio.domain.fields import Kind, registry
from portfolio.domain.ids import ID_PATTERN, project_relpath
from portfolio.domain.model import TOPIC_PATTERN, project_model
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import pick_language
from portfolio.textsafety import SINGLE_LINE_EXTRA, UNSAFE_RANGES, character_class, json_text

# No control characters, line breaks or bidi overrides, no white space at either end; written
# without look-around so that every regex engine (taplo's Rust engine too) accepts it.
_ALLOWED = "[^" + character_class(SINGLE_LINE_EXTRA + UNSAFE_RANGES) + "]"
_ALLOWED_EDGE = "[^\\s" + character_class(SINGLE_LINE_EXTRA + UNSAFE_RANGES) + "]"
SINGLE_LINE_PATTERN = f"^{_ALLOWED_EDGE}({_ALLOWED}*{_ALLOWED_EDGE})?$"


def _labels(labels: dict[str, str], language: str) -> str:
    first = pick_language(labels, language)
    others = [text for lang, text in sorted(labels.items()) if text != first]
    return " / ".join([first, *others])


def _enum(values: list, descriptions: list[str]) -> dict[str, Any]:
    return {
        "enum": values,
        "markdownEnumDescriptions": descriptions,
        "x-taplo": {"docs": {"enumValues": descriptions}},
    }


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: an optional key is simply left out."""
    options = schema.get("anyOf")
    if options and any(option == {"type": "null"} for option in options):
        rest = [option for option in options if option != {"type": "null"}]
        merged = {key: value for key, value in schema.items() if key not in ("anyOf", "default")}
        if len(rest) == 1:
            merged.update(rest[0])
        else:
            merged["anyOf"] = rest
        return merged
    if schema.get("default") is None:
        schema.pop("default", None)
    return schema


def _vocabulary_enum(vocabulary: Vocabulary, kind: str, language: str) -> dict[str, Any]:
    """The values of one vocabulary, each described by its labels (and description, where it has one)."""
    if kind == "module":
        return _enum(
            list(vocabulary.module_numbers),
            [f"{_labels(m.label, language)}: {pick_language(m.description, language)}" for m in vocabulary.modules],
        )
    if kind == "status":
        return _enum(list(vocabulary.status_slugs), [_labels(s.label, language) for s in vocabulary.statuses])
    if kind == "priority":
        return _enum(list(vocabulary.priority_slugs), [_labels(p.label, language) for p in vocabulary.priorities])
    if kind == "municipality":
        return _enum(
            list(vocabulary.municipality_slugs),
            [f"{m.name} ({m.kind}, AGS {m.ags})" for m in vocabulary.municipalities],
        )
    if kind == "field":
        return _enum(
            list(vocabulary.field_slugs),
            [
                f"{_labels(f.label, language)}: {pick_language(f.description, language)}"
                + (" (a priority of the region)" if f.priority else "")
                for f in vocabulary.fields_of_action
            ],
        )
    if kind == "funding_status":
        return _enum(
            list(vocabulary.funding_status_slugs), [_labels(f.label, language) for f in vocabulary.funding_statuses]
        )
    if kind == "decision_result":
        return _enum(
            list(vocabulary.decision_result_slugs), [_labels(r.label, language) for r in vocabulary.decision_results]
        )
    if kind == "sdg":
        return _enum(list(vocabulary.sdg_numbers), [_labels(g.label, language) for g in vocabulary.sdgs])
    raise KeyError(kind)


def project_json_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    language = vocabulary.default_language
    schema = project_model().model_json_schema()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        definition["properties"] = {name: _without_null(prop) for name, prop in definition["properties"].items()}
    properties = schema["properties"]

    for field in registry():
        prop = properties[field.name]
        if field.vocabulary:
            (prop["items"] if field.is_list else prop).update(_vocabulary_enum(vocabulary, field.vocabulary, language))
        if field.is_list:
            prop["uniqueItems"] = True
        if field.kind is Kind.TEXT:
            prop["pattern"] = SINGLE_LINE_PATTERN
        if field.kind is Kind.LONG_TEXT:
            prop["minLength"] = 1
        if field.entry is not None:
            table = schema["$defs"][prop["items"]["$ref"].rsplit("/", 1)[-1]]["properties"]
            for part in field.entry.parts:
                if part.vocabulary:
                    table[part.name].update(_vocabulary_enum(vocabulary, part.vocabulary, language))
                if part.kind is Kind.TEXT and "pattern" not in table[part.name]:
                    table[part.name]["pattern"] = SINGLE_LINE_PATTERN
    # The items' own types (slugs, ids, links, single-line names) have patterns the model's schema lacks.
    properties["topics"]["items"]["pattern"] = TOPIC_PATTERN
    properties["depends_on"]["items"]["pattern"] = ID_PATTERN
    properties["adopted_from"]["pattern"] = ID_PATTERN
    schema["$defs"]["Decision"]["properties"]["url"]["pattern"] = "^https://[^\\s]+$"
    # A number's own schema ({"type": "number"}) hides the model's bounds of the funding rate.
    schema["$defs"]["Funding"]["properties"]["rate_percent"].update(minimum=0, maximum=100)
    schema["$defs"]["Funding"]["properties"]["interim_due"]["uniqueItems"] = True
    properties["links"]["items"]["pattern"] = "^https://[^\\s]+$"
    properties["partners"]["items"]["pattern"] = SINGLE_LINE_PATTERN

    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"Smart Region project ({vocabulary.region})",
        "description": (
            f"One project of the Smart Region portfolio: {project_relpath('<id>')}, where <id> matches "
            f"{ID_PATTERN}. The id is the file name and is not written inside the file."
        ),
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def schema_text(vocabulary: Vocabulary) -> str:
    return json_text(project_json_schema(vocabulary), indent=2) + "\n"
