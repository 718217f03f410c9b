"""Export what the table shows: the filtered projects as CSV or XLSX, or the council report of the
same filter as HTML, PDF or Markdown, to a file the person names.

The bytes come from the same core calls as ``portfolio export`` and ``portfolio report``
(``portfolio.outputs.export``), written atomically (``write_output``) in a thread worker. An
existing file is overwritten only after a question; what went wrong is said in the dialog, which
stays open. Dismissed with ``ExportWritten`` (the path, and how many broken files were left out), or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import PortfolioError
from portfolio.files.output_file import write_output
from portfolio.i18n import N_, _, ngettext
from portfolio.outputs.export import Written, export_portfolio, write_report
from portfolio.today import output_day
from tui.bindings import install
from tui.text import literal
from tui.widgets.measured_static import MeasuredStatic


@dataclass(frozen=True)
class ExportKind:
    key: str  # the RadioButton's id
    label: str  # catalog key
    what: str  # "table" or "report"
    output_format: str  # of export_portfolio or write_report
    suffix: str
    stem: str  # catalog key of the default file name without its suffix


KINDS = (
    ExportKind(
        "export-csv",
        N_("Table as CSV (for a spreadsheet; import reads it back)"),
        "table",
        "csv",
        ".csv",
        N_("projects-{day}"),
    ),
    ExportKind("export-xlsx", N_("Table as XLSX (Excel, LibreOffice)"), "table", "xlsx", ".xlsx", N_("projects-{day}")),
    ExportKind(
        "export-html",
        N_("Report as HTML (one page, to print or publish)"),
        "report",
        "html",
        ".html",
        N_("report-{day}"),
    ),
    ExportKind(
        "export-pdf",
        N_("Report as PDF (tagged, on A4, for a council meeting)"),
        "report",
        "pdf",
        ".pdf",
        N_("report-{day}"),
    ),
    ExportKind("export-md", N_("Report as Markdown"), "report", "markdown", ".md", N_("report-{day}")),
)


def current_folder() -> Path:
    """The current folder, or the home folder when it is gone (deleted while the UI runs)."""
    try:
        return Path.cwd()
    except OSError:
        return Path.home()


def default_path(kind: ExportKind, folder: Path | None = None) -> Path:
    """``projekte-2026-12-02.csv`` in the current folder (the stem in the UI's language)."""
    stem = _(kind.stem).format(day=output_day().isoformat()).replace(" ", "-")
    return (folder or current_folder()) / f"{stem}{kind.suffix}"


def export_output(
    root: Path, vocabulary: Vocabulary, kind: ExportKind, chosen: ProjectFilter, order: Sequence[str] = ()
) -> Written:
    """What ``portfolio export`` or ``portfolio report`` writes for this filter (call from a worker)."""
    if kind.what == "table":
        return export_portfolio(root, vocabulary, kind.output_format, chosen=chosen, order=order)
    return write_report(root, vocabulary, kind.output_format, chosen=chosen)


@dataclass
class ExportWritten(Message):
    path: Path
    left_out: int  # broken project files, not in the output


@dataclass
class ExportFailed(Message):
    reason: str


class ExportDialog(ModalScreen[ExportWritten | None]):
    """Choose what to export and where; Enter in the path (or the Export button) writes it."""

    def __init__(
        self, root: Path, vocabulary: Vocabulary, chosen: ProjectFilter, count: int, order: Sequence[str] = ()
    ) -> None:
        super().__init__(id="export-dialog")
        self.root, self.vocabulary, self.chosen, self.count = root, vocabulary, chosen, count
        self.order = tuple(order)
        self.kind = KINDS[0]
        self.writing = False
        install(
            self,
            [Binding("escape", "cancel", _("Cancel"), id="cancel-export", tooltip=_("Close without writing a file"))],
        )

    def compose(self) -> ComposeResult:
        shown = ngettext("{count} project", "{count} projects", self.count).format(count=self.count)
        which = _("the filtered view") if not self.chosen.is_empty else _("all projects")
        with Vertical(id="export-frame"):
            yield Static(literal(_("Export {which}: {shown}").format(which=which, shown=shown)), id="export-title")
            with RadioSet(id="export-kind"):
                for kind in KINDS:
                    yield RadioButton(literal(_(kind.label)), value=kind is self.kind, id=kind.key)
            yield Label(literal(_("File")), classes="field-caption")
            yield Input(str(default_path(self.kind)), id="export-path")
            yield MeasuredStatic("", id="export-problem")
            with Horizontal(id="export-buttons"):
                yield Button(literal(_("Cancel")), id="export-cancel")
                yield Button(literal(_("Export")), id="export-write", variant="primary")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#export-kind", RadioSet))

    @on(RadioSet.Changed, "#export-kind")
    def kind_changed(self, event: RadioSet.Changed) -> None:
        kind = next(kind for kind in KINDS if kind.key == event.pressed.id)
        path_input = self.query_one("#export-path", Input)
        typed = Path(path_input.value.strip() or default_path(self.kind).name)
        if typed.name == default_path(self.kind).name:
            typed = typed.with_name(default_path(kind).name)  # still the default name: the new default
        elif typed.suffix.lower() == self.kind.suffix:
            typed = typed.with_suffix(kind.suffix)  # a name of its own keeps its name
        path_input.value = str(typed)
        self.kind = kind

    def target(self) -> Path | None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.say(_("Name the file to write."))
            return None
        path = Path(text)
        try:
            path = path.expanduser()
        except RuntimeError:  # ~someone unknown: taken as written
            pass
        return path if path.is_absolute() else current_folder() / path

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-write")
    def write_pressed(self) -> None:
        path = self.target()
        if path is None or self.writing:
            return
        if path.is_dir():
            self.say(_("{path} is a folder; name a file in it.").format(path=path))
            return
        if path.exists():
            from tui.screens.confirm import ConfirmScreen

            question = _("{path} exists. Replace it?").format(path=path)
            self.app.push_screen(
                ConfirmScreen(question, _("Keep it"), _("Replace it"), id="export-overwrite"),
                lambda replace: self.start(path) if replace else self.say(_("Not written: the file is kept.")),
            )
            return
        self.start(path)

    def start(self, path: Path) -> None:
        self.writing = True
        self.say(_("Writing {path}…").format(path=path))
        self.write_in_background(path, self.kind)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write_in_background(self, path: Path, kind: ExportKind) -> None:
        try:
            written = export_output(self.root, self.vocabulary, kind, self.chosen, self.order)
            write_output(path, written.data)
        except PortfolioError as error:
            self.post_message(ExportFailed(error.message))
        except Exception as error:  # said in the dialog, never a crash of the UI
            self.post_message(ExportFailed(f"{type(error).__name__}: {error}"))
        else:
            self.post_message(ExportWritten(path, len(written.broken)))

    @on(ExportWritten)
    def written(self, message: ExportWritten) -> None:
        self.dismiss(message)

    @on(ExportFailed)
    def failed(self, message: ExportFailed) -> None:
        self.writing = False
        self.say(_("Not written: {reason}").format(reason=message.reason), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        problem = self.query_one("#export-problem", Static)
        problem.update(literal(text, multiline=True))
        problem.set_class(error, "error")

    @on(Button.Pressed, "#export-cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
