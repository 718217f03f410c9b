"""Every output format escapes C1 controls and bidi overrides (ESC, U+0085, U+202E): JSON and GitHub annotations."""

from __future__ import annotations

import json
import re

from history_fixtures import AUTHORS, save

AUTHOR = "Anna\u202eX\u0085Y"
RAW = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _json_of(result) -> object:
    assert result.exit_code == 0, result.output
    assert RAW.search(result.stdout) is None, repr(result.stdout)
    return json.loads(result.stdout)


def test_json_text_escapes_c1_and_bidi_and_loads_back():
    from portfolio.textsafety import json_text

    value = {"name\u0085": ["\u202eabc\x9b[31m", "\u2066x\u2069", "plain ü"]}
    text = json_text(value, indent=2)
    assert RAW.search(text) is None and "\\u202e" in text and "\\u0085" in text and "ü" in text
    assert json.loads(text) == value


def test_log_history_and_show_json_escape_an_author_with_bidi_and_c1(run, portfolio_root, monkeypatch):
    monkeypatch.setitem(AUTHORS, "odd", (AUTHOR, "odd@example.org"))
    save(portfolio_root, "radweg", "Add radweg", author="odd", title="Radweg-Netz")
    logged = _json_of(run("log", "--format", "json"))
    assert AUTHOR in [event["author"] for event in logged]
    history = _json_of(run("history", "radweg", "--format", "json"))
    assert [event["author"] for event in history["events"]] == [AUTHOR]
    shown = _json_of(run("show", "radweg", "--format", "json"))
    assert shown["title"] == "Radweg-Netz"


def test_check_github_escapes_esc_in_the_file_name(run, portfolio_root):
    (portfolio_root / "projects" / "bad\x1b[31mname.toml").write_text('title = "x"\n', encoding="utf-8")
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "file=projects/bad\\x1b[31mname.toml" in result.stdout
