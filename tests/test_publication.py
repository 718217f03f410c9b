"""Internal projects (``public = false``) and contacts: a field like any other where people work, left
out of every output meant for publication (``report --public``, ``export --public``, DCAT)."""

from __future__ import annotations

import csv
import io
import json

from history_fixtures import git, save
from report_fixtures import example, example_root  # noqa: F401

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.dcat import geocoding_uri

BASE = "https://region.example.org/portfolio/"


def _two_projects(root):
    """``offen`` (public, in Rheine, with a contact) and ``intern`` (internal, in Hopsten, moved to planning)."""
    save(root, "offen", "Add offen", title="Offenes Radwegenetz", contact="Erika Mustermann, erika@kreis.example")
    save(root, "intern", "Add intern", title="Interne Personalplanung", municipalities=["hopsten"], public=False)
    save(
        root,
        "intern",
        "Plan intern",
        title="Interne Personalplanung",
        municipalities=["hopsten"],
        public=False,
        status="planning",
        when="2026-01-06T10:00:00+01:00",
    )


def _set_contacts(root, outputs: str) -> None:
    settings = root / "schema" / "portfolio.toml"
    text = settings.read_text(encoding="utf-8")
    assert "[publication]\ncontacts = []\n" in text
    settings.write_text(text.replace("contacts = []", f"contacts = {outputs}"), encoding="utf-8")


def test_public_is_written_only_when_false_and_the_history_tells_the_change(run, portfolio_root):
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    path = portfolio_root / "projects" / "radweg.toml"
    assert "public" not in path.read_text(encoding="utf-8")
    made_internal = run("set", "radweg", "public=false")
    assert made_internal.exit_code == 0, made_internal.output
    assert "\npublic = false\n" in path.read_text(encoding="utf-8")
    assert run("check").exit_code == 0 and run("fmt", "--check").exit_code == 0
    made_public = run("set", "radweg", "public=true")
    assert made_public.exit_code == 0, made_public.output
    assert "public" not in path.read_text(encoding="utf-8")  # the default: canonical without the key
    history = run("history", "radweg")
    assert history.exit_code == 0, history.output
    assert "Public: yes -> no" in history.output and "Public: no -> yes" in history.output


def test_a_bundled_portfolio_without_the_key_stays_valid_and_canonical(example):
    assert example("check").exit_code == 0
    assert example("fmt", "--check").exit_code == 0


def test_list_and_show_mark_an_internal_project(run, portfolio_root):
    _two_projects(portfolio_root)
    table = run("list").output
    assert "[internal] Interne Personalplanung" in table and "[internal] Offenes" not in table
    shown = run("show", "intern").output
    assert "Public:" in shown and "no (internal: not published)" in shown
    assert "Public:" not in run("show", "offen").output
    records = {record["id"]: record["public"] for record in json.loads(run("list", "--format", "json").output)}
    assert records == {"intern": False, "offen": True}
    german = run("--lang", "de", "show", "intern").output
    assert "Öffentlich:" in german and "nein (intern: nicht veröffentlicht)" in german


def test_a_published_report_has_no_internal_project_nor_its_moves(run, portfolio_root):
    _two_projects(portfolio_root)
    for report_format in ("markdown", "html"):
        internal_use = run("report", "--format", report_format, "--since", "2026-01-01")
        assert "Interne Personalplanung" in internal_use.output
        published = run("report", "--format", report_format, "--since", "2026-01-01", "--public")
        assert published.exit_code == 0, published.output
        assert "Offenes Radwegenetz" in published.stdout
        assert "Interne Personalplanung" not in published.stdout
        assert "Erika" not in published.stdout


def test_a_published_report_counts_a_broken_file_without_naming_it(run, portfolio_root):
    _two_projects(portfolio_root)
    (portfolio_root / "projects" / "geheimkaputt.toml").write_text('title = "x"\n', encoding="utf-8")
    published = run("report", "--format", "markdown", "--public")
    assert "Not counted: 1 project file is not valid." in published.stdout
    assert "geheimkaputt" not in published.stdout
    assert "geheimkaputt" in run("report", "--format", "markdown").stdout  # for internal use: named


def test_published_files_leave_out_internal_projects_and_contacts_unless_the_settings_allow(run, portfolio_root):
    _two_projects(portfolio_root)
    everything = run("export", "--format", "csv", "--plain").stdout
    assert "intern" in everything and "Erika" in everything
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--plain", "--public").stdout)))
    assert [(row["id"], row["contact"], row["public"]) for row in rows] == [("offen", "", "")]
    records = json.loads(run("export", "--format", "json", "--public").stdout)
    assert [(record["id"], record["contact"]) for record in records] == [("offen", None)]

    _set_contacts(portfolio_root, '["csv"]')
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--plain", "--public").stdout)))
    assert [(row["id"], row["contact"]) for row in rows] == [("offen", "Erika Mustermann, erika@kreis.example")]
    records = json.loads(run("export", "--format", "json", "--public").stdout)
    assert [(record["id"], record["contact"]) for record in records] == [("offen", None)]  # json not named


def test_the_catalogue_never_describes_an_internal_project(run, portfolio_root):
    _two_projects(portfolio_root)
    vocabulary = load_vocabulary(portfolio_root)
    catalogue = run("export", "--format", "dcat", "--base-url", BASE)
    assert catalogue.exit_code == 0, catalogue.output
    assert geocoding_uri(vocabulary.municipality("rheine").ags) in catalogue.stdout
    assert geocoding_uri(vocabulary.municipality("hopsten").ags) not in catalogue.stdout


def test_an_unknown_output_in_the_publication_settings_is_refused_with_its_place(run, portfolio_root):
    _set_contacts(portfolio_root, '["pdf"]')
    result = run("list")
    assert result.exit_code == 2, result.output
    assert "schema/portfolio.toml:" in result.stderr and "publication.contacts" in result.stderr
    assert "Traceback" not in result.output


def test_the_spreadsheet_round_trip_keeps_a_project_internal(run, portfolio_root, tmp_path):
    _two_projects(portfolio_root)
    sheet = tmp_path / "projekte.xlsx"
    assert run("export", "--format", "xlsx", "-o", str(sheet)).exit_code == 0
    git(portfolio_root, "rm", "-q", "projects/intern.toml")
    git(portfolio_root, "commit", "-q", "-m", "Remove intern")
    imported = run("import", str(sheet), "--yes")
    assert imported.exit_code == 0, imported.output
    assert "\npublic = false\n" in (portfolio_root / "projects" / "intern.toml").read_text(encoding="utf-8")


def test_a_sheet_from_before_the_public_column_keeps_internal_projects_internal(run, portfolio_root, tmp_path):
    """A sheet exported before ``public`` existed lacks its column: importing it changes no project's
    publication, a new row is public (the default), and any other missing column is still refused."""
    _two_projects(portfolio_root)
    sheet = tmp_path / "alt.csv"
    assert run("export", "--format", "csv", "--plain", "-o", str(sheet)).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    keep = [index for index, name in enumerate(header) if name != "public"]
    old = [[row[index] for index in keep] for row in rows]
    title = old[0].index("title")
    old = [old[0]] + [
        row if row[0] != "intern" else [*row[:title], "Interne Planung", *row[title + 1 :]] for row in old[1:]
    ]
    new_row = list(old[1])
    new_row[0], new_row[title] = "neu", "Ein neues Projekt"
    old.append(new_row)
    text = io.StringIO()
    csv.writer(text).writerows(old)
    sheet.write_text(text.getvalue(), encoding="utf-8")
    imported = run("import", str(sheet), "--yes")
    assert imported.exit_code == 0, imported.output
    projects = portfolio_root / "projects"
    intern = (projects / "intern.toml").read_text(encoding="utf-8")
    assert 'title = "Interne Planung"' in intern and "\npublic = false\n" in intern
    assert "public" not in (projects / "neu.toml").read_text(encoding="utf-8")
    without_title = [[cell for index, cell in enumerate(row) if index != title] for row in old]
    text = io.StringIO()
    csv.writer(text).writerows(without_title)
    sheet.write_text(text.getvalue(), encoding="utf-8")
    refused = run("import", str(sheet), "--yes")
    assert refused.exit_code == 1 and "missing columns: title" in refused.output


def test_public_takes_yes_and_no_as_people_type_them(run, portfolio_root):
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz")
    path = portfolio_root / "projects" / "radweg.toml"
    for typed, written in (("nein", True), ("Ja", False), ("no", True), ("1", False), ("0", True), ("true", False)):
        result = run("set", "radweg", f"public={typed}")
        assert result.exit_code == 0, result.output
        assert ("\npublic = false\n" in path.read_text(encoding="utf-8")) is written, typed
    refused = run("--lang", "de", "set", "radweg", "public=vielleicht")
    assert refused.exit_code != 0 and "„vielleicht“ ist weder ja noch nein" in refused.output
