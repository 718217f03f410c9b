"""New project and Edit: a form with an input for every field, errors next to the fields they concern.

Saving writes the file and makes one commit (``portfolio.changes.projects``, in a thread
worker); the form stays open, with everything typed, when git or the disk refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from portfolio.changes.form import Draft, form_texts, project_from_form
from portfolio.changes.messages import change_message, changed_fields, new_project_message
from portfolio.domain.fields import FormWidget, ProjectField, registry
from portfolio.domain.ids import is_valid_id, project_relpath
from portfolio.domain.records import Portfolio, StoredProject
from portfolio.domain.slugs import propose_id
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _, ngettext
from tui.bindings import install
from tui.messages import SaveFailed
from tui.saving import SavingScreen
from tui.text import literal, plain
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


def choice_options(vocabulary: Vocabulary, kind: str) -> list[tuple[str, str]]:
    """(text, slug) for each value of a vocabulary a list of choices offers."""
    if kind == "municipality":
        return [(m.name, m.slug) for m in vocabulary.municipalities]
    if kind == "field":
        return [(field_label(vocabulary, f.slug), f.slug) for f in vocabulary.fields_of_action]
    raise KeyError(kind)


class ProjectForm(SavingScreen):
    """Edit ``existing`` (or a new project when None); dismissed with ProjectSaved once committed."""

    def __init__(self, root: Path, portfolio: Portfolio, existing: StoredProject | None) -> None:
        super().__init__(root, id="project-form")
        self.vocabulary = portfolio.vocabulary
        self.existing = existing
        self.taken_ids = set(portfolio.projects) | {Path(path).stem for path in portfolio.broken}
        self._chosen: dict[str, list[str]] = {
            field.name: [] for field in registry() if field.widget is FormWidget.CHOICES
        }
        self._proposed_id = ""
        self._id_edited = existing is not None
        self._proposed_message = ""
        self._message_edited = False
        self._tried = False
        install(
            self,
            [
                Binding(
                    "ctrl+s",
                    "save",
                    _("Save"),
                    id="save",
                    priority=True,
                    tooltip=_("Check the fields, write the file and commit it"),
                ),
                Binding("escape", "cancel", _("Cancel"), id="cancel", tooltip=_("Close the form without saving")),
            ],
        )

    # --- building -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        values = form_texts(self.existing.project) if self.existing else {}
        if self.existing:
            for name in self._chosen:
                self._chosen[name] = list(values[name])
        title = _("Edit {id}").format(id=self.existing.id) if self.existing else _("New project")
        with Vertical(id="form-frame"):
            yield Static(literal(title), id="form-title")
            yield Static(literal(_("ctrl+s saves and commits · escape cancels")), id="form-keys")
            with VerticalScroll(id="form-fields"):
                for field in registry().in_form_order():
                    name = field.name
                    caption = field.caption + (f"  ({field.help})" if field.help else "")
                    yield Label(literal(caption), classes="field-caption")
                    yield self._field_widget(field, values.get(name))
                    yield Static("", id=f"error-{name}", classes="field-error", markup=False)
                    if name == "title":  # the id is proposed from the title: show it right below
                        yield Label(literal(_("Id (the file name projects/<id>.toml)")), classes="field-caption")
                        yield Input(
                            value=self.existing.id if self.existing else "",
                            id="field-id",
                            disabled=self.existing is not None,
                            placeholder=_("proposed from the title"),
                        )
                        yield Static("", id="error-id", classes="field-error", markup=False)
            yield Label(literal(_("Commit message")), classes="field-caption")
            yield Input(id="commit-message")
            with Horizontal(id="form-buttons"):
                yield Button(_("Save and commit"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def _field_widget(self, field: ProjectField, value: Any) -> Widget:
        name = field.name
        if field.widget is FormWidget.INPUT:
            return Input(value="" if value in (None, "") else str(value), id=widget_id(name), placeholder=field.help)
        if field.widget is FormWidget.TEXT_AREA:
            return TextArea(value or "", id=widget_id(name), soft_wrap=True, classes="field-text")
        if field.widget is FormWidget.SELECT:
            options = select_options(self.vocabulary, field.vocabulary)
            if field.required:  # no blank: a new project starts with the vocabulary's first value
                return Select(
                    options,
                    id=widget_id(name),
                    allow_blank=False,
                    value=value if value not in (None, "") else options[0][1],
                )
            return Select(options, id=widget_id(name), prompt=_("none"), value=value or Select.NULL)
        if field.widget is FormWidget.CHOICES:
            chosen = set(value or [])
            return SelectionList(
                *(
                    Selection(literal(text), slug, slug in chosen)
                    for text, slug in choice_options(self.vocabulary, field.vocabulary)
                ),
                id=widget_id(name),
                classes="field-choices",
            )
        raise KeyError(name)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#field-title" if self.existing is None else "#field-summary"))
        self._refresh_proposals()

    # --- reading the form ---------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in registry().names:
            widget = self.query_one(f"#{widget_id(name)}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, TextArea):
                values[name] = widget.text
            elif isinstance(widget, Select):
                values[name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                values[name] = self._choices(name, widget)
        return values

    @property
    def project_id(self) -> str:
        return self.existing.id if self.existing else self.query_one("#field-id", Input).value.strip()

    def check(self) -> tuple[Draft, list[str]]:
        """The draft, and the problems of the id (new projects only)."""
        draft = project_from_form(self.form_values(), self.vocabulary)
        id_problems: list[str] = []
        if self.existing is None:
            project_id = self.project_id
            if not project_id:
                id_problems.append(_("an id is needed; type a title to get one proposed"))
            elif not is_valid_id(project_id):
                id_problems.append(
                    _("3 to 64 lower-case letters, digits and hyphens, not starting or ending with a hyphen")
                )
            elif project_id.casefold() in {taken.casefold() for taken in self.taken_ids}:
                id_problems.append(
                    _("{path} already exists; choose another id").format(path=project_relpath(project_id))
                )
        return draft, id_problems

    def show_errors(self, draft: Draft, id_problems: list[str]) -> int:
        """Show every message next to its field; returns how many fields need attention."""
        errors = dict(draft.errors)
        if id_problems:
            errors["id"] = id_problems
        for name in ("id", *registry().names):
            label = self.query_one(f"#error-{name}", Static)
            messages = errors.get(name, [])
            label.update(literal("\n".join(messages), multiline=True))
            label.set_class(bool(messages), "shown")
            self.query_one(f"#{widget_id(name)}").set_class(bool(messages), "invalid")
        return len(errors)

    # --- proposals: id from the title, commit message from the change -------------------------

    def _refresh_proposals(self) -> None:
        values = self.form_values()
        # What the user typed over a proposal stays theirs (read here too: a Changed message may be pending).
        if self.existing is None and self.query_one("#field-id", Input).value != self._proposed_id:
            self._id_edited = True
        if self.query_one("#commit-message", Input).value != self._proposed_message:
            self._message_edited = True
        if self.existing is None and not self._id_edited:
            self._proposed_id = propose_id(values.get("title") or "", self.taken_ids)
            id_input = self.query_one("#field-id", Input)
            if id_input.value != self._proposed_id:
                id_input.value = self._proposed_id
        draft, id_problems = self.check()
        if self._tried:
            self.show_errors(draft, id_problems)
        if self._message_edited or draft.project is None:
            return
        if self.existing is None:
            proposal = new_project_message(self.project_id, draft.project) if self.project_id else ""
        elif changed_fields(self.existing.project, draft.project):
            proposal = change_message(self.existing.id, self.existing.project, draft.project, self.vocabulary)
        else:
            proposal = ""
        self._proposed_message = proposal
        message = self.query_one("#commit-message", Input)
        if message.value != proposal:
            message.value = proposal

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "commit-message":
            self._message_edited = event.value != self._proposed_message
            return
        if event.input.id == "field-id":
            self._id_edited = event.value != self._proposed_id
        self._refresh_proposals()

    @on(TextArea.Changed)
    @on(Select.Changed)
    def choice_changed(self) -> None:
        self._refresh_proposals()

    def _choices(self, name: str, widget: SelectionList) -> list[str]:
        """The chosen slugs in the order they were chosen (the first field of action is the primary one)."""
        now = list(widget.selected)
        kept = [slug for slug in self._chosen[name] if slug in now]
        self._chosen[name] = kept + [slug for slug in now if slug not in kept]
        return list(self._chosen[name])

    @on(SelectionList.SelectedChanged)
    def selection_changed(self) -> None:
        self._refresh_proposals()

    # --- saving -------------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.saving:
            return
        self._tried = True
        self._refresh_proposals()  # the last keystroke's Changed message may not be handled yet
        draft, id_problems = self.check()
        problems = self.show_errors(draft, id_problems)
        if problems or draft.project is None:
            self.notify(
                plain(
                    ngettext("{count} field needs attention", "{count} fields need attention", problems).format(
                        count=problems
                    )
                ),
                title=_("Not saved"),
                severity="warning",
                markup=False,
            )
            first = next(widget for widget in self.query(".invalid"))
            first.focus()
            first.scroll_visible(animate=False)
            return
        if self.existing and not changed_fields(self.existing.project, draft.project):
            self.notify(_("Nothing changed."), markup=False)
            return
        self.query_one("#form-title", Static).update(literal(_("Saving and committing…")))
        message = self.query_one("#commit-message", Input).value
        self.start_saving(self.project_id, draft.project, self.existing, message)

    def show_save_failure(self, message: SaveFailed) -> None:
        title = _("Edit {id}").format(id=self.existing.id) if self.existing else _("New project")
        self.query_one("#form-title", Static).update(literal(title))
        reason = message.reason
        if message.changed_on_disk:
            reason += "\n" + _("Nothing was written. Close the form (escape), reload (r) and make your change again.")
        self.notify(plain(reason), title=_("Not saved"), severity="error", markup=False, timeout=12)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
