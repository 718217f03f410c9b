"""The Textual application: built by a factory taking the repository path."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header

from portfolio.i18n import _
from portfolio.store import Portfolio, load_portfolio
from portfolio.textsafety import escape_control


class PortfolioLoaded(Message):
    def __init__(self, portfolio: Portfolio) -> None:
        super().__init__()
        self.portfolio = portfolio


class LoadFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class PortfolioApp(App):
    """A first shell: the project table, loaded in a worker (issue 4 builds the full UI)."""

    TITLE = "Smart Region Portfolio"
    BINDINGS = [
        Binding("r", "reload", _("Reload"), id="reload", tooltip=_("Read the project files again")),
        Binding("q", "quit", _("Quit"), id="quit", tooltip=_("Leave the portfolio")),
    ]

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="projects", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#projects", DataTable)
        table.add_columns(_("ID"), _("Title"), _("Status"), _("Module"), _("Municipalities"), _("Field of action"))
        self.action_reload()

    def action_reload(self) -> None:
        self.load_projects()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_projects(self) -> None:
        try:
            self.post_message(PortfolioLoaded(load_portfolio(self.root)))
        except Exception as error:  # shown to the user, never a crash
            self.post_message(LoadFailed(str(error)))

    @on(PortfolioLoaded)
    def show_projects(self, message: PortfolioLoaded) -> None:
        portfolio = message.portfolio
        vocabulary = portfolio.vocabulary
        table = self.query_one("#projects", DataTable)
        table.clear()
        for stored in portfolio.projects.values():
            project = stored.project
            table.add_row(
                Content(stored.id),
                Content(escape_control(project.title)),
                Content(vocabulary.label("status", project.status)),
                Content(str(project.module)),
                Content(escape_control(", ".join(project.municipalities))),
                Content(vocabulary.label("field", project.primary_field)),
                key=stored.id,
            )
        for path, problems in portfolio.broken.items():
            self.notify(escape_control(f"{path}: {problems[0].message}"), title=_("Broken file"),
                        severity="warning", markup=False)
        self.sub_title = _("{count} projects").format(count=len(portfolio.projects))

    @on(LoadFailed)
    def show_failure(self, message: LoadFailed) -> None:
        self.notify(escape_control(message.reason), title=_("Could not load the portfolio"), severity="error",
                    markup=False)


def create_app(root: Path) -> PortfolioApp:
    return PortfolioApp(root)


def run(root: Path) -> None:
    create_app(root).run()
