"""The main screen's keys and the changes they start: a new project, an edit, a status move, a
milestone done, and the views it opens (region, deadlines, progress, export, help).

``MainActions`` is a part of ``tui.screens.main.MainScreen`` (mixed into it, never used alone): it
uses the screen's ``root``, ``portfolio``, ``first_look``, ``highlighted()``, ``reload()`` and
``choose_cell()``. Searching, filtering and sorting are in ``tui.screens.main_filters``; the history
tab stays with the screen, next to its state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from portfolio.i18n import _, ngettext
from tui.screens.main_lifecycle import lifecycle_bindings
from tui.text import plain

if TYPE_CHECKING:
    from portfolio.domain.records import StoredProject
    from tui.messages import ProjectSaved
    from tui.screens.export_dialog import ExportWritten


def main_bindings() -> list[Binding]:
    return [
        # A priority binding runs before the next key is routed, so "/mobil" typed in one go lands in the box.
        Binding(
            "slash",
            "focus_search",
            _("Search"),
            id="search",
            priority=True,
            tooltip=_("Search the projects: every word, in any of their texts (ä, ae and a alike)"),
        ),
        Binding("escape", "clear", _("Clear"), id="clear", tooltip=_("Clear the search and the filters")),
        Binding("n", "new_project", _("New"), id="new-project", tooltip=_("Add a project (a form, then one commit)")),
        Binding("e", "edit_project", _("Edit"), id="edit-project", tooltip=_("Edit the highlighted project")),
        Binding(
            "s",
            "change_status",
            _("Status"),
            id="change-status",
            tooltip=_("Move the highlighted project to another status, with a commit"),
        ),
        Binding(
            "x",  # ticks it off; d is kept for deleting a project
            "milestone_done",
            _("Milestone"),
            id="milestone-done",
            tooltip=_("Mark a milestone of the highlighted project done (x, then Enter), with a commit"),
        ),
        *lifecycle_bindings(),
        *view_bindings(),
        Binding(
            "r", "reload", _("Reload"), id="reload", tooltip=_("Read the project files again (after a pull or an edit)")
        ),
        Binding("question_mark", "help", _("Help"), id="help", tooltip=_("Every key and what it does")),
        Binding("q", "app.quit", _("Quit"), id="quit", tooltip=_("Leave the portfolio")),
    ]


def view_bindings() -> list[Binding]:
    """The keys that open a view of the projects shown (history, region, deadlines, progress, export)."""
    return [
        Binding(
            "h",
            "show_history",
            _("History"),
            id="show-history",
            tooltip=_("Show the history of the highlighted project"),
        ),
        Binding(
            "m",
            "region",
            _("Region"),
            id="region-view",
            tooltip=_("Municipalities x fields of action, counts per status, flow over time, transfers"),
        ),
        Binding(
            "F",  # Fristen; d deletes
            "deadlines",
            _("Deadlines"),
            id="deadlines-view",
            tooltip=_("What falls due in the projects shown, soonest first, overdue ones marked"),
        ),
        Binding(
            "p",
            "progress",
            _("Progress"),
            id="progress-view",
            show=False,  # in the help: the key bar is full at 80 columns
            tooltip=_("Milestones done and KPI progress of the projects shown, per field of action and municipality"),
        ),
        Binding(
            "E",
            "export",
            _("Export"),
            id="export",
            tooltip=_("Write the projects shown (CSV, XLSX) or their report (HTML, PDF, Markdown) to a file"),
        ),
    ]


class MainActions:
    """The actions that open another screen; a change made there comes back to ``_after_save``."""

    def _still_checking(self) -> bool:
        """While only the first look is shown, changes wait for the validated portfolio (said so)."""
        if self.portfolio is None and self.first_look is not None:
            self.notify(_("Still checking the project files; a moment, please."), severity="warning", markup=False)
            return True
        return False

    def _need_project(self) -> StoredProject | None:
        if self._still_checking():
            return None
        stored = self.highlighted()
        if stored is None:
            self.notify(_("No project is highlighted."), severity="warning", markup=False)
        return stored

    def action_new_project(self) -> None:
        if self._still_checking() or self.portfolio is None:
            return
        from tui.screens.project_form import ProjectForm

        self.app.push_screen(ProjectForm(self.root, self.portfolio, None), self._after_save)

    def action_edit_project(self) -> None:
        stored = self._need_project()
        if stored is None or self.portfolio is None:
            return
        from tui.screens.project_form import ProjectForm

        self.app.push_screen(ProjectForm(self.root, self.portfolio, stored), self._after_save)

    def action_change_status(self) -> None:
        stored = self._need_project()
        if stored is None or self.portfolio is None:
            return
        from tui.screens.status_picker import StatusPicker

        self.app.push_screen(StatusPicker(self.root, self.portfolio.vocabulary, stored), self._after_save)

    def action_milestone_done(self) -> None:
        stored = self._need_project()
        if stored is None or self.portfolio is None:
            return
        from portfolio.changes.milestones import open_milestones

        if not open_milestones(stored.project):
            text = _("{id} has no open milestones.") if stored.project.milestones else _("{id} has no milestones.")
            self.notify(plain(text.format(id=stored.id)), markup=False)
            return
        from tui.screens.milestone_picker import MilestonePicker

        self.app.push_screen(MilestonePicker(self.root, self.portfolio.vocabulary, stored), self._after_save)

    def action_region(self) -> None:
        if self._still_checking() or self.portfolio is None:
            return
        from tui.screens.region import RegionScreen

        def chosen(cell: tuple[str, str] | None) -> None:
            if cell is not None:
                self.choose_cell(*cell)

        self.app.push_screen(RegionScreen(self.root, self.portfolio), chosen)

    def action_deadlines(self) -> None:
        if self._still_checking() or self.portfolio is None:
            return
        from tui.screens.deadlines import DeadlinesScreen

        def chosen(project_id: str | None) -> None:
            if project_id is not None:
                self.jump_to(project_id)

        self.app.push_screen(DeadlinesScreen(self.matching_projects()), chosen)

    def action_progress(self) -> None:
        if self._still_checking() or self.portfolio is None:
            return
        from tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen(self.matching_projects(), self.portfolio.vocabulary))

    def action_export(self) -> None:
        if self._still_checking() or self.portfolio is None:
            return
        from tui.screens.export_dialog import ExportDialog

        table = self.query_one("#projects")
        dialog = ExportDialog(
            self.root, self.portfolio.vocabulary, self.project_filter, len(table.shown_ids), table.shown_ids
        )
        self.app.push_screen(dialog, self._after_export)

    def _after_export(self, written: ExportWritten | None) -> None:
        if written is None:
            return
        text = _("Wrote {path}").format(path=written.path)
        if written.left_out:
            text += "\n" + ngettext(
                "{count} broken project file is left out (see the list below the table)",
                "{count} broken project files are left out (see the list below the table)",
                written.left_out,
            ).format(count=written.left_out)
        severity = "warning" if written.left_out else "information"
        self.notify(plain(text), title=_("Exported"), severity=severity, markup=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def _after_save(self, saved: ProjectSaved | None) -> None:
        if saved is None:
            return
        self.notify(
            plain(_("Committed {sha}: {message}").format(sha=saved.commit[:10], message=saved.message)),
            title=_("Saved"),
            markup=False,
        )
        self._highlight_after_load = saved.project_id
        self.reload()
        self.refresh_sync_state(fetch=False)
