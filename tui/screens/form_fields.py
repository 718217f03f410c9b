"""The controls of the project form, one per field of the registry, and the values read back from them.

Each field's ``FormWidget`` decides its control: an input, a text area, a dropdown of its
vocabulary, a list of choices (several, in the order chosen), the rows of a list-of-tables field or
a checkbox.
Dropdowns and lists of choices jump by typing (``tui.widgets.jump``). Ids: ``field-NAME`` with
hyphens (``field-budget-eur``); the messages of a field in ``error-NAME`` (``error-budget_eur``).
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from portfolio.domain.fields import FormWidget, ProjectField
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _
from tui.text import literal
from tui.widgets.entry_editor import EntryEditor
from tui.widgets.jump import JumpSelect, JumpSelectionList
from tui.widgets.project_table import field_label


def widget_id(name: str) -> str:
    return "field-" + name.replace("_", "-")


def select_options(vocabulary: Vocabulary, kind: str) -> list[tuple[Any, Any]]:
    """(text, value) for each value of a vocabulary a Select offers; statuses numbered in their order."""
    if kind == "module":
        return [(literal(vocabulary.label("module", m.number)), m.number) for m in vocabulary.modules]
    if kind == "status":
        return [
            (literal(f"{number}. {vocabulary.label('status', s.slug)}"), s.slug)
            for number, s in enumerate(vocabulary.statuses, start=1)
        ]
    if kind == "priority":
        return [(literal(vocabulary.label("priority", p.slug)), p.slug) for p in vocabulary.priorities]
    raise KeyError(kind)


def choice_options(vocabulary: Vocabulary, kind: str) -> list[tuple[str, Any]]:
    """(text, value) for each value of a vocabulary a list of choices offers (a slug; an SDG's number)."""
    if kind == "municipality":
        return [(m.name, m.slug) for m in vocabulary.municipalities]
    if kind == "field":
        return [(field_label(vocabulary, f.slug), f.slug) for f in vocabulary.fields_of_action]
    if kind == "sdg":
        # By title first, the number after it: typing jumps by letters (digits are the pickers' keys).
        return [(f"{vocabulary.label('sdg', goal.number)} ({goal.number})", goal.number) for goal in vocabulary.sdgs]
    raise KeyError(kind)


def field_widget(field: ProjectField, value: Any, vocabulary: Vocabulary) -> Widget:
    """The control of ``field``, showing ``value`` (as ``form_texts`` gives it; None for a new project)."""
    name = field.name
    if field.widget is FormWidget.INPUT:
        return Input(value="" if value in (None, "") else str(value), id=widget_id(name), placeholder=field.help)
    if field.widget is FormWidget.TEXT_AREA:
        return TextArea(value or "", id=widget_id(name), soft_wrap=True, classes="field-text")
    if field.widget is FormWidget.SELECT:
        options = select_options(vocabulary, field.vocabulary or "")
        if field.required:  # no blank: a new project starts with the vocabulary's first value
            return JumpSelect(
                options,
                id=widget_id(name),
                allow_blank=False,
                value=value if value not in (None, "") else options[0][1],
            )
        return JumpSelect(options, id=widget_id(name), prompt=_("none"), value=value or Select.NULL)
    if field.widget is FormWidget.CHOICES:
        chosen = set(value or [])
        return JumpSelectionList(
            *(
                Selection(literal(text), slug, slug in chosen)
                for text, slug in choice_options(vocabulary, field.vocabulary or "")
            ),
            id=widget_id(name),
            classes="field-choices",
        )
    if field.widget is FormWidget.ENTRIES:
        return EntryEditor(field, list(value or []), vocabulary, id=widget_id(name))
    if field.widget is FormWidget.CHECKBOX:  # a new project: the field's default
        return Checkbox(literal(field.caption), bool(field.default if value is None else value), id=widget_id(name))
    raise KeyError(name)


def control_value(widget: Widget) -> Any:
    """What a control holds, as ``project_from_form`` takes it (a list of choices: the chosen slugs)."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    if isinstance(widget, EntryEditor):
        return widget.rows()
    if isinstance(widget, Checkbox):
        return widget.value
    raise TypeError(type(widget).__name__)
