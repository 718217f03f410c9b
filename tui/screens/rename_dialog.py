"""Rename a project (R): its new id, checked as it is typed, then one commit by the core's
``rename_project`` (as ``portfolio rename OLD NEW``) in a thread worker.

The box starts with the old id. Next to it: why the typed id cannot be used (the id rule of
``portfolio.domain.ids``; an id taken by another file, upper or lower case alike), and which
projects' ``depends_on`` the same commit changes. Enter renames; escape changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from portfolio.domain.ids import invalid_id_message, is_valid_id
from portfolio.domain.records import Portfolio, StoredProject
from portfolio.errors import PortfolioError
from portfolio.i18n import _
from tui.bindings import install
from tui.messages import ProjectSaved, SaveFailed
from tui.saving import SavingScreen
from tui.text import literal
from tui.widgets.measured_static import MeasuredStatic


def taken_ids(portfolio: Portfolio) -> dict[str, str]:
    """Folded id -> id of every project file loaded, valid or broken."""
    ids = list(portfolio.projects) + [Path(path).stem for path in portfolio.broken]
    return {each.casefold(): each for each in ids}


def id_problem(old_id: str, new_id: str, taken: dict[str, str]) -> str:
    """Why ``new_id`` cannot replace ``old_id`` ("" when it can)."""
    if new_id == old_id:
        return _("Type the new id of {id}.").format(id=old_id)
    if not is_valid_id(new_id):
        return invalid_id_message(new_id)
    other = taken.get(new_id.casefold())
    if other is not None and other != old_id:
        return _("{id!r} is taken by the project {other}").format(id=new_id, other=other)
    return ""


class RenameDialog(SavingScreen):
    """Dismissed with ``ProjectSaved`` (under the new id) once committed, or with None."""

    def __init__(self, root: Path, portfolio: Portfolio, stored: StoredProject) -> None:
        from portfolio.changes.lifecycle import dependents

        super().__init__(root, id="rename")
        self.stored = stored
        self.taken = taken_ids(portfolio)
        self.dependents = dependents(portfolio, stored.id)
        install(
            self,
            [Binding("escape", "cancel", _("Cancel"), id="cancel-rename", tooltip=_("Close: nothing is renamed"))],
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="rename-frame"):
            yield Static(
                literal(_("Rename {id} ({title})").format(id=self.stored.id, title=self.stored.project.title)),
                id="rename-title",
            )
            yield Input(value=self.stored.id, id="rename-id", tooltip=_("The new id: the project's file name"))
            yield MeasuredStatic("", id="rename-message", markup=False)
            yield Static(literal(self._dependents_text(), multiline=True), id="rename-dependents")
            with Horizontal(id="rename-buttons"):
                yield Button(literal(_("Cancel (escape)")), id="rename-cancel")
                yield Button(literal(_("Rename (Enter)")), id="rename-save", variant="primary")

    def _dependents_text(self) -> str:
        if not self.dependents:
            return _("No other project depends on it.")
        return _("The same commit updates depends_on in: {ids}").format(ids=", ".join(self.dependents))

    def on_mount(self) -> None:
        box = self.query_one("#rename-id", Input)
        self.set_focus(box)
        self._check(box.value)

    def _check(self, value: str) -> str:
        problem = id_problem(self.stored.id, value.strip(), self.taken)
        self.query_one("#rename-message", Static).update(literal(problem))
        return problem

    @on(Input.Changed, "#rename-id")
    def id_changed(self, event: Input.Changed) -> None:
        self._check(event.value)

    @on(Input.Submitted, "#rename-id")
    def id_submitted(self) -> None:
        self.action_rename()

    @on(Button.Pressed, "#rename-save")
    def save_pressed(self) -> None:
        self.action_rename()

    @on(Button.Pressed, "#rename-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_rename(self) -> None:
        new_id = self.query_one("#rename-id", Input).value.strip()
        if self.saving or self._check(new_id):
            return
        self.saving = True
        self.query_one("#rename-message", Static).update(literal(_("Renaming…")))
        self.rename_in_background(new_id)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def rename_in_background(self, new_id: str) -> None:
        from portfolio.changes.lifecycle import rename_project

        try:
            change = rename_project(self.root, self.stored.id, new_id)
        except PortfolioError as error:
            self.post_message(SaveFailed(error.message))
            return
        except Exception as error:  # shown to the user, never a crash of the UI
            self.post_message(SaveFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(ProjectSaved(new_id, change.commit or "", change.message.partition("\n")[0]))

    def show_save_failure(self, message: SaveFailed) -> None:
        self.query_one("#rename-message", Static).update(literal(message.reason, multiline=True))

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
