from datetime import date

from portfolio.changes.form import form_texts, inline_tables, project_from_form
from portfolio.domain.model import parse_project
from portfolio.domain.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()


def form(**overrides):
    values = {
        "title": "Digitale Bürgerdienste",
        "module": 2,
        "status": "idea",
        "municipalities": ["rheine"],
        "fields_of_action": ["verwaltung"],
        "summary": "",
        "topics": "",
    }
    values.update(overrides)
    return values


def test_valid_form_gives_a_project_and_leaves_empty_texts_out():
    draft = project_from_form(form(topics="open-data, smart-city", start="2026-01-31"), VOCABULARY)
    assert draft.is_valid and draft.errors == {}
    assert draft.project.topics == ["open-data", "smart-city"]
    assert draft.project.start == date(2026, 1, 31)
    assert draft.project.summary is None


def test_errors_are_reported_per_field():
    draft = project_from_form(form(title="x", municipalities=[], budget_eur="viel"), VOCABULARY)
    assert draft.project is None
    assert set(draft.errors) == {"title", "municipalities", "budget_eur"}
    assert "at least 3 characters" in draft.errors["title"][0]


def test_end_before_start_is_reported_at_end():
    draft = project_from_form(form(start="2026-02-01", end="2026-01-01"), VOCABULARY)
    assert "end" in draft.errors


def test_bad_table_text_is_an_error_of_that_field():
    draft = project_from_form(form(milestones="[{title = "), VOCABULARY)
    assert "milestones" in draft.errors and draft.project is None


def test_form_texts_round_trip_through_the_form():
    project = parse_project(
        {
            "title": 'Quote " and \\ back',
            "module": 3,
            "status": "planning",
            "municipalities": ["rheine", "kreis-steinfurt"],
            "fields_of_action": ["energie", "umwelt"],
            "partners": ["Stadtwerke, Netz", "Uni Münster"],
            "budget_eur": 12000,
            "start": date(2026, 1, 1),
            "description": "Zeile eins\nZeile zwei",
            "milestones": [{"title": 'Start "A"', "due": date(2026, 3, 1), "done": True}],
            "kpis": [{"name": "CO2", "baseline": 1.5, "target": 0}],
        },
        VOCABULARY,
    )
    texts = form_texts(project)
    assert texts["municipalities"] == ["rheine", "kreis-steinfurt"]
    assert texts["partners"] == '["Stadtwerke, Netz", "Uni Münster"]'
    assert texts["budget_eur"] == 12000
    draft = project_from_form({k: (str(v) if k == "budget_eur" else v) for k, v in texts.items()}, VOCABULARY)
    assert draft.errors == {}
    assert draft.project == project


def test_inline_tables_escape_strings():
    assert inline_tables([{"title": 'a"b', "done": False}]) == '[{title = "a\\"b", done = false}]'
