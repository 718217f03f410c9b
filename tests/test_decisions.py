"""Council decisions: body, date, paper number, a result from schema/decision_results.toml, an https link."""

from __future__ import annotations

import json

import pytest
from checked_file import check_errors, committed_file, errors_of, position_of, write_file
from history_fixtures import commit

from portfolio.domain.vocabulary import load_vocabulary

KREISTAG = '{ body = "Kreistag", date = 2026-03-01, reference = "A 112/2026", result = "approved" }'


def test_the_results_are_a_vocabulary_with_german_and_english_labels(portfolio_root):
    vocabulary = load_vocabulary(portfolio_root)
    assert vocabulary.decision_result_slugs == ("approved", "rejected", "deferred", "noted")
    assert vocabulary.label("decision_result", "approved", "de") == "beschlossen"
    assert vocabulary.label("decision_result", "deferred", "en") == "deferred"


def test_a_region_can_name_its_own_results(run, portfolio_root):
    (portfolio_root / "schema" / "decision_results.toml").write_text(
        '[[result]]\nslug = "vertagt"\nlabel = { de = "vertagt", en = "postponed" }\n', encoding="utf-8"
    )
    text = write_file(portfolio_root, "beschluss", f"decisions = [\n    {KREISTAG},\n]\n")
    assert [(line, column) for line, column, _ in errors_of(run, "beschluss", "unknown-decision-result")] == [
        position_of(text, '"approved"')
    ]


def test_decisions_pass_strict_check_and_show_tells_them(run, portfolio_root):
    write_file(
        portfolio_root,
        "beschluss",
        f"decisions = [\n    {KREISTAG},\n"
        '    { body = "Ausschuss für Klimaschutz", date = 2026-02-10, reference = "A 112/2026", result = "deferred", '
        'url = "https://ratsinfo.example.org/vo0050.php?__kvonr=112" },\n]\n',
    )
    assert check_errors(run, strict=True) == []
    shown = run("--lang", "en", "show", "beschluss").stdout
    assert "2026-03-01 Kreistag, A 112/2026: approved" in shown
    assert "2026-02-10 Ausschuss für Klimaschutz, A 112/2026: deferred (https://ratsinfo.example.org/" in shown


@pytest.mark.parametrize(
    "entry, code, needle",
    [
        (
            '{ body = "Kreistag", date = 2026-03-01, reference = "A 1", result = "vertagt" }',
            "unknown-decision-result",
            '"vertagt"',
        ),
        (
            '{ body = "Kreistag", date = 2026-03-01, reference = "A 1", result = "noted", url = "http://ris.example.org" }',
            "https",
            '"http://',
        ),
        ('{ body = "Kreistag", date = 2026-03-01, result = "noted" }', "missing-key", "{"),
        ('{ body = "Kreistag", date = "1.3.2026", reference = "A 1", result = "noted" }', "wrong-type", '"1.3.2026"'),
    ],
)
def test_each_refusal_points_at_its_value(run, portfolio_root, entry, code, needle):
    text = write_file(portfolio_root, "beschluss", f"decisions = [\n    {entry},\n]\n")
    found = errors_of(run, "beschluss", code)
    assert found, check_errors(run)
    assert (found[0][0], found[0][1]) == position_of(text, needle)


def test_two_decisions_of_one_body_on_one_day_are_refused(run, portfolio_root):
    text = write_file(portfolio_root, "beschluss", f"decisions = [\n    {KREISTAG},\n    {KREISTAG},\n]\n")
    found = errors_of(run, "beschluss", "duplicate")
    assert [(line, column) for line, column, _ in found] == [position_of(text, "2026-03-01", 2)]
    assert "Kreistag" in found[0][2]


def test_history_names_each_decision_by_its_body_and_date(run, portfolio_root):
    committed_file(portfolio_root, "beschluss")
    write_file(portfolio_root, "beschluss", f"decisions = [\n    {KREISTAG},\n]\n")
    commit(portfolio_root, "Kreistag decided")
    history = run("--lang", "en", "history", "beschluss").stdout
    assert "Decision “Kreistag 2026-03-01” added (Reference “A 112/2026”, Result approved)" in history
    write_file(portfolio_root, "beschluss", f"decisions = [\n    {KREISTAG.replace('approved', 'deferred')},\n]\n")
    commit(portfolio_root, "Deferred after all")
    history = run("--lang", "de", "history", "beschluss").stdout
    assert "Beschluss „Kreistag 2026-03-01“: Ergebnis beschlossen -> vertagt" in history
    entries = json.loads(run("history", "beschluss", "--format", "json").stdout)
    # In JSON an entry known by several parts is known by the list of their values.
    told = [entry for event in entries["events"] for entry in event.get("entries", {}).get("decisions", [])]
    assert [(entry["entry"], entry["change"]) for entry in told] == [
        (["Kreistag", "2026-03-01"], "changed"),
        (["Kreistag", "2026-03-01"], "added"),
    ]
