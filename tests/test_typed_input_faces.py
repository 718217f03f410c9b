"""Every face that takes typed values reads them with the one reader: ``set``, ``new``, the form,
``import`` and the date options; in German and in English, with refusals that name the field."""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date
from pathlib import Path

import git
import pytest
from history_fixtures import save

from portfolio.changes.assignments import BadAssignment, part_from_text, value_from_text
from portfolio.changes.form import project_from_form
from portfolio.domain.fields import registry
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.i18n import use_language

PROJECT = "klimaschutz-app"


def _data(root: Path, project_id: str = PROJECT) -> dict:
    return tomllib.loads((root / "projects" / f"{project_id}.toml").read_text(encoding="utf-8"))


def _new(run, *extra: str, lang: str = "en"):
    return run(
        "--lang",
        lang,
        "new",
        PROJECT,
        "--title",
        "Klimaschutz-App",
        "--module",
        "2",
        "--municipality",
        "rheine",
        "--field",
        "umwelt",
        *extra,
    )


def _subject(root: Path) -> str:
    return git.Repo(root).git.log("-1", "--format=%s")


# -- set ---------------------------------------------------------------------------------------


def test_set_budget_150_000_in_german_is_150000(run, portfolio_root):
    assert _new(run).exit_code == 0
    result = run("--lang", "de", "set", PROJECT, "budget_eur=150.000", "start=01.03.2027", "end=1.3.2028")
    assert result.exit_code == 0, result.output
    data = _data(portfolio_root)
    assert data["budget_eur"] == 150000
    assert data["start"] == date(2027, 3, 1) and data["end"] == date(2028, 3, 1)


def test_set_budget_150_000_in_english_is_refused_never_150(run, portfolio_root):
    assert _new(run).exit_code == 0
    path = portfolio_root / "projects" / f"{PROJECT}.toml"
    before, head = path.read_bytes(), git.Repo(portfolio_root).head.commit.hexsha
    result = run("--lang", "en", "set", PROJECT, "budget_eur=150.000")
    assert result.exit_code == 2
    assert "Budget (budget_eur): “150.000”" in result.stderr and "write 150000 or 150,000" in result.stderr
    assert path.read_bytes() == before and git.Repo(portfolio_root).head.commit.hexsha == head
    assert "budget_eur" not in _data(portfolio_root)
    english = run("--lang", "en", "set", PROJECT, "budget_eur=150,000 €")
    assert english.exit_code == 0 and _data(portfolio_root)["budget_eur"] == 150000


@pytest.mark.parametrize(
    "lang, assignment, said",
    [
        ("de", "budget_eur=150,50", "Budget (budget_eur): „150,50“ ist kein Betrag in ganzen Euro"),
        ("en", "budget_eur=12.5", "Budget (budget_eur): “12.5” is not an amount in whole euros"),
        ("de", "start=31.02.2026", "Beginn (start): „31.02.2026“ gibt es im Kalender nicht"),
        ("en", "end=1.3.27", "End (end): “1.3.27”: write the year with four digits"),
        ("de", "module=2,5", "Modul (module): „2,5“ ist keine ganze Zahl"),
    ],
)
def test_set_refuses_what_is_not_a_value_naming_label_and_key(run, portfolio_root, lang, assignment, said):
    assert _new(run).exit_code == 0
    before = (portfolio_root / "projects" / f"{PROJECT}.toml").read_bytes()
    result = run("--lang", lang, "set", PROJECT, assignment)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "quot" not in result.stderr.lower() and "Anführungszeichen" not in result.stderr
    assert (portfolio_root / "projects" / f"{PROJECT}.toml").read_bytes() == before


def test_set_reads_the_typed_parts_of_tables(run, portfolio_root):
    assert _new(run).exit_code == 0
    result = run(
        "--lang",
        "de",
        "set",
        PROJECT,
        'milestones=[{title = "Start", due = "1.3.2027"}]',
        'funding=[{source = "EU", amount_eur = "85.000 €"}]',
        'kpis=[{name = "Nutzer", baseline = "12,5", target = 500}]',
    )
    assert result.exit_code == 0, result.output
    data = _data(portfolio_root)
    assert data["milestones"] == [{"title": "Start", "due": date(2027, 3, 1)}]
    assert data["funding"][0]["amount_eur"] == 85000
    assert data["kpis"][0]["baseline"] == 12.5 and data["kpis"][0]["target"] == 500


def test_a_table_part_is_refused_naming_the_entry_the_part_and_its_key(run, portfolio_root):
    assert _new(run).exit_code == 0
    result = run(
        "--lang",
        "de",
        "set",
        PROJECT,
        'milestones=[{title = "A", due = 2027-01-01}, {title = "B", due = "31.02.2026"}]',
    )
    assert result.exit_code == 2
    assert "Meilenstein 2, Fällig (milestones.due): „31.02.2026“ gibt es im Kalender nicht" in result.stderr
    # 10.000 in TOML is the float 10.0: refused, never cut to 10
    cut = run("--lang", "en", "set", PROJECT, 'funding=[{source = "EU", amount_eur = 10.000}]')
    assert cut.exit_code == 2 and "Funding 1, Amount (funding.amount_eur): “10.0” is not an amount in whole euros" in (
        cut.stderr
    )
    assert "funding" not in _data(portfolio_root)


# -- new ---------------------------------------------------------------------------------------


def test_new_takes_further_fields_typed_in_german(run, portfolio_root):
    result = _new(run, "start=1.3.2027", "budget_eur=150.000 €", "--module", "3", lang="de")
    assert result.exit_code == 0, result.output
    data = _data(portfolio_root)
    assert data["start"] == date(2027, 3, 1) and data["budget_eur"] == 150000 and data["module"] == 3
    assert _subject(portfolio_root) == "Projekt klimaschutz-app angelegt: Klimaschutz-App"


def test_new_refuses_a_typed_value_and_writes_nothing(run, portfolio_root):
    result = _new(run, "budget_eur=150,50", lang="de")
    assert result.exit_code == 2
    assert "Budget (budget_eur): „150,50“ ist kein Betrag in ganzen Euro" in result.stderr
    assert not (portfolio_root / "projects" / f"{PROJECT}.toml").exists()
    module = run(
        "--lang",
        "de",
        "new",
        PROJECT,
        "--title",
        "Klimaschutz-App",
        "--module",
        "2,5",
        "--municipality",
        "rheine",
        "--field",
        "umwelt",
    )
    assert module.exit_code == 2 and "„2,5“ ist keine ganze Zahl" in module.stderr and "--module" in module.stderr


# -- the form ----------------------------------------------------------------------------------


def _form(**values) -> dict:
    return {
        "title": "Klimaschutz-App",
        "module": 2,
        "status": "idea",
        "municipalities": ["rheine"],
        "fields_of_action": ["umwelt"],
        **values,
    }


def test_the_form_reads_german_amounts_and_dates():
    use_language("de")
    draft = project_from_form(
        _form(budget_eur="150.000 €", start="1.3.2027", end="31.12.2027", kpis='[{name = "CO2", target = "2,5"}]'),
        load_vocabulary(),
    )
    assert draft.is_valid, draft.errors
    assert draft.project.budget_eur == 150000
    assert draft.project.start == date(2027, 3, 1) and draft.project.end == date(2027, 12, 31)
    assert draft.project.kpis[0].target == 2.5


def test_the_form_refuses_cents_naming_the_label_and_the_key():
    use_language("de")
    draft = project_from_form(_form(budget_eur="150,50", start="31.02.2026"), load_vocabulary())
    assert not draft.is_valid
    assert draft.errors["budget_eur"] == [
        "Budget (budget_eur): „150,50“ ist kein Betrag in ganzen Euro (z. B. 150000 oder 150.000 €)"
    ]
    assert draft.errors["start"] == ["Beginn (start): „31.02.2026“ gibt es im Kalender nicht"]
    shown = " ".join(message for messages in draft.errors.values() for message in messages)
    assert "Anführungszeichen" not in shown and "TOML" not in shown


def test_the_form_in_english_refuses_the_german_grouping():
    use_language("en")
    draft = project_from_form(_form(budget_eur="150.000"), load_vocabulary())
    assert draft.errors["budget_eur"] == [
        "Budget (budget_eur): “150.000”: in English the point marks the decimals and the comma groups thousands; "
        "write 150000 or 150,000"
    ]


def test_a_part_of_an_entry_is_read_as_the_editors_type_it():
    use_language("de")
    assert part_from_text("funding", "amount_eur", "85.000 €") == 85000
    assert part_from_text("milestones", "due", "1.3.2027") == date(2027, 3, 1)
    assert part_from_text("kpis", "target", "12,5") == 12.5
    assert part_from_text("milestones", "title", "Start") == "Start"
    with pytest.raises(BadAssignment) as refused:
        part_from_text("funding", "amount_eur", "85,50", number=3)
    assert refused.value.message.startswith("Förderung 3, Betrag (funding.amount_eur): „85,50“ ist kein Betrag")


def test_value_from_text_takes_the_language_of_the_text():
    vocabulary = load_vocabulary()
    assert value_from_text("budget_eur", "150.000", vocabulary, language="de") == 150000
    assert value_from_text("budget_eur", "150,000", vocabulary, language="en") == 150000
    with pytest.raises(BadAssignment):
        value_from_text("budget_eur", "150.000", vocabulary, language="en")


# -- import ------------------------------------------------------------------------------------


def _sheet(path: Path, rows: list[list[str]], delimiter: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig" if delimiter == ";" else "utf-8"))
    return path


def _import_rows(run, tmp_path: Path, cells: dict[str, str], delimiter: str = ";") -> list[list[str]]:
    export = tmp_path / "export.csv"
    assert run("export", "-o", str(export)).exit_code == 0
    rows = list(csv.reader(io.StringIO(export.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    row = next(row for row in rows if row[0] == PROJECT)
    for column, value in cells.items():
        row[rows[0].index(registry()[column].caption)] = value  # the header: the labels (English here)
    return rows


def test_import_reads_german_amounts_and_dates_of_a_german_sheet(run, portfolio_root, tmp_path):
    assert _new(run).exit_code == 0
    rows = _import_rows(run, tmp_path, {"budget_eur": "150.000 €", "start": "1.3.2027", "end": "31.12.2027"})
    result = run("--lang", "de", "import", str(_sheet(tmp_path / "sheet.csv", rows, ";")), "--yes")
    assert result.exit_code == 0, result.output
    data = _data(portfolio_root)
    assert data["budget_eur"] == 150000 and data["start"] == date(2027, 3, 1) and data["end"] == date(2027, 12, 31)
    assert _subject(portfolio_root) == "klimaschutz-app aktualisiert: Beginn, Ende, Budget"
    # A German sheet writes German numbers, whatever language the tool speaks.
    rows = _import_rows(run, tmp_path, {"budget_eur": "1.234.567", "start": "01.03.2027"})
    result = run("--lang", "en", "import", str(_sheet(tmp_path / "again.csv", rows, ";")), "--yes")
    assert result.exit_code == 0, result.output
    assert _data(portfolio_root)["budget_eur"] == 1234567
    assert _subject(portfolio_root) == "Update klimaschutz-app: Budget"


def test_import_refuses_cents_and_impossible_dates_at_their_cell(run, portfolio_root, tmp_path):
    assert _new(run).exit_code == 0
    before = _data(portfolio_root)
    rows = _import_rows(run, tmp_path, {"budget_eur": "150.000,50 €", "start": "31.02.2026"})
    result = run("--lang", "de", "import", str(_sheet(tmp_path / "sheet.csv", rows, ";")), "--yes")
    assert result.exit_code == 1
    budget = rows[0].index("Budget")
    # The cell, then the field once, by its label (the reader's message names it).
    assert f"Spalte {chr(ord('A') + budget)}: Budget (budget_eur): „150.000,50 €“ ist kein Betrag" in result.output
    assert "Beginn (start): „31.02.2026“ gibt es im Kalender nicht" in result.output
    assert _data(portfolio_root) == before


def test_import_of_a_comma_separated_sheet_reads_english_numbers(run, portfolio_root, tmp_path):
    assert _new(run).exit_code == 0
    rows = _import_rows(run, tmp_path, {"budget_eur": "150.000"})
    result = run("--lang", "de", "import", str(_sheet(tmp_path / "plain.csv", rows, ",")), "--yes")
    assert result.exit_code == 1
    assert "„150.000“" in result.output and "150000" in result.output
    assert "budget_eur" not in _data(portfolio_root)  # never 150


# -- date options ------------------------------------------------------------------------------


@pytest.fixture
def dated(portfolio_root: Path) -> Path:
    save(portfolio_root, "radweg", "Radweg angelegt", when="2027-02-20T10:00:00+01:00", title="Radweg-Netz")
    save(
        portfolio_root,
        "radweg",
        "Radweg geplant",
        when="2027-03-05T10:00:00+01:00",
        title="Radweg-Netz",
        status="concept",
    )
    return portfolio_root


def test_log_since_and_until_take_german_dates(run, dated):
    since = run("--lang", "de", "log", "--since", "01.03.2027")
    assert since.exit_code == 0, since.output
    assert "Radweg geplant" in since.output and "Radweg angelegt" not in since.output
    assert (
        run("--lang", "en", "log", "--since", "2027-03-01").output
        == run("--lang", "en", "log", "--since", "1.3.2027").output
    )
    until = run("--lang", "de", "log", "--until", "1.3.2027")
    assert "Radweg angelegt" in until.output and "Radweg geplant" not in until.output
    moment = run("--lang", "en", "log", "--since", "2027-03-05T09:00:00+01:00")
    assert moment.exit_code == 0 and "Radweg geplant" in moment.output


@pytest.mark.parametrize(
    "lang, typed, said",
    [
        ("de", "31.02.2026", "„31.02.2026“ gibt es im Kalender nicht"),
        ("en", "1.3.27", "“1.3.27”: write the year with four digits"),
        ("en", "next week", "“next week” is not a date; write it as 2027-03-01, 01.03.2027 or 1.3.2027"),
        ("en", "2027-03-01T25:00", "or an ISO 8601 date and time"),
    ],
)
def test_log_refuses_a_date_that_is_none_quoting_it(run, dated, lang, typed, said):
    result = run("--lang", lang, "log", "--since", typed)
    assert result.exit_code == 2
    assert said in result.stderr and "--since" in result.stderr


def test_report_since_takes_a_german_date(run, dated):
    german = run("--lang", "de", "report", "--since", "1.3.2027")
    assert german.exit_code == 0, german.output
    assert "Statuswechsel seit 01.03.2027" in german.output
    assert german.output == run("--lang", "de", "report", "--since", "2027-03-01").output
    wrong = run("--lang", "de", "report", "--since", "31.02.2026")
    assert wrong.exit_code == 2 and "„31.02.2026“ gibt es im Kalender nicht" in wrong.stderr


# -- the model's own rules, when values are typed: the field by its label, the key in parentheses ----


@pytest.mark.parametrize(
    ("lang", "assignment", "message"),
    [
        ("de", "budget_eur=-5", "Budget (budget_eur) muss mindestens 0 sein"),
        ("en", "budget_eur=-5", "Budget (budget_eur) must be at least 0"),
        ("de", "title=x", "Titel (title) muss mindestens 3 Zeichen haben"),
        ("de", "end=01.01.2000", "Ende (end): Ende 01.01.2000 liegt vor Beginn 01.09.2026"),
        ("en", "end=2000-01-01", "End (end): end 2000-01-01 is before start 2026-09-01"),
        (
            "de",
            'milestones=[{title = "A"}, {title = "A"}]',
            "Meilenstein 2, Titel (milestones.title): title 'A' steht doppelt in der Liste",
        ),
        ("de", "milestones=[{title = 5}]", "Meilenstein 1, Titel (milestones.title) muss ein Text sein"),
        ("en", 'milestones=[{title = "A", done = 2}]', "Milestone 1, Done (milestones.done) must be yes or no"),
        (
            "en",
            'milestones=[{title = "A", done = "maybe"}]',
            "Milestone 1, Done (milestones.done): “maybe” is neither yes nor no",
        ),
    ],
)
def test_a_refused_set_names_the_field_by_its_label(run, portfolio_root, lang, assignment, message):
    assert _new(run).exit_code == 0
    assert run("set", PROJECT, "start=2026-09-01").exit_code == 0
    before = (portfolio_root / "projects" / f"{PROJECT}.toml").read_bytes()
    result = run("--lang", lang, "set", PROJECT, assignment)
    assert result.exit_code != 0
    assert message in result.output, result.output
    assert (portfolio_root / "projects" / f"{PROJECT}.toml").read_bytes() == before
