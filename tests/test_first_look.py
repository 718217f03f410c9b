"""The first look at a portfolio (what the UI paints before validating): the same listed fields as
the full load, nothing it cannot read, and never pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factories import write_project

from portfolio.files.first_look import first_look, glance_project
from portfolio.files.loading import load_portfolio
from portfolio.i18n import use_language
from portfolio.resources import bundled_dir

REPOSITORY = Path(__file__).resolve().parents[1]


def listed(project) -> tuple:
    return (project.title, project.status, project.module, list(project.municipalities), list(project.fields_of_action))


def test_the_first_look_lists_what_the_full_load_validates():
    root = bundled_dir("projects").parent
    look, full = first_look(root), load_portfolio(root)
    assert look is not None and len(look.projects) == len(full.projects) > 10
    assert [glanced.id for glanced in look.projects] == sorted(full.projects)
    for glanced in look.projects:
        assert listed(glanced) == listed(full.projects[glanced.id].project), glanced.id
        assert glanced.path == full.projects[glanced.id].path


def test_labels_come_from_the_schema_in_the_chosen_language(portfolio_root):
    write_project(portfolio_root, "solar", status="implementation", fields_of_action=["energie"])
    look = first_look(portfolio_root)
    full = load_portfolio(portfolio_root)
    for language in ("de", "en"):
        use_language(language)
        for kind, slug in (
            ("status", "implementation"),
            ("field", "energie"),
            ("module", 2),
            ("municipality", "rheine"),
        ):
            assert look.labels.label(kind, slug) == full.vocabulary.label(kind, slug), (language, kind)
    assert look.labels.is_priority("energie") and not look.labels.is_priority("verwaltung")
    assert look.labels.region == full.vocabulary.region
    assert look.labels.status_order("concept") == full.vocabulary.status_order("concept") == 2


def test_files_it_cannot_take_as_they_are_are_left_out_for_the_full_load_to_report(portfolio_root):
    write_project(portfolio_root, "gut", title="Gut")
    (portfolio_root / "projects" / "kaputt.toml").write_text('title = "Kaputt"\nmodule = [\n', encoding="utf-8")
    (portfolio_root / "projects" / "ohne-kommunen.toml").write_text(
        'title = "Ohne"\nmodule = 2\nstatus = "idea"\nfields_of_action = [\n    "umwelt",\n]\n', encoding="utf-8"
    )
    (portfolio_root / "projects" / "latin1.toml").write_bytes('title = "Gr\xfcn"\n'.encode("latin-1"))
    (portfolio_root / "projects" / "Bad_Name.toml").write_text('title = "x"\n', encoding="utf-8")
    look = first_look(portfolio_root)
    assert [glanced.id for glanced in look.projects] == ["gut"]
    assert look.files == 5
    assert set(load_portfolio(portfolio_root).broken) >= {
        "projects/kaputt.toml",
        "projects/ohne-kommunen.toml",
        "projects/latin1.toml",
    }


def test_a_file_not_in_canonical_order_is_read_whole():
    text = (
        'fields_of_action = ["umwelt", "energie"]\ntitle = "Später Titel"\nstatus = "concept"\n'
        'municipalities = ["rheine"]\nmodule = 3\n'
    )
    glanced = glance_project("spaet", "projects/spaet.toml", text.encode())
    assert listed(glanced) == ("Später Titel", "concept", 3, ["rheine"], ["umwelt", "energie"])


def test_a_canonical_file_is_read_only_up_to_its_listed_fields():
    text = (
        'title = "Kurz"\nmodule = 2\nstatus = "idea"\nmunicipalities = [\n    "rheine",\n]\n'
        'fields_of_action = [\n    "umwelt",\n]\nsummary = "x"\ndescription = """\n' + "Zeile\n" * 5000 + '"""\n'
    )
    glanced = glance_project("kurz", "projects/kurz.toml", text.encode())
    assert listed(glanced) == ("Kurz", "idea", 2, ["rheine"], ["umwelt"])


def test_a_schema_it_cannot_read_gives_no_first_look(portfolio_root):
    (portfolio_root / "schema" / "statuses.toml").write_text("[[status]\n", encoding="utf-8")
    assert first_look(portfolio_root) is None


def test_the_first_look_never_imports_pydantic():
    script = (
        "import sys; from pathlib import Path; from portfolio.files.first_look import first_look; "
        "look = first_look(Path(sys.argv[1])); assert look and look.projects; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'pydantic_core', 'git')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPOSITORY)], capture_output=True, text=True, check=True, cwd=REPOSITORY
    )
    assert result.stdout.strip() == "[]"
