"""The main screen's changes to a project's life: delete (d), rename (R, tui.screens.rename_dialog),
restore a deleted one (u), and revert the change highlighted in the history tab (z; when a later
change touched the same field, each such field is decided in tui.screens.revert_choice).

``LifecycleActions`` is a part of ``tui.screens.main.MainScreen`` (mixed into it, never used alone),
as ``MainActions`` is. Each change is the core's own function, the same ``portfolio delete``,
``restore`` and ``revert`` call: delete in a thread worker of this process, restore and revert in
the history process (they read the history, which this process never imports). Each asks first
(``ConfirmScreen``, the safe answer the default) and ends as ``ProjectSaved`` or ``SaveFailed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from portfolio.errors import PortfolioError
from portfolio.i18n import _
from tui.messages import DeletedListed, ProjectSaved, RevertRefused, SaveFailed
from tui.text import plain

if TYPE_CHECKING:
    from portfolio.domain.records import StoredProject
    from tui.history.rows import ChangeDone, HistoryRow


def lifecycle_bindings() -> list[Binding]:
    return [
        Binding(
            "d",
            "delete_project",
            _("Delete"),
            id="delete-project",
            tooltip=_("Delete the highlighted project, with a commit (after a question; the history keeps it)"),
        ),
        Binding(
            "R",
            "rename_project",
            _("Rename"),
            id="rename-project",
            show=False,
            tooltip=_("Give the highlighted project a new id, with a commit (depends_on of others follows)"),
        ),
        Binding(
            "u",
            "restore_project",
            _("Restore"),
            id="restore-project",
            show=False,
            tooltip=_("Restore a deleted project: choose one, then one commit brings it back"),
        ),
        Binding(
            "z",
            "revert_change",
            _("Revert"),
            id="revert-change",
            show=False,
            tooltip=_("In the history tab: revert the highlighted change, with a commit (after a question)"),
        ),
    ]


def _failure(error: Exception) -> SaveFailed:
    if isinstance(error, PortfolioError):
        return SaveFailed(error.message)
    return SaveFailed(f"{type(error).__name__}: {error}")


def _saved(done: ChangeDone) -> ProjectSaved | SaveFailed:
    if not done.commit:
        return SaveFailed(_("Nothing to change."))
    return ProjectSaved(done.project_id, done.commit, done.message)


class LifecycleActions:
    """Delete, restore, revert; the outcome comes back as ``ProjectSaved``/``SaveFailed`` to this screen."""

    # --- delete ------------------------------------------------------------------------------
    def action_delete_project(self) -> None:
        stored = self._need_project()
        if stored is None:
            return
        from tui.screens.confirm import ConfirmScreen

        question = _(
            "Delete the project {id} ({title})?\n\nOne commit removes its file; its history keeps it, and "
            "“Restore a deleted project” (u) brings it back."
        ).format(id=stored.id, title=stored.project.title)

        def answered(proceed: bool | None) -> None:
            if proceed:
                self.delete_in_background(stored)

        self.app.push_screen(
            ConfirmScreen(question, _("Keep it"), _("Delete {id}").format(id=stored.id), id="confirm-delete"), answered
        )

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def delete_in_background(self, stored: StoredProject) -> None:
        from portfolio.changes.lifecycle import delete_project

        try:
            change = delete_project(self.root, stored.id, loaded=stored)
        except Exception as error:  # shown to the user, never a crash of the UI
            self.post_message(_failure(error))
            return
        self.post_message(ProjectSaved(stored.id, change.commit or "", change.message.partition("\n")[0]))

    # --- rename ------------------------------------------------------------------------------
    def action_rename_project(self) -> None:
        stored = self._need_project()
        if stored is None or self.portfolio is None:
            return
        from tui.screens.rename_dialog import RenameDialog

        self.app.push_screen(RenameDialog(self.root, self.portfolio, stored), self._after_save)

    # --- restore -----------------------------------------------------------------------------
    def action_restore_project(self) -> None:
        if self._still_checking():
            return
        self.notify(_("Looking for deleted projects…"), markup=False, timeout=3)
        self.list_deleted_in_background()

    @work(thread=True, exclusive=True, group="history-change", exit_on_error=False)
    def list_deleted_in_background(self) -> None:
        try:
            rows = self.app.history.deleted_projects(self.root)
        except Exception as error:
            self.post_message(_failure(error))
            return
        self.post_message(DeletedListed(rows))

    def on_deleted_listed(self, message: DeletedListed) -> None:
        if not message.rows:
            self.notify(_("No project has been deleted on this branch."), markup=False)
            return
        from tui.screens.restore_picker import RestorePicker

        def chosen(project_id: str | None) -> None:
            if project_id:
                self.history_change_in_background("restore", project_id)

        self.app.push_screen(RestorePicker(message.rows), chosen)

    # --- revert ------------------------------------------------------------------------------
    def action_revert_change(self) -> None:
        from tui.widgets.detail import ProjectDetail

        stored = self._need_project()
        if stored is None:
            return
        detail = self.query_one(ProjectDetail)
        row = detail.highlighted_event() if detail.active_tab == "tab-history" else None
        if row is None or not row.sha:
            self.notify(_("Open the history tab (h) and highlight the change to revert."), markup=False)
            return
        from tui.screens.confirm import ConfirmScreen

        question = _(
            "Revert commit {commit} of {id}?\n\n“{subject}”\n{change}\n\nA new commit puts these fields back "
            "as they were before it (refused when a later change touched one of them)."
        ).format(commit=row.commit, id=stored.id, subject=row.subject, change=row.change)

        def answered(proceed: bool | None) -> None:
            if proceed:
                self.history_change_in_background("revert", stored.id, row)

        self.app.push_screen(
            ConfirmScreen(question, _("Keep it"), _("Revert {commit}").format(commit=row.commit), id="confirm-revert"),
            answered,
        )

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def history_change_in_background(self, call: str, project_id: str, row: HistoryRow | None = None) -> None:
        """A restore or a revert, made by the history process (it reads the history)."""
        history = self.app.history
        try:
            if call == "restore":
                done = history.restore(self.root, project_id)
            else:
                done = history.revert(self.root, row.sha, project_id)
        except Exception as error:
            if getattr(error, "conflicts", None) and row is not None:  # a later change is in the way
                self.post_message(self._revert_refused(error, row.sha, project_id))
                return
            self.post_message(_failure(error))
            return
        self.post_message(_saved(done))

    def _revert_refused(self, refusal: Exception, sha: str, project_id: str) -> RevertRefused | SaveFailed:
        """The fields in a refused revert's way, to decide (tui.screens.revert_choice); else the refusal."""
        try:
            return RevertRefused(refusal.message, self.app.history.revert_plan(self.root, sha, project_id))
        except Exception:  # the refusal itself says what is in the way
            return _failure(refusal)

    def on_revert_refused(self, message: RevertRefused) -> None:
        from tui.screens.revert_choice import RevertChoiceScreen

        self.app.push_screen(RevertChoiceScreen(self.root, message.reason, message.plan), self._after_save)

    # --- the outcome -------------------------------------------------------------------------
    def on_project_saved(self, message: ProjectSaved) -> None:
        self._after_save(message)

    def on_save_failed(self, message: SaveFailed) -> None:
        self.notify(plain(message.reason), title=_("Nothing was changed"), severity="error", markup=False, timeout=15)
