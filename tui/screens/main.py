"""The main screen: filters, search, the project table, the detail pane and a status line.

The screen owns the state (the loaded portfolio and the filter); widgets show what they are given.
Everything that touches disk or git runs in a thread worker that only posts a message back.
The keys and the actions that open another screen are in ``tui.screens.main_actions``; searching,
filtering and sorting in ``tui.screens.main_filters`` (the screen's base); the status line and the
list of broken files are widgets of their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input

from portfolio.errors import PortfolioError
from portfolio.i18n import _, ngettext
from tui import loading
from tui.bindings import install
from tui.messages import (
    FirstLookTaken,
    HistoryFailed,
    HistoryLoaded,
    LoadSettled,
    PortfolioLoaded,
    PortfolioLoadFailed,
)
from tui.screens.main_actions import MainActions, main_bindings
from tui.screens.main_filters import FilteredScreen, filter_bindings
from tui.screens.main_lifecycle import LifecycleActions
from tui.screens.main_sync import MainSync, sync_bindings
from tui.text import plain
from tui.widgets.broken_files import BrokenFiles
from tui.widgets.detail import ProjectDetail
from tui.widgets.filter_panel import FilterPanel
from tui.widgets.key_bar import KeyBar
from tui.widgets.project_table import ProjectTable
from tui.widgets.project_texts import text_widths
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.widgets import TabbedContent

    from portfolio.domain.records import Portfolio, StoredProject
    from portfolio.files.glanced import FirstLook
    from tui.load_process import LoadProcess

FIRST_PAINT_WAIT = 2.0  # seconds the full load waits for the first look to be painted, at most


class MainScreen(MainActions, LifecycleActions, MainSync, FilteredScreen):
    """Browse, filter and search the projects; start every change from here."""

    def __init__(self, root: Path) -> None:
        super().__init__(id="main")
        self.root = root
        self.portfolio: Portfolio | None = None
        self.first_look: FirstLook | None = None  # shown until the validated portfolio is there
        self._first_look_painted = threading.Event()
        self._validated_painted = threading.Event()  # the load's last step waits for it (see load_in_background)
        self._sync_state_after_paint = False
        self._detail_after_paint = False
        self.loads = 0
        self._history_for: str | None = None
        self._highlight_after_load: str | None = None
        self._resumed = False  # see on_screen_resume
        self.sync_state = None  # the branch against its remote, once read (tui.screens.main_sync)
        install(self, main_bindings() + sync_bindings() + filter_bindings())

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="toolbar"):
            yield Input(
                placeholder=_("/ search projects"),
                id="search",
                tooltip=_(
                    "Search (/): every word must be found in the title, id, summary, description, municipalities, "
                    "fields of action, lead, partners or topics; ä, ae and a alike. Enter goes to the table"
                ),
            )
            yield FilterPanel(id="filters").data_bind(MainScreen.project_filter)
        with Vertical(id="body"):
            yield ProjectTable(id="projects")
            yield BrokenFiles(id="broken-files")
            yield ProjectDetail(id="detail")
        yield StatusLine(id="status-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(StatusLine).say(_("Loading the portfolio…"))
        self.set_focus(self.query_one("#projects"))
        self._table_widths = self.query_one(ProjectTable).widths_memo  # filled by the load's worker (measure_rows)
        child = self.app.take_load_process() if hasattr(self.app, "take_load_process") else None
        # The first look, when the child has sent it by now (it reads the files while Textual starts
        # up, and nearly always has): shown before the screen's first frame, which then has the rows
        # (painted empty first and then again with them, it took a frame longer: 15 ms at 1,000).
        shown = child is not None and child.first_look_waits() and self._show_first_look(child, self.first_look_taken)
        self.load_in_background(child, look_shown=shown)

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load_in_background()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_in_background(self, child: LoadProcess | None = None, look_shown: bool = False) -> None:
        """The validated portfolio (``child``'s, at the first load), after a first look is painted
        (``look_shown``: by ``on_mount`` already)."""
        try:
            if look_shown or self._show_first_look(child, self.post_message):
                self._first_look_painted.wait(FIRST_PAINT_WAIT)
                if not self.is_attached:
                    return  # the app ended meanwhile
            portfolio = loading.load(self.root, child)
            loading.measure_rows(portfolio, self._table_widths, child)
            self._validated_painted.clear()
            self.post_message(PortfolioLoaded(portfolio))
            # Folding the search texts holds the interpreter lock: after the validated table is painted.
            self._validated_painted.wait(FIRST_PAINT_WAIT)
            if not self.is_attached:
                return
            loading.settle_in(portfolio, child)
            self.post_message(LoadSettled())
        except PortfolioError as error:
            self.post_message(PortfolioLoadFailed(error.message))
        except Exception as error:  # an unexpected failure is still a message, not a crash
            self.post_message(PortfolioLoadFailed(f"{type(error).__name__}: {error}"))

    def _show_first_look(self, child: LoadProcess | None, show: Callable[[FirstLookTaken], object]) -> bool:
        """``show`` the first look (``child``'s, else the one the app started) unless the child has
        validated the portfolio already: then the validated table is the first one painted (see
        tui.loading). Whether it did."""
        if child is not None:
            sent = child.first_look()
        else:
            look = self._take_first_look()
            sent = (look, text_widths(look.projects, look.labels)) if look is not None else None
        if sent is None or not sent[0].projects or (child is not None and child.portfolio_waits()):
            return False
        show(FirstLookTaken(*sent))
        return True

    def _take_first_look(self) -> FirstLook | None:
        """The first look the app started (once, at start-up); later loads go straight to the full load."""
        prefetched = self.app.take_prefetched() if hasattr(self.app, "take_prefetched") else None
        try:
            return prefetched.result() if prefetched is not None else None
        except Exception:  # only a first look: the full load reports what is wrong
            return None

    @on(FirstLookTaken)
    def first_look_taken(self, message: FirstLookTaken) -> None:
        if self.portfolio is not None:  # validated already: nothing to show first
            self._first_look_painted.set()
            return
        look = self.first_look = message.look
        self.app.sub_title = plain(look.labels.region)
        table = self.query_one(ProjectTable)
        table.show(list(look.projects), look.labels, widths=message.widths)
        table.when_drawn(self._first_look_painted.set)  # on the screen: the full load may start
        count = len(look.projects)
        self.query_one(StatusLine).say(
            ngettext("{count} project · checking the files…", "{count} projects · checking the files…", count).format(
                count=count
            )
        )
        self.show_highlighted()

    @on(ProjectTable.Filled)
    def table_filled(self) -> None:
        if self.portfolio is None and self.first_look is not None:
            self.call_after_refresh(self._first_look_painted.set)  # painted: the full load may start
        elif self.portfolio is not None:
            self._after_refresh(self._validated_table_painted)

    def _after_refresh(self, callback: Callable[[], object]) -> None:
        """``callback`` after the next refresh, unless the screen is taken down by then: Textual runs
        it even so, and quitting in the frame that painted the validated table mounted the detail
        pane's tabs into a screen that was gone (a MountError)."""
        self.call_after_refresh(self._if_attached, callback)

    def _if_attached(self, callback: Callable[[], object]) -> None:
        if self.is_attached:
            callback()

    def _validated_table_painted(self) -> None:
        if self._detail_after_paint:
            # The tabs in a frame of their own, the project's fields in the next: both in one frame
            # stalled the event loop for 40-70 ms on a busy machine. The search index and git wait
            # for the detail pane too: a thread computing meanwhile holds the interpreter lock the
            # tabs' first layout needs, and doubles its stall.
            detail = self.query_one(ProjectDetail)
            detail.tabs()
            detail.show_message(_("Checking the project files…"))  # until the fields are shown
            self.run_worker(self._after_tabs_mounted(), group="detail-shown", exit_on_error=False)
            return
        self._after_validated_views()

    async def _after_tabs_mounted(self) -> None:
        await self.query_one(ProjectDetail).tabs_mounted()
        self._after_refresh(self._first_detail)

    def _first_detail(self) -> None:
        self._detail_after_paint = False
        self.show_highlighted()
        self._after_refresh(self._after_validated_views)

    def _after_validated_views(self) -> None:
        """The validated table (and, the first time, the detail pane) is on the screen: what waited starts."""
        self._validated_painted.set()
        if self._sync_state_after_paint:
            self._sync_state_after_paint = False
            self.refresh_sync_state(fetch=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Before Textual's own handler (the next in the class order). The first resume comes right
        after every widget was mounted and styled, and Textual would style them all again then:
        2-3 ms before the first frame, for the same styles (tests/tui/test_tui_screen_styles.py)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        """Before Textual's own handler (the next in the class order): a resize to the size the
        screen is laid out at changes nothing, and Textual would lay every widget out again. Textual
        sends two of them right after the first frame (the driver's and the app's first): 4-10 ms of
        the event loop while the validated portfolio is unpickled beside it."""
        if event.size == self.outer_size:
            event.prevent_default()

    def on_unmount(self) -> None:
        self._first_look_painted.set()  # a load waiting for the paint ends instead
        self._validated_painted.set()

    @on(LoadSettled)
    def load_settled(self) -> None:
        add_screens_css = getattr(self.app, "add_screens_css", None)  # PortfolioApp's (tui.app)
        if add_screens_css is not None:
            add_screens_css()  # the other screens' rules: parsed now, not when the first one opens
        keep_parsed_styles = getattr(self.app, "keep_parsed_styles", None)
        if keep_parsed_styles is not None:
            keep_parsed_styles()  # for the next start (tui.parsed_styles)

    @on(PortfolioLoaded)
    def portfolio_loaded(self, message: PortfolioLoaded) -> None:
        previous = self.portfolio
        self.portfolio = message.portfolio
        self.first_look = None
        self.loads += 1
        if self.loads == 1:
            # Git and the network wait for the validated projects to be painted: importing GitPython
            # in a thread holds the interpreter lock that the paint needs.
            self._sync_state_after_paint = True
            # The detail pane's tabs are made with the first validated project (40 ms and more: a
            # dozen widgets, styled for the first time): once the validated table is on the screen.
            self._detail_after_paint = True
        vocabulary = self.portfolio.vocabulary
        self.app.sub_title = plain(vocabulary.region)
        self.query_one(FilterPanel).set_vocabulary(vocabulary)
        self.query_one(BrokenFiles).show_problems(self.portfolio.broken)
        changed_broken = previous is None or set(previous.broken) != set(self.portfolio.broken)
        if self.portfolio.broken and changed_broken:
            count = len(self.portfolio.broken)
            self.notify(
                plain(
                    ngettext(
                        "{count} project file is broken and not shown; see the list below the table",
                        "{count} project files are broken and not shown; see the list below the table",
                        count,
                    ).format(count=count)
                ),
                title=_("Broken files"),
                severity="warning",
                markup=False,
            )
        self._history_for = None
        wanted, self._highlight_after_load = self._highlight_after_load, None
        if wanted and wanted in self.portfolio.projects:
            self.jump_to(wanted)
        else:
            self.refresh_table()

    @on(PortfolioLoadFailed)
    def portfolio_load_failed(self, message: PortfolioLoadFailed) -> None:
        if self.portfolio is None and self.first_look is not None:
            self.first_look = None  # what it showed was never validated
            self.query_one(ProjectTable).clear()
        self.notify(plain(message.reason), title=_("Could not load the portfolio"), severity="error", markup=False)
        self.query_one(StatusLine).say(_("Not loaded: {reason}").format(reason=message.reason))
        self.refresh_sync_state(fetch=False)

    # --- detail and history ------------------------------------------------------------------

    def highlighted(self) -> StoredProject | None:
        if self.portfolio is None:
            return None
        project_id = self.query_one(ProjectTable).highlighted_id()
        return self.portfolio.projects.get(project_id) if project_id else None

    @on(DataTable.RowHighlighted, "#projects")
    def row_highlighted(self) -> None:
        self.show_highlighted()

    def show_highlighted(self) -> None:
        detail = self.query_one(ProjectDetail)
        if self.portfolio is None and self.first_look is not None:
            detail.show_message(_("Checking the project files…"))
            return
        if self._detail_after_paint:
            return  # shown once the validated table is painted (see portfolio_loaded)
        stored = self.highlighted()
        adopted_by = self.portfolio.adopters_of(stored.id) if self.portfolio and stored else ()
        detail.show_project(stored, self.portfolio.vocabulary if self.portfolio else None, adopted_by)
        if detail.active_tab in ("tab-history", "tab-blame"):
            self.load_history_of(stored)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Named, not ``@on(TabbedContent.TabActivated)``: the tabs are imported with the first project shown.
        if event.tabbed_content.id == "detail-tabs" and event.pane.id in ("tab-history", "tab-blame"):
            self.load_history_of(self.highlighted())

    def load_history_of(self, stored: StoredProject | None) -> None:
        detail = self.query_one(ProjectDetail)
        if stored is None:
            detail.clear_history()
            detail.show_history_note(_("No project highlighted."))
            self._history_for = None
            return
        if self._history_for == stored.id:
            return
        self._history_for = stored.id
        detail.clear_history()
        detail.show_history_note(_("Reading the history of {id}…").format(id=stored.id))
        self.history_in_background(stored.id)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def history_in_background(self, project_id: str) -> None:
        from tui.history.process import HistoryProcessError  # the history engine's client, loaded on first use

        try:
            events, blame = self.app.history.project_history(self.root, project_id)
        except PortfolioError as error:
            self.post_message(HistoryFailed(project_id, error.message))
        except HistoryProcessError as error:
            self.post_message(HistoryFailed(project_id, str(error)))
        except Exception as error:
            self.post_message(HistoryFailed(project_id, f"{type(error).__name__}: {error}"))
        else:
            self.post_message(HistoryLoaded(project_id, events, blame))

    @on(HistoryLoaded)
    def history_loaded(self, message: HistoryLoaded) -> None:
        if message.project_id != self._history_for:
            return  # the user moved on meanwhile
        detail = self.query_one(ProjectDetail)
        detail.show_history(message.events, message.blame)
        detail.show_history_note(
            ngettext("{id}: {count} change", "{id}: {count} changes", len(message.events)).format(
                id=message.project_id, count=len(message.events)
            )
        )

    @on(HistoryFailed)
    def history_failed(self, message: HistoryFailed) -> None:
        if message.project_id != self._history_for:
            return
        self.query_one(ProjectDetail).show_history_note(_("No history: {reason}").format(reason=message.reason))

    # --- the actions on the screen's own state (the others: tui.screens.main_actions) ----------

    def action_reload(self) -> None:
        self.reload()
        self.refresh_sync_state(fetch=True)

    def action_show_history(self) -> None:
        if self._still_checking():
            return
        detail = self.query_one(ProjectDetail)
        detail.show_tab("tab-history")
        self.load_history_of(self.highlighted())
