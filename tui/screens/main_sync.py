"""Sync on the main screen: the branch against its remote in the status line, and sync with a key.

``MainSync`` is a part of ``tui.screens.main.MainScreen`` (mixed into it, never used alone). The
state is read in a thread worker at start, after a reload (``r`` fetches first) and after every
change or sync; sync itself runs in a worker that posts its progress. The event loop never waits
for git or the network.
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from portfolio.i18n import _
from tui.messages import Synced, SyncFailed, SyncProgressed, SyncStateRead
from tui.text import plain
from tui.widgets.status_line import StatusLine

SHOWN_CAME_IN = 12  # lines of what came in shown in the notification; the rest are counted


def sync_bindings() -> list[Binding]:
    return [
        Binding(
            "S",
            "sync",
            _("Sync"),
            id="sync",
            tooltip=_(
                "Fetch, put your commits on top of the remote's and push (never forces); on a conflict, decide each field"
            ),
        ),
    ]


class MainSync:
    """The status line's sync part and the sync key; see the module."""

    syncing = False

    def refresh_sync_state(self, *, fetch: bool) -> None:
        if not self.syncing:
            self.sync_state_in_background(fetch)

    @work(thread=True, exclusive=True, group="sync-state", exit_on_error=False)
    def sync_state_in_background(self, fetch: bool) -> None:
        from tui.syncing import state_outcome

        self.post_message(state_outcome(self.root, fetch=fetch))

    def on_sync_state_read(self, message: SyncStateRead) -> None:
        if self.syncing:
            return  # the sync's progress is shown; its end reads the state again
        self.sync_state = message.state
        if message.state is not None:
            text = message.state.text()
        else:
            text = _("sync state unknown: {reason}").format(reason=message.reason)
        self.query_one(StatusLine).show_sync(text)

    def action_sync(self) -> None:
        if self.syncing:
            self.notify(_("A sync is already running."), markup=False)
            return
        if self._still_checking():
            return
        from portfolio.git.sync_state import RESOLVABLE  # GitPython: not before the first paint

        state = self.sync_state
        if state is not None and state.problem == "operation" and state.operation in RESOLVABLE:
            self.open_resolution()  # git stopped on a conflict: decide it here
            return
        self.syncing = True
        self.query_one(StatusLine).show_sync(_("Sync: starting…"))
        self.sync_in_background()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def sync_in_background(self) -> None:
        from tui.syncing import sync_outcome

        self.post_message(sync_outcome(self.root, lambda text: self.post_message(SyncProgressed(text))))

    def on_sync_progressed(self, message: SyncProgressed) -> None:
        if self.syncing:
            self.query_one(StatusLine).show_sync(_("Sync: {step}").format(step=message.text))

    def on_synced(self, message: Synced) -> None:
        self.syncing = False
        lines = message.came_in[:SHOWN_CAME_IN]
        if len(message.came_in) > SHOWN_CAME_IN:
            lines.append(
                _("… and {count} more lines (portfolio diff shows all)").format(
                    count=len(message.came_in) - SHOWN_CAME_IN
                )
            )
        text = "\n".join([message.summary, *lines])
        self.notify(plain(text), title=_("Synced"), markup=False, timeout=10)
        self.reload()
        self.refresh_sync_state(fetch=False)

    def on_sync_failed(self, message: SyncFailed) -> None:
        self.syncing = False
        if message.conflicts:
            self.open_resolution()
            return
        self.notify(plain(message.reason), title=_("Not synced"), severity="error", markup=False, timeout=15)
        self.refresh_sync_state(fetch=False)

    def open_resolution(self) -> None:
        from tui.screens.resolve import ResolveScreen

        self.query_one(StatusLine).show_sync(_("Sync: conflicts to decide"))
        self.app.push_screen(ResolveScreen(self.root), self._after_resolution)

    def _after_resolution(self, decided) -> None:
        if decided is not None:
            self.notify(
                plain(_("Committed {sha}: {message}").format(sha=decided.commit[:10], message=decided.message)),
                title=_("Synced"),
                markup=False,
                timeout=10,
            )
            self.reload()
        else:
            self.notify(_("Nothing was changed; both sides are as they were."), markup=False)
        self.refresh_sync_state(fetch=False)
