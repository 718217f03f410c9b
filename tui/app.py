"""The Textual application, built by a factory taking the repository path (tests run it on fixtures)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from portfolio.errors import PortfolioError
from portfolio.i18n import _
from tui.bindings import install
from tui.load_process import LoadProcess
from tui.loading import start_first_look
from tui.parsed_styles import KeptStylesheet
from tui.screens.main import MainScreen
from tui.text import plain

if TYPE_CHECKING:
    from portfolio.files.glanced import FirstLook
    from tui.history.process import HistoryProcess


_imports_frozen = False


def freeze_what_the_imports_made() -> None:
    """What the imports made lives as long as the process: the garbage collector need not scan it
    again (a full collection during start-up cost 20 ms). Once per process: a later freeze (tests
    make many apps) would also keep the garbage of earlier apps for good."""
    global _imports_frozen
    if not _imports_frozen:
        _imports_frozen = True
        gc.freeze()


def project_commands():
    """The palette's project provider, imported when the palette first opens."""
    from tui.commands import ProjectCommands

    return ProjectCommands


class PortfolioApp(App):
    """Browse, filter, add and edit projects; move status with a commit; read each project's history."""

    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses elsewhere (benchmarks) find it too
    SCREENS_CSS_PATH = Path(__file__).parent / "screens.tcss"  # the other screens' rules, see add_screens_css
    TITLE = "Smart Region Portfolio"
    COMMANDS = App.COMMANDS | {project_commands}

    def __init__(self, root: Path, *, prefetch: bool = True, load_process: LoadProcess | None = None) -> None:
        """``prefetch``: start reading the files now, while Textual starts up: in ``load_process``, a
        child started before Textual was imported (``tui.launch``), else in a child started now or,
        for a small portfolio, a first look in a thread (see tui.load_process and tui.loading)."""
        freeze_what_the_imports_made()
        super().__init__()
        # before Textual reads a source (at the app's start): their rules from the last start (tui.parsed_styles)
        self.stylesheet = KeptStylesheet(variables=self.get_css_variables())
        self.root = root
        if load_process is None and prefetch:
            load_process = LoadProcess.start(root)
        self._load_process = load_process
        self._load_process_taken = False
        self._prefetched: Future[FirstLook | None] | None = (
            start_first_look(root) if prefetch and load_process is None else None
        )
        self._was_blurred = False
        self._history: HistoryProcess | None = None
        install(
            self,
            [
                Binding(
                    "ctrl+p",
                    "command_palette",
                    _("Commands"),
                    id="command-palette",
                    tooltip=_("Jump to a project by title or id, or run an action"),
                ),
            ],
        )

    @property
    def history(self) -> HistoryProcess:
        """The history engine, in a child process (see tui.history.process); started on first use."""
        if self._history is None:
            from tui.history.process import HistoryProcess

            self._history = HistoryProcess()
        return self._history

    def get_default_screen(self) -> Screen:
        return MainScreen(self.root)

    def add_screens_css(self) -> None:
        """The rules of the screens other than the main one (tui/screens.tcss) join the stylesheet:
        not before the first frame (they took ~8 ms of it), but once the portfolio is loaded (the main
        screen asks), or before the first of them is mounted. Added as a source, they are the only
        rules parsed then (Textual keeps the others parsed) and no widget shown is styled again (a
        screen's ``CSS_PATH`` would have done both). Once only; on the event loop's thread."""
        path = self.SCREENS_CSS_PATH
        if (str(path), "") not in self.stylesheet.source:
            self.stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
            self.stylesheet.parse()  # now, not while a dialog is being mounted

    def keep_parsed_styles(self) -> None:
        """Write the rules parsed at this start for the next (tui.parsed_styles), in a thread of its
        own: once the load has settled (the main screen asks) and when the app ends."""
        stylesheet = self.stylesheet
        if isinstance(stylesheet, KeptStylesheet):
            # not a daemon: a quit right after the load settled waits the few ms the file takes
            threading.Thread(target=stylesheet.keep, name="portfolio-keep-styles").start()

    def push_screen(self, screen, *arguments, **options):
        self.add_screens_css()
        return super().push_screen(screen, *arguments, **options)

    @property
    def main_screen(self) -> MainScreen:
        return next(screen for screen in self.screen_stack if isinstance(screen, MainScreen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.palette import translated_commands

        yield from translated_commands(super().get_system_commands(screen))
        if isinstance(screen, MainScreen):
            yield SystemCommand(_("New project"), _("Add a project through the form"), screen.action_new_project)
            yield SystemCommand(_("Edit project"), _("Edit the highlighted project"), screen.action_edit_project)
            yield SystemCommand(
                _("Change status"), _("Move the highlighted project to another status"), screen.action_change_status
            )
            yield SystemCommand(
                _("Milestone done"), _("Mark a milestone of the highlighted project done"), screen.action_milestone_done
            )
            yield SystemCommand(_("History"), _("History of the highlighted project"), screen.action_show_history)
            yield SystemCommand(_("Delete project…"), _("Delete the highlighted project"), screen.action_delete_project)
            yield SystemCommand(
                _("Rename project…"), _("Give the highlighted project a new id"), screen.action_rename_project
            )
            yield SystemCommand(
                _("Restore a deleted project…"),
                _("Bring back a project deleted on this branch"),
                screen.action_restore_project,
            )
            yield SystemCommand(
                _("Revert a change…"),
                _("Revert the change highlighted in the history tab"),
                screen.action_revert_change,
            )
            yield SystemCommand(_("Region view"), _("Municipalities x fields of action"), screen.action_region)
            yield SystemCommand(
                _("Export"), _("Write the projects shown, or their report, to a file"), screen.action_export
            )
            yield SystemCommand(_("Reload"), _("Read the project files again"), screen.action_reload)
            yield SystemCommand(
                _("Sync"),
                _("Fetch, put your commits on top of the remote's and push (never forces)"),
                screen.action_sync,
            )
            yield SystemCommand(_("Help"), _("Every key and what it does"), screen.action_help)
        yield SystemCommand(
            _("Screenshot"),
            _("Save a picture of the screen (SVG) in the current folder"),
            lambda: self.set_timer(0.1, self.save_screen_picture),  # after the palette has closed
        )

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q); an open form with changes asks first, as when it is closed."""
        from tui.screens.project_form import ProjectForm  # loaded with the first form anyway

        form = next((screen for screen in self.screen_stack if isinstance(screen, ProjectForm)), None)
        if form is not None:
            form.close_then(self.exit)
            return
        await super().action_quit()

    def action_command_palette(self) -> None:
        from tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        from tui.palette import Palette, ThemeChoices

        self.push_screen(Palette(providers=[ThemeChoices], placeholder=_("Search for themes…")))

    def save_screen_picture(self) -> Path | None:
        """Save the screen as an SVG in the current folder and say where, in the UI's language."""
        from portfolio.files.output_file import write_output

        try:
            path = Path.cwd() / f"portfolio-{datetime.now():%Y-%m-%d-%H%M%S}.svg"
            write_output(path, self.export_screenshot().encode("utf-8"))
        except (PortfolioError, OSError) as error:  # OSError: the current folder is gone
            reason = error.message if isinstance(error, PortfolioError) else error.strerror or str(error)
            self.notify(plain(reason), title=_("No screenshot"), severity="error", markup=False)
            return None
        self.notify(plain(_("Saved a screenshot: {path}").format(path=path)), title=_("Screenshot"), markup=False)
        return path

    def take_prefetched(self) -> Future[FirstLook | None] | None:
        """The first look started at creation, once; later loads read the files in full at once."""
        prefetched, self._prefetched = self._prefetched, None
        return prefetched

    def take_load_process(self) -> LoadProcess | None:
        """The child loading since start-up, once (the app ends it when it ends)."""
        taken, self._load_process_taken = self._load_process_taken, True
        return None if taken else self._load_process

    def on_resize(self, event: events.Resize) -> None:
        # Rich asks the OS for the terminal size on every measurement unless the console knows it;
        # the table measures every cell, so 5,000 rows meant 90,000 system calls per refill.
        self.console.size = (event.size.width, event.size.height)

    def on_unmount(self) -> None:
        if self._history is not None:
            self._history.close()
        if self._load_process is not None:
            self._load_process.close()
        self.keep_parsed_styles()  # what was parsed since the load settled: the dialogs opened

    def on_app_blur(self, _event: events.AppBlur) -> None:
        self._was_blurred = True

    def on_app_focus(self, _event: events.AppFocus) -> None:
        """Back in the terminal: pick up what a pull or an editor changed meanwhile."""
        if self._was_blurred:
            self.main_screen.reload()


def create_app(root: Path) -> PortfolioApp:
    return PortfolioApp(Path(root))


def run(root: Path, load_process: LoadProcess | None = None) -> None:
    """The UI on ``root``; ``load_process``: the child loading it since before Textual was imported."""
    PortfolioApp(Path(root), load_process=load_process).run()
