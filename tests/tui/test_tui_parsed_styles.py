"""The stylesheets' rules kept from one start to the next (tui.parsed_styles): a second start parses
nothing and styles every widget exactly as parsing does; a file cut short or changed, another theme,
rules with errors or a cache that cannot be written all mean parsing, as Textual does."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import textual.css.stylesheet
from tui_helpers import settle

from tui.app import PortfolioApp
from tui.parsed_styles import KeptStylesheet, kept_rules_file
from tui.screens.confirm import ConfirmScreen


def styles_of(screen) -> list[tuple[str, str]]:
    """Every node of ``screen`` (itself included) with the CSS its styles come to."""
    return [(node.css_identifier, node.styles.css) for node in screen.walk_children(with_self=True)]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where each source Textual parses from now on was read from."""
    seen: list[str] = []
    parse = textual.css.stylesheet.parse

    def counted(scope, css, read_from, *arguments, **options):
        seen.append(str(read_from))
        return parse(scope, css, read_from, *arguments, **options)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return seen


def written() -> None:
    """Wait for the app's writer (a thread started once the load settled)."""
    for thread in threading.enumerate():
        if thread.name == "portfolio-keep-styles":
            thread.join(10)


async def run_once(root: Path, kind: type[PortfolioApp] = PortfolioApp) -> tuple[list, list]:
    """The main screen's styles and a confirm dialog's, once the load has settled."""
    app = kind(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = styles_of(app.screen)
        dialog = ConfirmScreen("Projekt löschen?", "Behalten", "Löschen")
        await app.push_screen(dialog)
        await pilot.pause()
        shown = styles_of(dialog)
    written()
    return main, shown


class Unkept(PortfolioApp):
    """Textual's own stylesheet: every source parsed."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.stylesheet = textual.css.stylesheet.Stylesheet(variables=self.get_css_variables())


async def test_a_second_start_parses_nothing_and_styles_every_widget_as_parsing_does(tui_repo, parses):
    first = await run_once(tui_repo)
    assert any(source.endswith("app.tcss', '')") for source in parses)
    assert kept_rules_file().is_file() and str(kept_rules_file()).startswith(os.environ["XDG_CACHE_HOME"])
    parses.clear()
    second = await run_once(tui_repo)
    assert parses == []
    unkept = await run_once(tui_repo, Unkept)
    assert len(parses) > 20  # the control parses
    assert second == first == unkept
    assert any(identifier == "Vertical#confirm-frame" and "width: 60" in css for identifier, css in second[1])


@pytest.mark.parametrize("damage", ["cut short", "one byte changed", "not a cache"])
async def test_a_damaged_file_is_not_read_and_is_written_anew(tui_repo, parses, damage: str):
    expected = await run_once(tui_repo)
    path = kept_rules_file()
    content = path.read_bytes()
    if damage == "cut short":
        path.write_bytes(content[: len(content) // 2])
    elif damage == "one byte changed":
        path.write_bytes(content[:-10] + bytes([content[-10] ^ 1]) + content[-9:])
    else:
        path.write_bytes(b"\0" * 32 + b"not a pickle")
    parses.clear()
    assert await run_once(tui_repo) == expected
    assert parses  # parsed again
    parses.clear()
    assert await run_once(tui_repo) == expected
    assert parses == []  # and kept again


def test_other_theme_variables_are_other_rules_and_rules_with_errors_are_never_kept(tmp_path, parses):
    path = tmp_path / "kept.pickle"
    css = "Label { color: $accent; }"
    blue, red = {"accent": "#0000ff"}, {"accent": "#ff0000"}
    sheet = KeptStylesheet(variables=blue, path=path)
    [rule] = sheet._parse_rules(css, ("test.tcss", ""))
    sheet.keep()
    assert path.is_file() and len(parses) == 1
    [again] = KeptStylesheet(variables=blue, path=path)._parse_rules(css, ("test.tcss", ""))
    assert len(parses) == 1 and again.styles.color == rule.styles.color  # taken from the file
    [other] = KeptStylesheet(variables=red, path=path)._parse_rules(css, ("test.tcss", ""))
    assert len(parses) == 2 and other.styles.color != rule.styles.color
    elsewhere = KeptStylesheet(variables=blue, path=path)
    elsewhere._parse_rules(css, ("other.tcss", ""))  # read from another file: its own rules
    assert len(parses) == 3

    broken = KeptStylesheet(variables=blue, path=tmp_path / "broken.pickle")
    assert any(rule.errors for rule in broken._parse_rules("Label { colour: red; }", ("test.tcss", "")))
    broken.keep()
    assert not (tmp_path / "broken.pickle").exists()


async def test_a_cache_that_cannot_be_written_changes_nothing_but_the_parsing(tui_repo, tmp_path, monkeypatch, parses):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    first = await run_once(tui_repo)
    parsed = len(parses)
    assert parsed > 20 and await run_once(tui_repo) == first
    assert len(parses) == 2 * parsed  # nothing kept: all parsed again
    assert blocked.read_text(encoding="utf-8").startswith("a file")
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["not-a-folder", tui_repo.name]
