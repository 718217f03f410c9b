"""The terms of a funding line: rate, own share, grant decision, funding period, proofs of use due.

Each rule is refused by ``check`` at the line and column of the value that breaks it; typed values
(a form, ``set``, a sheet) are read as people write them, German numbers and dates too.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date

import pytest
from checked_file import check_errors, committed_file, errors_of, position_of, write_file

from portfolio.changes.form import form_texts, project_from_form
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary

TERMS = (
    "rate_percent = 80, own_share_eur = 37500, decision_date = 2026-02-10, period_start = 2026-03-01, "
    "period_end = 2027-12-31, proof_due = 2028-06-30, interim_due = [2026-12-31, 2027-06-30]"
)


def test_a_funding_line_with_every_term_passes_strict_check(run, portfolio_root):
    write_file(
        portfolio_root, "foerderung", f'funding = [\n    {{ source = "Land NRW", amount_eur = 150000, {TERMS} }},\n]\n'
    )
    assert check_errors(run, strict=True) == []
    shown = json.loads(run("show", "foerderung", "--format", "json").stdout)["funding"][0]
    assert shown["interim_due"] == ["2026-12-31", "2027-06-30"]
    assert shown["rate_percent"] == 80 and shown["own_share_eur"] == 37500


@pytest.mark.parametrize(
    "terms, code, value, words",
    [
        ("period_start = 2027-01-01, period_end = 2026-12-31", "period-order", "2026-12-31", "ends"),
        ("period_end = 2027-12-31, proof_due = 2027-06-30", "proof-order", "2027-06-30", "proof of use"),
        ("rate_percent = 120", "less-than-equal", "120", "100"),
        ("rate_percent = -5", "out-of-range", "-5", "0"),
        ("own_share_eur = -1", "out-of-range", "-1", "0"),
        ("amount_eur = -100", "out-of-range", "-100", "0"),
        ("interim_due = [2027-01-31, 2027-01-31]", "duplicate", "2027-01-31", "twice"),
    ],
)
def test_each_rule_of_the_terms_is_refused_at_its_value(run, portfolio_root, terms, code, value, words):
    text = write_file(portfolio_root, "foerderung", f'funding = [\n    {{ source = "Bund", {terms} }},\n]\n')
    occurrence = 2 if code == "duplicate" else 1
    found = errors_of(run, "foerderung", code)
    assert [(line, column) for line, column, _message in found] == [position_of(text, value, occurrence)]
    assert words in found[0][2]


def test_the_terms_are_typed_as_people_write_them_in_german(run, portfolio_root):
    committed_file(portfolio_root, "foerderung")
    typed = (
        'funding=[{source = "Land NRW", amount_eur = "150.000", own_share_eur = "37.500 €", rate_percent = "80,5", '
        'decision_date = "10.2.2026", period_start = "01.03.2026", period_end = "31.12.2027", '
        'proof_due = "30.06.2028", interim_due = "31.12.2026, 30.6.2027"}]'
    )
    result = run("--lang", "de", "set", "foerderung", typed)
    assert result.exit_code == 0, result.output
    saved = tomllib.loads((portfolio_root / "projects" / "foerderung.toml").read_text(encoding="utf-8"))
    entry = saved["funding"][0]
    assert (entry["amount_eur"], entry["own_share_eur"], entry["rate_percent"]) == (150000, 37500, 80.5)
    assert str(entry["decision_date"]) == "2026-02-10" and str(entry["proof_due"]) == "2028-06-30"
    assert [str(day) for day in entry["interim_due"]] == ["2026-12-31", "2027-06-30"]
    # The canonical form keeps a table, its array of dates too, on one line (merges stay line-local).
    lines = (portfolio_root / "projects" / "foerderung.toml").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if "interim_due" in line] == [
        next(line for line in lines if line.lstrip().startswith("{ source"))
    ]


def test_a_typed_date_that_is_no_date_is_refused_naming_the_part(run, portfolio_root):
    committed_file(portfolio_root, "foerderung")
    result = run("--lang", "en", "set", "foerderung", 'funding=[{source = "Bund", interim_due = "31.12.2026, morgen"}]')
    assert result.exit_code == 2, result.output
    assert "Interim proofs due" in result.output and "morgen" in result.output
    assert "Traceback" not in result.output


def test_show_tells_the_terms(run, portfolio_root):
    write_file(
        portfolio_root, "foerderung", f'funding = [\n    {{ source = "Land NRW", amount_eur = 150000, {TERMS} }},\n]\n'
    )
    shown = run("--lang", "en", "show", "foerderung").stdout
    assert "rate 80 %" in shown and "own share €37,500" in shown
    assert "period 2026-03-01 – 2027-12-31" in shown
    assert "interim proofs due 2026-12-31, 2027-06-30" in shown and "proof of use due 2028-06-30" in shown


def test_the_form_shows_every_new_field_and_reads_it_back_as_the_same_project():
    vocabulary = load_vocabulary()
    project = parse_project(
        {
            "title": "Mobilstation Laer",
            "module": 3,
            "status": "planning",
            "municipalities": ["laer"],
            "fields_of_action": ["mobilitaet"],
            "funding": [
                {
                    "source": "Land NRW",
                    "amount_eur": 100000,
                    "rate_percent": 62.5,
                    "own_share_eur": 60000,
                    "decision_date": date(2026, 2, 1),
                    "period_start": date(2026, 3, 1),
                    "period_end": date(2027, 12, 31),
                    "proof_due": date(2028, 6, 30),
                    "interim_due": [date(2026, 12, 31), date(2027, 6, 30)],
                }
            ],
            "decisions": [{"body": "Rat", "date": date(2026, 1, 20), "reference": "DS 1/2026", "result": "noted"}],
            "kpis": [{"name": "Ladepunkte", "baseline": 0, "target": 4}],
            "measurements": [{"kpi": "Ladepunkte", "date": date(2026, 6, 30), "value": 2.5, "note": "Halbjahr"}],
            "sdgs": [13, 11],
            "adopted_from": "mobilstationen-greven",
        },
        vocabulary,
    )
    texts = form_texts(project)
    assert texts["funding"][0]["interim_due"] == "2026-12-31, 2027-06-30"
    assert texts["sdgs"] == [13, 11] and texts["adopted_from"] == "mobilstationen-greven"
    assert project_from_form(texts, vocabulary).project == project
