from datetime import date

from portfolio.changes.form import form_texts, inline_tables, project_from_form
from portfolio.domain.parsing import parse_project
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


def test_rows_of_parts_give_tables_with_typed_values():
    draft = project_from_form(
        form(
            milestones=[
                {"title": " Start ", "due": "2026-03-01", "done": True},
                {"title": "Ende", "due": "", "done": False},
            ],
            funding=[{"source": "EU", "programme": "", "amount_eur": "150000", "status": "granted"}],
            kpis=[{"name": "CO2", "unit": "t", "baseline": "1.5", "target": "0"}],
        ),
        VOCABULARY,
    )
    assert draft.errors == {} and draft.at == {}
    assert draft.project.to_data()["milestones"] == [
        {"title": "Start", "due": date(2026, 3, 1), "done": True},
        {"title": "Ende"},
    ]
    assert draft.project.to_data()["funding"] == [{"source": "EU", "amount_eur": 150000, "status": "granted"}]
    kpi = draft.project.kpis[0]
    assert (kpi.baseline, kpi.target) == (1.5, 0) and isinstance(kpi.target, int)


def test_an_error_in_a_row_points_at_its_row_and_part():
    draft = project_from_form(
        form(
            milestones=[{"title": "Start", "due": "2026-03-01", "done": False}, {"title": "Ende", "due": "bald"}],
            funding=[{"source": "EU", "amount_eur": "-5"}],
        ),
        VOCABULARY,
    )
    assert draft.project is None
    assert set(draft.at) == {("milestones", 1, "due"), ("funding", 0, "amount_eur")}
    assert "Milestone 2, Due (milestones.due)" in draft.at[("milestones", 1, "due")][0]
    assert draft.errors["milestones"] == draft.at[("milestones", 1, "due")]
    assert draft.unplaced("milestones") == [] and draft.unplaced("title") == []


def test_a_title_listed_twice_and_an_empty_row_are_errors_of_their_rows():
    draft = project_from_form(
        form(milestones=[{"title": "Start"}, {"title": "Start"}, {"title": " ", "due": "", "done": False}]),
        VOCABULARY,
    )
    assert draft.project is None
    assert ("milestones", 2, "title") in draft.at  # an empty row: its title is missing
    twice = project_from_form(form(milestones=[{"title": "Start"}, {"title": "Start"}]), VOCABULARY)
    assert "listed twice" in twice.at[("milestones", 1, "title")][0]


def test_form_texts_give_one_row_per_entry_that_reads_back_as_the_same_project():
    project = parse_project(
        {
            **{key: value for key, value in form().items() if value != ""},
            "milestones": [{"title": "Start", "due": date(2026, 3, 1), "done": True}, {"title": "Ende"}],
            "funding": [{"source": "Land NRW", "programme": "Digitalisierung", "amount_eur": 250000}],
            "kpis": [{"name": "Nutzer", "baseline": 1.5, "target": 1234567.25}],
        },
        VOCABULARY,
    )
    texts = form_texts(project)
    assert texts["milestones"] == [
        {"title": "Start", "due": "2026-03-01", "done": True},
        {"title": "Ende", "due": "", "done": False},
    ]
    terms = ("rate_percent", "own_share_eur", "decision_date", "period_start", "period_end", "proof_due", "interim_due")
    assert texts["funding"] == [
        {
            "source": "Land NRW",
            "programme": "Digitalisierung",
            "amount_eur": "250000",
            "status": None,
            **dict.fromkeys(terms, ""),
        }
    ]
    assert project_from_form(texts, VOCABULARY).project == project


def test_parts_are_read_as_people_type_them_and_a_part_that_does_not_read_is_an_error_of_its_row():
    draft = project_from_form(
        form(
            milestones=[{"title": "Start", "due": "1.3.2027"}],
            funding=[{"source": "EU", "amount_eur": "€150,000"}],
            kpis=[{"name": "Nutzer", "baseline": "1,234.5", "target": "-3"}],
        ),
        VOCABULARY,
    )
    assert draft.errors == {}, draft.errors
    assert draft.project.milestones[0].due == date(2027, 3, 1)
    assert draft.project.funding[0].amount_eur == 150000
    assert (draft.project.kpis[0].baseline, draft.project.kpis[0].target) == (1234.5, -3)
    refused = project_from_form(form(milestones=[{"title": "A"}, {"title": "B", "due": "bald"}]), VOCABULARY)
    assert refused.project is None
    (message,) = refused.at[("milestones", 1, "due")]
    assert message.startswith("Milestone 2, Due (milestones.due): “bald” is not a date")
    assert refused.errors == {"milestones": [message]} and refused.unplaced("milestones") == []
