"""New project and Edit: a form with a control for every field, errors next to the fields they concern.

Saving writes the file and makes one commit (``portfolio.changes.projects``, in a thread
worker); the form stays open, with everything typed, when the check, git or the disk refuses.
Closing a form that holds changes asks first. The fields scroll; the commit message and the
buttons (``#save``, ``#cancel``) stay below them, in view at 80x24 too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from portfolio.changes.form import Draft, form_texts, project_from_form
from portfolio.changes.messages import change_message, changed_fields, new_project_message
from portfolio.domain.fields import FormWidget, registry
from portfolio.domain.ids import is_valid_id, project_relpath
from portfolio.domain.records import Portfolio, StoredProject
from portfolio.domain.slugs import propose_id
from portfolio.i18n import _, ngettext
from tui.bindings import install
from tui.messages import SaveFailed
from tui.saving import SavingScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.form_fields import control_value, field_widget, widget_id
from tui.text import literal, plain
from tui.widgets.entry_editor import EntryEditor
from tui.widgets.measured_static import MeasuredStatic


class ProjectForm(SavingScreen):
    """Edit ``existing`` (or a new project when None); dismissed with ProjectSaved once committed."""

    # No automatic focus on showing: it scrolled the title's caption out of view. ``on_mount`` focuses.
    AUTO_FOCUS = ""

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
        self._opened_with: tuple[Any, ...] | None = None
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
                Binding(
                    "escape",
                    "cancel",
                    _("Cancel"),
                    id="cancel",
                    tooltip=_("Close the form; with changes, it asks first"),
                ),
            ],
        )

    # --- building -----------------------------------------------------------------------------

    @property
    def heading(self) -> str:
        return _("Edit {id}").format(id=self.existing.id) if self.existing else _("New project")

    def compose(self) -> ComposeResult:
        values = form_texts(self.existing.project) if self.existing else {}
        if self.existing:
            for name in self._chosen:
                self._chosen[name] = list(values[name])
        with Vertical(id="form-frame"):
            yield Static(literal(self.heading), id="form-title")
            yield Static(literal(_("ctrl+s saves and commits · escape cancels")), id="form-keys")
            # Not a stop of its own for Tab: the focus goes from control to control, each scrolled into view.
            with VerticalScroll(id="form-fields", can_focus=False):
                for field in registry().in_form_order():
                    name = field.name
                    caption = field.caption + (f"  ({field.help})" if field.help else "")
                    yield Label(literal(caption), classes="field-caption")
                    yield field_widget(field, values.get(name), self.vocabulary)
                    yield MeasuredStatic("", id=f"error-{name}", classes="field-error", markup=False)
                    if name == "title":  # the id is proposed from the title: show it right below
                        yield Label(literal(_("Id (the file name projects/<id>.toml)")), classes="field-caption")
                        yield Input(
                            value=self.existing.id if self.existing else "",
                            id="field-id",
                            disabled=self.existing is not None,
                            placeholder=_("proposed from the title"),
                        )
                        yield MeasuredStatic("", id="error-id", classes="field-error", markup=False)
            yield Label(literal(_("Commit message")), id="commit-caption", classes="field-caption")
            with Horizontal(id="form-buttons"):
                yield Input(id="commit-message")
                yield Button(_("Save and commit"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        # The title first, in view and focused (an edit too: at 80x24 the summary would be out of sight).
        self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.set_focus(self.query_one("#field-title"), scroll_visible=False)
        self._refresh_proposals()
        self._opened_with = self.snapshot()

    # --- reading the form ---------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in registry().names:
            widget = self.query_one(f"#{widget_id(name)}")
            values[name] = self._choices(name, widget) if isinstance(widget, SelectionList) else control_value(widget)
        return values

    def snapshot(self) -> tuple[Any, ...]:
        """Everything a person can have typed or chosen: the fields, the id, the commit message."""
        return (
            self.form_values(),
            self.query_one("#field-id", Input).value,
            self.query_one("#commit-message", Input).value,
        )

    @property
    def has_changes(self) -> bool:
        """Whether the form holds anything else than what it opened with."""
        return self._opened_with is not None and self.snapshot() != self._opened_with

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
        """Show every message next to its field (a row's below that row); returns how many fields need attention."""
        errors = dict(draft.errors)
        if id_problems:
            errors["id"] = id_problems
        for name in ("id", *registry().names):
            widget = self.query_one(f"#{widget_id(name)}")
            messages = id_problems if name == "id" else draft.unplaced(name)
            if isinstance(widget, EntryEditor):
                widget.show_errors(
                    {(row, part): found for (field, row, part), found in draft.at.items() if field == name}
                )
            label = self.query_one(f"#error-{name}", Static)
            label.update(literal("\n".join(messages), multiline=True))
            label.set_class(bool(messages), "shown")
            widget.set_class(bool(messages), "invalid")
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
    @on(Checkbox.Changed)
    @on(EntryEditor.RowsChanged)
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
            self._focus_first_invalid()
            return
        if self.existing and not changed_fields(self.existing.project, draft.project):
            self.notify(_("Nothing changed."), markup=False)
            return
        self.query_one("#form-title", Static).update(literal(_("Saving and committing…")))
        message = self.query_one("#commit-message", Input).value
        self.start_saving(self.project_id, draft.project, self.existing, message)

    def _focus_first_invalid(self) -> None:
        """The first control with a message (a row's part before the rows' editor), in view."""
        first = next(iter(self.query(".invalid")), None)
        if isinstance(first, EntryEditor):
            first = next((widget for widget in first.query(".invalid") if widget.focusable), first)
        if first is None:
            return
        if first.focusable:
            self.set_focus(first)
        first.scroll_visible(animate=False)

    def show_save_failure(self, message: SaveFailed) -> None:
        """Nothing was saved: every value stays as typed; the reason in a notification."""
        self.query_one("#form-title", Static).update(literal(self.heading))
        reason = message.reason
        if message.changed_on_disk:
            reason += "\n" + _("Nothing was written. Close the form (escape), reload (r) and make your change again.")
        self.notify(plain(reason), title=_("Not saved"), severity="error", markup=False, timeout=12)

    # --- closing ------------------------------------------------------------------------------

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close; a form that holds changes asks first (Keep editing is the default answer)."""
        self.close_then(lambda: self.dismiss(None))

    def close_then(self, leave) -> None:
        """Run ``leave`` (close the form, or quit the app) once nothing typed would be lost by it."""
        if self.saving:
            self.notify(_("Saving and committing…"), markup=False)
            return
        if not self.has_changes:
            leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                leave()

        self.app.push_screen(
            ConfirmScreen(_("Discard your changes?"), _("Keep editing"), _("Discard"), id="confirm-discard"), answered
        )
