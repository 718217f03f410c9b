"""The terminal UI speaks the chosen language (issue 6): every screen of the German UI is checked
against the German catalog, word by word, so that no English string is left; and no text of the UI
is translated at import time (it would stay in the language of the moment of import)."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from textual.widgets import DataTable
from tui_helpers import add_project, column_text, screen_lines, settle, type_text

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.i18n import LOCALE_DIR, use_language
from tui.app import PortfolioApp, create_app
from tui.palette import Palette

TUI = Path(__file__).resolve().parents[2] / "tui"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]{2,}")
# Shown in every language: the product's name (the header) and the keys' names (footer, help).
NAMES = {"Smart", "Region", "Portfolio", "esc", "ctrl", "tab", "enter"}


def catalog(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "portfolio.po").open("rb") as file:
        return read_po(file)


def texts(message) -> list[str]:
    return [text for text in (message if isinstance(message, (tuple, list)) else [message]) if text]


def words(text: str) -> set[str]:
    return set(WORD.findall(PLACEHOLDER.sub(" ", text)))


def english_phrases() -> set[str]:
    """The English strings whose German translation differs, split at their placeholders (two words or more)."""
    phrases = set()
    for message in catalog("de"):
        if not message.id or not message.string:
            continue
        german = " ".join(texts(message.string))
        for english in texts(message.id):
            if english in german:
                continue
            for part in PLACEHOLDER.split(english):
                part = part.strip(" .,:;()-…")
                if len(WORD.findall(part)) >= 2 and part not in german:
                    phrases.add(part)
    return phrases


def known_words(root: Path) -> set[str]:
    """Every word a German screen may show: the catalog's translations, the vocabulary in German (and
    its slugs, which the detail pane and commit messages name), the portfolio's data and its commits."""
    known = set(NAMES)
    for message in catalog("de"):
        for text in texts(message.string):
            known |= words(text)
    vocabulary = load_vocabulary(root)
    for kind, entries in (
        ("municipality", vocabulary.municipalities),
        ("field", vocabulary.fields_of_action),
        ("status", vocabulary.statuses),
        ("priority", vocabulary.priorities),
        ("decision_result", vocabulary.decision_results),
    ):
        for entry in entries:
            known |= words(vocabulary.label(kind, entry.slug, "de")) | words(entry.slug)
    for module in vocabulary.modules:
        known |= words(vocabulary.label("module", module.number, "de"))
    for goal in vocabulary.sdgs:
        known |= words(vocabulary.label("sdg", goal.number, "de"))
    known |= words(vocabulary.region)
    for path in (root / "projects").glob("*.toml"):
        # The file's words as they are: an inline table ({ title = "..." }) is data, not a placeholder.
        known |= set(WORD.findall(path.read_text(encoding="utf-8"))) | words(path.stem)
    log = subprocess.run(
        ["git", "-C", str(root), "log", "--format=%an%n%s"], capture_output=True, text=True, check=True
    )
    return known | words(log.stdout)


COMMIT_ID = re.compile(r"\b[0-9a-f]{7,40}\b")
CUT = re.compile(r"[\u2500-\u259f…]")  # a frame, a scrollbar or an ellipsis: where a word may be cut


def shown_words(line: str, known: set[str]) -> set[str]:
    """The words of one screen line that are not known. A word cut by a frame or a column (``Herkunf│``,
    ``Techn…``, at the screen's edge) counts as known when a known word begins or ends with it."""
    line = COMMIT_ID.sub(" ", line)
    unknown = set()
    for match in WORD.finditer(line):
        word, start, end = match.group(), match.start(), match.end()
        if word in known:
            continue
        cut_after = end == len(line) or CUT.match(line, end) is not None
        cut_before = start == 0 or CUT.match(line, start - 1) is not None
        if (cut_after and any(other.startswith(word) for other in known)) or (
            cut_before and any(other.endswith(word) for other in known)
        ):
            continue
        if (cut_after or cut_before) and re.fullmatch(r"[a-f]+", word):
            continue  # the rest of a commit id behind a frame
        unknown.add(word)
    return unknown


def untranslated(lines: list[str], known: set[str], phrases: set[str]) -> set[str]:
    shown = "\n".join(lines)
    unknown = set().union(*(shown_words(line, known) for line in lines))
    return unknown | {phrase for phrase in phrases if phrase in shown}


@pytest.fixture
def german_repo(portfolio_root: Path) -> Path:
    """Projects and commit messages written by German-speaking people (data is no UI text)."""
    add_project(
        portfolio_root,
        "buergerdienste",
        "Bürgerdienste angelegt",
        title="Digitale Bürgerdienste",
        summary="Anträge online stellen",
        when="2026-01-05T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "solarkataster",
        "Solarkataster angelegt",
        title="Solarkataster für den Kreis",
        status="idea",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["energie", "umwelt"],
        when="2026-01-07T09:00:00+01:00",
    )
    add_project(
        portfolio_root,
        "solarkataster",
        "Solarkataster: Konzeption beschlossen",
        title="Solarkataster für den Kreis",
        status="concept",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["energie", "umwelt"],
        milestones=[{"title": "Dachflächen erfasst"}],
        when="2026-02-07T09:00:00+01:00",
    )
    return portfolio_root


def import_time_translations(source: str) -> list[int]:
    """Lines where ``_()`` or ``ngettext()`` runs when the module is imported: in class bodies (BINDINGS,
    DEFAULT_CSS), module constants, default arguments and decorators; not in function bodies."""
    found: list[int] = []

    def visit(node: ast.AST, deferred: bool) -> None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            if not deferred:
                found.append(node.lineno)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for child in [*node.decorator_list, node.args, *([node.returns] if node.returns else [])]:
                visit(child, deferred)  # evaluated when the function is defined
            for child in node.body:
                visit(child, True)
            return
        if isinstance(node, ast.Lambda):
            visit(node.args, deferred)
            visit(node.body, True)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, deferred)

    visit(ast.parse(source), False)
    return sorted(found)


def test_no_text_of_the_ui_is_translated_at_import_time():
    sources = sorted(TUI.rglob("*.py"))
    assert len(sources) > 10
    found = {
        str(path.relative_to(TUI.parent)): import_time_translations(path.read_text(encoding="utf-8"))
        for path in sources
    }
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_the_import_time_check_finds_class_level_default_and_decorator_translations():
    source = (
        'TITLE = _("Portfolio")\n'
        "class Screen:\n"
        '    BINDINGS = [Binding("q", "quit", _("Quit"))]\n'
        '    @on(Button.Pressed, _("x"))\n'
        '    def f(self, x=_("y")):\n'
        '        return _("z"), (lambda: _("later"))\n'
    )
    assert import_time_translations(source) == [1, 3, 4, 5]


async def test_every_screen_of_the_german_ui_is_german(german_repo, monkeypatch):
    use_language("de")
    monkeypatch.setattr(Palette, "_NO_MATCHES_COUNTDOWN", 0.001)  # "nothing found" at once
    typed = {"Radweg", "solar", "solarxqxq"}  # what the test types
    known, phrases = known_words(german_repo) | typed, english_phrases()
    seen: dict[str, set[str]] = {}
    app = create_app(german_repo)
    async with app.run_test(size=(120, 40)) as pilot:

        async def look(name: str, expected: str) -> None:
            await settle(pilot)
            lines = screen_lines(pilot)
            assert any(expected in line for line in lines), (name, expected, lines)  # the screen we meant
            seen[name] = untranslated(lines, known, phrases)

        await look("main", "Felder")
        table = app.screen.query_one("#projects", DataTable)
        table.move_cursor(row=column_text(table, 0).index("solarkataster"))
        await pilot.press("h")
        await look("history tab", "Status: Idee -> Konzeption")
        app.screen.query_one("#detail").show_tab("tab-blame")
        await look("blame tab", "Titel")
        await pilot.press("n")
        await type_text(pilot, "Radweg")
        await pilot.press("ctrl+s")
        await look("form with errors", "Neues Projekt")
        app.screen.set_focus(app.screen.query_one("#field-milestones-add"))
        await pilot.press("enter")
        await look("form, a milestone's row", "Fällig")
        await pilot.press("escape")
        await look("discard the changes?", "verwerfen")
        await pilot.press("right", "enter")
        await pilot.press("s")
        await pilot.press("3")
        await look("status picker", "Planung")
        await pilot.press("escape")
        await pilot.press("x")
        await look("milestone picker", "Dachflächen erfasst")
        await pilot.press("escape")
        await pilot.press("m")
        await look("region view", "Projekte je Kommune")
        await pilot.press("t")  # at 120 columns the statistics take the matrix's place
        await look("region view, statistics", "Status über die Zeit")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await look("help", "Taste")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await look("command palette", "Neues Projekt")
        await type_text(pilot, "solar")
        await look("command palette, searching", "Solarkataster")
        await type_text(pilot, "xqxq")
        for _ in range(200):  # until the palette's timer has shown that nothing matches
            if any("Nichts gefunden" in line for line in screen_lines(pilot)):
                break
            await pilot.pause()
        await look("command palette, nothing found", "Nichts gefunden")
    assert seen == {name: set() for name in seen}
    assert len(seen) == 14


def test_the_word_check_finds_english_on_a_german_screen(german_repo):
    """The check above can fail: an English line among German ones is found, word and phrase."""
    known, phrases = known_words(german_repo), english_phrases()
    lines = ["Felder  Verlauf  Herkunft", "5 von 5 Projekten", "Read the project files again"]
    assert untranslated(lines, known, phrases) >= {"Read", "files", "again", "Read the project files again"}
    assert untranslated(lines[:2], known, phrases) == set()


def main_screen_in(language: str, root: Path) -> PortfolioApp:
    use_language(language)  # as `portfolio --lang LANG` does before the UI starts
    return create_app(root)


def test_main_screen_in_german(snap_compare, tui_repo):
    assert snap_compare(main_screen_in("de", tui_repo), terminal_size=(120, 40), run_before=settle)


def test_main_screen_in_english(snap_compare, tui_repo):
    assert snap_compare(main_screen_in("en", tui_repo), terminal_size=(120, 40), run_before=settle)
