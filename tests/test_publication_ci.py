"""What the CI templates publish holds no internal project and no contact: their publish commands run
for real on a portfolio with an internal project and contacts, and every published file (the XLSX
unpacked) is searched for both."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from history_fixtures import save
from report_fixtures import example_root  # noqa: F401
from test_ci_pages import _load, _run

INTERNAL_ID = "interne-personalplanung"
INTERNAL_TITLE = "Vertrauliche Personalplanung"
CONTACT = "Erika Mustermann, erika.mustermann@kreis.example"


def _texts(folder: Path) -> dict[str, str]:
    """Every published file as text; an XLSX (a zip) as the text of its members."""
    texts = {}
    for path in sorted(folder.iterdir()):
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                texts[path.name] = "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def _portfolio_with_secrets(root: Path) -> list[str]:
    """An internal project (with a status move) and a public one with a contact; the bundled
    projects' contacts are there too. Returns every text that must not be published."""
    save(root, INTERNAL_ID, "Add internal", title=INTERNAL_TITLE, public=False, when="2026-11-01T10:00:00+01:00")
    save(
        root,
        INTERNAL_ID,
        "Plan internal",
        title=INTERNAL_TITLE,
        public=False,
        status="planning",
        when="2026-11-02T10:00:00+01:00",
    )
    save(root, "offenes-projekt", "Add public", title="Offenes Projekt", contact=CONTACT, when="2026-11-03T10:00:00")
    bundled = [
        line.split('"')[1]
        for path in (root / "projects").glob("*.toml")
        for line in path.read_text().splitlines()
        if line.startswith("contact = ")
    ]
    assert len(bundled) > 20
    return [INTERNAL_ID, INTERNAL_TITLE, "Erika Mustermann", "erika.mustermann", *bundled]


def _assert_nothing_secret(folder: Path, secrets: list[str]) -> None:
    texts = _texts(folder)
    assert set(texts) == {"index.html", "portfolio.csv", "portfolio.xlsx", "portfolio.json", "dcat.jsonld"}
    found = [(name, secret) for name, text in texts.items() for secret in secrets if secret in text]
    assert found == []
    assert all("Offenes Projekt" in texts[name] for name in ("index.html", "portfolio.csv", "portfolio.json"))


@pytest.mark.parametrize("template", ["github", "gitlab"])
def test_the_published_site_holds_no_internal_project_and_no_contact(example_root, template):
    secrets = _portfolio_with_secrets(example_root)
    if template == "github":
        step = next(
            s for s in _load(".github/workflows/portfolio.yml")["jobs"]["pages"]["steps"] if s.get("id") == "site"
        )
        done = _run(step["run"], example_root, BASE_URL="https://region.github.io/portfolio")
    else:
        script = "\n".join(_load(".gitlab-ci.yml")["pages"]["script"])
        done = _run(script, example_root, CI_PAGES_URL="https://region.gitlab.io/portfolio")
    assert done.returncode == 0, done.stderr
    _assert_nothing_secret(example_root / "public", secrets)
