"""Changes of milestones, funding and KPIs are told entry by entry, in every history output and language."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from history_fixtures import save

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.history.entries import ADDED, CHANGED, MOVED, REMOVED, RENAMED, entry_changes
from portfolio.history.texts import change_lines
from portfolio.i18n import use_language

START = {"title": "Start", "due": date(2027, 3, 1)}
GATEWAYS = {"title": "Gateways installiert"}


@pytest.fixture
def tables(portfolio_root: Path) -> Path:
    """A project whose milestones, funding and KPIs change: created, then changed, then a title corrected."""
    root = portfolio_root
    save(
        root,
        "lorawan",
        "Add lorawan",
        when="2026-01-05T10:00:00+01:00",
        title="LoRaWAN-Netz",
        milestones=[START, GATEWAYS],
        funding=[{"source": "EU", "amount_eur": 1000}],
        kpis=[{"name": "Sensoren", "unit": "Stück", "target": 50}],
    )
    save(
        root,
        "lorawan",
        "Progress lorawan",
        author="bernd",
        when="2026-02-05T10:00:00+01:00",
        title="LoRaWAN-Netz",
        milestones=[{"title": "Start", "due": date(2027, 3, 15)}, {"title": "Gateways installiert", "done": True}],
        funding=[{"source": "Bund", "amount_eur": 5000, "status": "granted"}],
        kpis=[{"name": "Sensoren", "unit": "Stück", "target": 80}],
    )
    save(
        root,
        "lorawan",
        "Correct a title",
        author="cem",
        when="2026-03-05T10:00:00+01:00",
        title="LoRaWAN-Netz",
        milestones=[
            {"title": "Projektstart", "due": date(2027, 3, 15)},
            {"title": "Gateways installiert", "done": True},
        ],
        funding=[{"source": "Bund", "amount_eur": 5000, "status": "granted"}],
        kpis=[{"name": "Sensoren", "unit": "Stück", "target": 80}],
    )
    return root


EXPECTED = {
    "en": [
        "Milestone “Start”: Due 2027-03-01 -> 2027-03-15",
        "Milestone “Gateways installiert”: done",
        "Funding “EU” removed",
        "Funding “Bund” added (Amount €5,000, Funding status granted)",
        "KPI “Sensoren”: Target 50 -> 80",
    ],
    "de": [
        "Meilenstein „Start“: Fällig 01.03.2027 -> 15.03.2027",
        "Meilenstein „Gateways installiert“: erledigt",
        "Förderung „EU“ entfernt",
        "Förderung „Bund“ hinzugefügt (Betrag 5.000 €, Förderstatus bewilligt)",
        "Kennzahl „Sensoren“: Ziel 50 -> 80",
    ],
}
RENAMED_TEXT = {
    "en": "Milestone “Start” renamed to “Projektstart”",
    "de": "Meilenstein „Start“ umbenannt in „Projektstart“",
}


def _no_json(text: str) -> None:
    assert "[{" not in text and '{"' not in text, text


@pytest.mark.parametrize("language", ["en", "de"])
def test_history_log_and_diff_tell_each_entry_and_no_json(run, tables, language):
    outputs = {
        "history": run("--lang", language, "history", "lorawan"),
        "log": run("--lang", language, "log"),
        "diff": run("--lang", language, "diff", "HEAD~2..HEAD~1"),
        "markdown": run("--lang", language, "diff", "HEAD~2..HEAD~1", "--format", "markdown"),
    }
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        _no_json(result.output)
    for name in ("history", "log", "diff"):
        lines = [line.strip() for line in outputs[name].output.splitlines()]
        for expected in EXPECTED[language]:
            assert expected in lines, (name, expected, outputs[name].output)
    for name in ("history", "log"):
        assert RENAMED_TEXT[language] in outputs[name].output
    # The review summary: the changed fields by their captions, below them each entry (Markdown escaped).
    markdown = outputs["markdown"].output
    assert ("Milestones" if language == "en" else "Meilensteine") in markdown
    assert "milestones" not in markdown
    unescaped = markdown.replace("\\", "")
    for expected in EXPECTED[language]:
        assert f"  - {expected}\n" in unescaped, markdown


def test_the_creation_tells_each_entry_added(run, tables):
    text = run("--lang", "de", "history", "lorawan").output
    assert "Meilenstein „Start“ hinzugefügt (Fällig 01.03.2027)" in text
    assert "Meilenstein „Gateways installiert“ hinzugefügt\n" in text
    assert "Kennzahl „Sensoren“ hinzugefügt (Einheit „Stück“, Ziel 50)" in text


@pytest.mark.parametrize("language", ["en", "de"])
def test_blame_names_fields_by_their_labels_and_each_entry_with_its_commit(run, tables, language):
    result = run("--lang", language, "blame", "lorawan")
    assert result.exit_code == 0, result.output
    _no_json(result.output)
    lines = result.output.splitlines()
    caption, start, gateways = {
        "en": ("Milestones", "“Projektstart”: Due 2027-03-15", "“Gateways installiert”: done"),
        "de": ("Meilensteine", "„Projektstart“: Fällig 15.03.2027", "„Gateways installiert“: erledigt"),
    }[language]
    milestone_lines = [line for line in lines if line.startswith(caption + " ")]
    assert len(milestone_lines) == 2, result.output
    assert "Cem Çelik" in milestone_lines[0] and milestone_lines[0].endswith(start)  # renamed by cem
    assert "Bernd Brandt" in milestone_lines[1] and milestone_lines[1].endswith(gateways)  # done by bernd
    status = next(line for line in lines if line.startswith("Status "))
    assert status.endswith("Idea" if language == "en" else "Idee")
    assert not any(line.startswith(("milestones", "fields_of_action", "status ")) for line in lines)


def test_json_outputs_keep_their_keys_and_add_the_changes_per_entry(run, tables):
    events = json.loads(run("log", "--format", "json").output)
    progress = next(event for event in events if event["subject"] == "Progress lorawan")
    assert progress["changes"]["milestones"][1] == [
        {"title": "Start", "due": "2027-03-15"},
        {"title": "Gateways installiert", "done": True},
    ]
    assert progress["entries"] == {
        "funding": [
            {"entry": "EU", "change": "removed", "parts": {"source": ["EU", None], "amount_eur": [1000, None]}},
            {
                "entry": "Bund",
                "change": "added",
                "parts": {"source": [None, "Bund"], "amount_eur": [None, 5000], "status": [None, "granted"]},
            },
        ],
        "milestones": [
            {"entry": "Start", "change": "changed", "parts": {"due": ["2027-03-01", "2027-03-15"]}},
            {"entry": "Gateways installiert", "change": "changed", "parts": {"done": [None, True]}},
        ],
        "kpis": [{"entry": "Sensoren", "change": "changed", "parts": {"target": [50, 80]}}],
    }
    history = json.loads(run("history", "lorawan", "--format", "json").output)
    assert history["events"][0]["entries"] == {
        "milestones": [{"entry": "Start", "change": "renamed", "renamed_to": "Projektstart"}]
    }
    diff = json.loads(run("diff", "HEAD~2..HEAD~1", "--format", "json").output)
    assert diff["entries"] == {"lorawan": progress["entries"]}
    assert set(diff["changed"]["lorawan"]) == {"funding", "milestones", "kpis"}
    blame = json.loads(run("blame", "lorawan", "--format", "json").output)
    milestones = next(item for item in blame["fields"] if item["field"] == "milestones")
    assert [(entry["entry"], entry["author"]) for entry in milestones["entries"]] == [
        ("Projektstart", "Cem Çelik"),
        ("Gateways installiert", "Bernd Brandt"),
    ]
    assert "entries" not in next(item for item in blame["fields"] if item["field"] == "title")


def test_an_event_without_a_change_of_tables_has_no_entries(run, repo):
    events = json.loads(run("log", "--format", "json").output)
    assert events and all("entries" not in event for event in events)
    assert "entries" not in json.loads(run("diff", "HEAD~1..HEAD", "--format", "json").output)


def test_the_history_tab_of_the_ui_tells_each_entry(tables):
    from tui.history.source import project_history

    use_language("de")
    events, blame = project_history(tables, "lorawan")
    assert events[0].change == RENAMED_TEXT["de"]
    assert events[1].change == "; ".join(EXPECTED["de"][2:4] + EXPECTED["de"][:2] + EXPECTED["de"][4:])
    for row in events:
        _no_json(row.change)
    milestones = [row for row in blame if row.field == "Meilensteine"]
    assert [row.value for row in milestones] == [
        "„Projektstart“: Fällig 15.03.2027",
        "„Gateways installiert“: erledigt",
    ]
    assert [row.author for row in milestones] == ["Cem Çelik", "Bernd Brandt"]
    assert all("[{" not in row.value for row in blame)


# -- matching entries ------------------------------------------------------------------------


def _kinds(changes):
    return [(change.kind, change.key) for change in changes]


def test_an_entry_whose_only_change_is_its_key_is_renamed_otherwise_removed_and_added():
    old = [{"title": "Start", "due": "2027-01-01"}, {"title": "Ende"}]
    renamed = entry_changes("milestones", old, [{"title": "Projektstart", "due": "2027-01-01"}, {"title": "Ende"}])
    assert _kinds(renamed) == [(RENAMED, "Start")] and renamed[0].new_key == "Projektstart"
    other = entry_changes("milestones", old, [{"title": "Projektstart", "due": "2027-02-01"}, {"title": "Ende"}])
    assert _kinds(other) == [(REMOVED, "Start"), (ADDED, "Projektstart")]


def test_a_reordered_list_tells_the_entries_that_moved(portfolio_root):
    old = [{"name": "A"}, {"name": "B"}, {"name": "C"}]
    changes = entry_changes("kpis", old, [{"name": "C"}, {"name": "A"}, {"name": "B", "target": 3}])
    assert _kinds(changes) == [(MOVED, "C"), (CHANGED, "B")]
    assert changes[0].position == (3, 1) and changes[1].position is None
    # An entry added before the others moves none of them.
    assert _kinds(entry_changes("kpis", old, [{"name": "Z"}, *old])) == [(ADDED, "Z")]
    vocabulary = load_vocabulary(portfolio_root)
    lines = change_lines(vocabulary, {"kpis": [old, [{"name": "C"}, {"name": "A"}, {"name": "B"}]]})
    assert lines == ["KPI “C”: position 3 -> 1"]


def test_values_that_cannot_be_read_entry_by_entry_are_told_whole_and_never_as_json(portfolio_root):
    assert entry_changes("title", "a", "b") is None
    assert entry_changes("milestones", [{"due": "2027-01-01"}], []) is None  # no title
    assert entry_changes("milestones", [{"title": "A"}, {"title": "A"}], []) is None  # twice
    vocabulary = load_vocabulary(portfolio_root)
    lines = change_lines(vocabulary, {"milestones": [[{"due": "2027-01-01"}], "kaputt"]})
    assert lines == ['Milestones: 1 entry -> "kaputt"']


def test_control_characters_of_an_entry_are_escaped_in_texts_and_json(portfolio_root):
    change = entry_changes("funding", None, [{"source": "EU\x1b[31m", "programme": "P\u202e"}])
    assert change[0].to_json() == {
        "entry": "EU\\x1b[31m",
        "change": "added",
        "parts": {"source": [None, "EU\\x1b[31m"], "programme": [None, "P\\u202e"]},
    }
    vocabulary = load_vocabulary(portfolio_root)
    (line,) = change_lines(vocabulary, {"funding": [None, [{"source": "EU\x1b[31m", "programme": "P\u202e"}]]})
    assert line == "Funding “EU\\x1b[31m” added (Programme “P\\u202e”)"
