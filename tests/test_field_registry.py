"""The field registry (portfolio.domain.fields) describes every field of a project once, and every view reads it.

The acceptance test of the registry: an optional single-line text field added to the registry and to
the model, and to nothing else, appears in the form, in ``show``, in the CSV (export and import back)
and in the history text. The fixture adds ``council_reference`` the way a developer would add a
field: one entry in the registry, one attribute of the model.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from history_fixtures import save
from pydantic import Field, create_model
from textual.geometry import Region
from textual.widgets import Input, Label

from portfolio.domain import fields, model
from portfolio.domain.fields import PROJECT_FIELDS, FieldRegistry, FormWidget, Kind, ProjectField, registry
from portfolio.domain.json_schema import project_json_schema
from portfolio.domain.model import Project, SingleLine
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.i18n import _
from tui.app import create_app

NEW_FIELD = "council_reference"
LABEL = "Council reference"
HINT = "as the council's minutes cite it"
REFERENCE = "KT-2026/17"


@pytest.fixture
def council_reference(monkeypatch: pytest.MonkeyPatch) -> ProjectField:
    """The registry and the model with one more optional text field (last in the file, after the lead in the form)."""
    entry = ProjectField(NEW_FIELD, Kind.TEXT, LABEL, HINT)
    order = list(PROJECT_FIELDS.form_order)
    order.insert(order.index("lead") + 1, NEW_FIELD)
    extended = create_model(
        "Project",
        __base__=Project,
        council_reference=(SingleLine | None, Field(None, description="The council's reference.")),
    )
    monkeypatch.setattr(fields, "PROJECT_FIELDS", FieldRegistry([*PROJECT_FIELDS, entry], order))
    monkeypatch.setattr(model, "Project", extended)
    return entry


def _add_radweg(root: Path, **extra: str) -> None:
    save(root, "radweg", "Add radweg", title="Radweg-Netz", **extra)


# -- the registry as it is ---------------------------------------------------------------------


def test_the_registry_and_the_model_name_the_same_fields_in_the_same_order() -> None:
    assert registry().names == tuple(Project.model_fields)
    assert [field.required for field in registry()] == [info.is_required() for info in Project.model_fields.values()]
    assert sorted(registry().form_order) == sorted(registry().names)


def test_each_kind_is_the_type_the_model_validates(portfolio_root: Path) -> None:
    """The published schema (made from the model) has the JSON type the registry's kind stands for."""
    json_types = {
        Kind.TEXT: "string",
        Kind.LONG_TEXT: "string",
        Kind.CHOICE: "string",
        Kind.WHOLE_NUMBER: "integer",
        Kind.DATE: "string",
        Kind.CHOICES: "array",
        Kind.TEXT_LIST: "array",
        Kind.TABLE_LIST: "array",
        Kind.FLAG: "boolean",
    }
    properties = project_json_schema(load_vocabulary(portfolio_root))["properties"]
    assert {field.name: json_types[field.kind] for field in registry()} == {
        name: prop["type"] for name, prop in properties.items()
    }
    assert {name for name, prop in properties.items() if prop.get("format") == "date"} == set(
        registry().names_of(Kind.DATE)
    )
    assert {name for name, prop in properties.items() if prop["type"] == "array" and "$ref" in prop["items"]} == set(
        registry().names_of(Kind.TABLE_LIST)
    )


def test_every_field_has_a_label_and_vocabulary_fields_name_their_vocabulary() -> None:
    for field in registry():
        assert field.label and field.caption == _(field.label)
        assert (field.vocabulary is not None) == (field.widget in (FormWidget.SELECT, FormWidget.CHOICES)), field.name
        # The form's rows are built from the entry's parts: every list-of-tables field says what they are.
        assert (field.widget is FormWidget.ENTRIES) == (field.entry is not None) == (field.kind is Kind.TABLE_LIST)


def test_a_registry_refuses_a_field_twice_or_a_form_order_that_misses_one() -> None:
    title = PROJECT_FIELDS["title"]
    with pytest.raises(ValueError, match="twice"):
        FieldRegistry([title, title], ["title", "title"])
    with pytest.raises(ValueError, match="form order"):
        FieldRegistry([title, PROJECT_FIELDS["status"]], ["title"])


# -- one more field: a change to the registry and the model, nothing else ------------------------


async def _settle(pilot) -> None:
    for _round in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def test_the_new_field_is_in_the_form_with_its_label_and_hint_and_saves(council_reference, portfolio_root):
    _add_radweg(portfolio_root, council_reference=REFERENCE)
    app = create_app(portfolio_root)
    async with app.run_test(size=(120, 60)) as pilot:
        await _settle(pilot)
        await pilot.press("e")
        form = app.screen
        assert form.id == "project-form"
        captions = [str(label.content) for label in form.query(Label)]
        assert f"{LABEL}  ({HINT})" in captions
        assert captions.index(f"{LABEL}  ({HINT})") == captions.index(_("Lead")) + 1  # the form order of the registry
        field_input = form.query_one("#field-council-reference", Input)
        assert field_input.value == REFERENCE and field_input.placeholder == HINT
        field_input.value = "KT-2026/18"
        await pilot.pause()
        assert form.query_one("#commit-message", Input).value == f"Update radweg: {LABEL}"
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert app.screen.id == "main"
        text = (portfolio_root / "projects" / "radweg.toml").read_text(encoding="utf-8")
        assert tomllib.loads(text)[NEW_FIELD] == "KT-2026/18"
        assert text.endswith(f'{NEW_FIELD} = "KT-2026/18"\n')  # last: the model's order
        pane = app.screen.query_one("#fields")
        shown = pane.render_lines(Region(0, 0, pane.outer_size.width, pane.outer_size.height))
        assert re.search(rf"^ *{LABEL} +KT-2026/18$", "\n".join(strip.text.rstrip() for strip in shown), flags=re.M)


def test_show_prints_the_new_field_with_its_caption(council_reference, portfolio_root, run):
    _add_radweg(portfolio_root, council_reference=REFERENCE)
    result = run("show", "radweg")
    assert result.exit_code == 0, result.output
    assert re.search(rf"^{LABEL}: +{REFERENCE}$", result.output, flags=re.M), result.output
    record = json.loads(run("show", "radweg", "--format", "json").output)
    assert record[NEW_FIELD] == REFERENCE


def test_the_csv_has_the_new_column_and_an_import_reads_it_back(council_reference, portfolio_root, run, tmp_path):
    _add_radweg(portfolio_root, council_reference=REFERENCE)
    sheet = tmp_path / "sheet.csv"
    assert run("export", "-o", str(sheet)).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][-1] == LABEL and rows[1][-1] == REFERENCE  # the header: the field's label
    rows[1][-1] = "KT-2026/18"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    result = run("import", str(sheet), "--yes")
    assert result.exit_code == 0, result.output
    assert f'{LABEL}: "{REFERENCE}" -> "KT-2026/18"' in result.output
    data = tomllib.loads((portfolio_root / "projects" / "radweg.toml").read_text(encoding="utf-8"))
    assert data[NEW_FIELD] == "KT-2026/18"
    listed = list(csv.reader(io.StringIO(run("list", "--format", "csv").output)))
    assert listed[0][-1] == NEW_FIELD and listed[1][-1] == "KT-2026/18"


def test_the_history_tells_a_change_of_the_new_field(council_reference, portfolio_root, run):
    _add_radweg(portfolio_root)
    result = run("set", "radweg", f"{NEW_FIELD}={REFERENCE}")
    assert result.exit_code == 0, result.output
    history = run("history", "radweg")
    assert history.exit_code == 0, history.output
    assert f'{LABEL}: – -> "{REFERENCE}"' in history.output
    assert f"Update radweg: {LABEL}" in history.output  # the commit message names the changed field by its label
    blame = run("blame", "radweg")
    assert re.search(rf'^{LABEL} +[0-9a-f]{{12}} .* "{REFERENCE}"$', blame.output, flags=re.M), blame.output


def test_the_json_schema_describes_the_new_field_as_single_line_text(council_reference, portfolio_root):
    schema = project_json_schema(load_vocabulary(portfolio_root))
    assert schema["properties"][NEW_FIELD]["pattern"] == schema["properties"]["title"]["pattern"]


def test_each_list_of_tables_describes_its_entries_as_the_model_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = {field.name: field.entry for field in registry() if field.kind is Kind.TABLE_LIST}
    assert {name: shape.key for name, shape in shapes.items()} == {
        "funding": "source",
        "milestones": "title",
        "kpis": "name",
        "measurements": ("kpi", "date"),
        "decisions": ("body", "date"),
    }
    assert [part.name for part in shapes["milestones"].parts] == list(model.Milestone.model_fields)
    # A part the model does not have is refused when the registry is checked against the model.
    milestones = registry()["milestones"]
    wrong_shape = fields.EntryShape(milestones.entry.noun, "title", milestones.entry.parts[:2])
    wrong = fields.FieldRegistry(
        [replace(field, entry=wrong_shape) if field.name == "milestones" else field for field in PROJECT_FIELDS],
        PROJECT_FIELDS.form_order,
    )
    monkeypatch.setattr(fields, "PROJECT_FIELDS", wrong)
    with pytest.raises(RuntimeError, match="parts of milestones"):
        model._check_registry(Project)
