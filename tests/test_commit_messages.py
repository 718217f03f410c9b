"""Commit messages speak the user's language: the vocabulary's labels and the fields' labels, not slugs and keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import git
import pytest
from factories import minimal_project

from portfolio.changes.messages import change_message
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.i18n import use_language

VOCABULARY = load_vocabulary()


def _project(**fields):
    return parse_project(minimal_project(**fields), VOCABULARY)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "Status von lorawan-netz-kreis-steinfurt: Planung → Umsetzung"),
        ("en", "Status of lorawan-netz-kreis-steinfurt: Planning → Implementation"),
    ],
)
def test_a_status_move_names_the_labels(language, expected):
    use_language(language)
    old, new = _project(status="planning"), _project(status="implementation")
    assert change_message("lorawan-netz-kreis-steinfurt", old, new, VOCABULARY) == expected


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "radweg aktualisiert: Budget, Meilensteine"),
        ("en", "Update radweg: Budget, Milestones"),
    ],
)
def test_other_changes_name_the_fields_by_their_labels(language, expected):
    use_language(language)
    old = _project()
    new = _project(budget_eur=5000, milestones=[{"title": "Start"}])
    assert change_message("radweg", old, new, VOCABULARY) == expected


def test_with_no_language_chosen_the_labels_are_english_like_the_sentence():
    old, new = _project(status="idea"), _project(status="concept", start=date(2026, 1, 1))
    assert change_message("radweg", old, new, VOCABULARY) == "Status of radweg: Idea → Concept (also Start)"


def _subject(root: Path) -> str:
    return git.Repo(root).git.log("-1", "--format=%s")


def test_set_commits_in_the_chosen_language(run, portfolio_root):
    created = run(
        "new", "radweg", "--title", "Radweg-Netz", "--module", "2", "--municipality", "rheine", "--field", "umwelt"
    )
    assert created.exit_code == 0, created.output
    german = run("--lang", "de", "set", "radweg", "status=concept", "budget_eur=25.000", "end=31.12.2027")
    assert german.exit_code == 0, german.output
    assert _subject(portfolio_root) == "Status von radweg: Idee → Konzeption (außerdem Ende, Budget)"
    english = run("--lang", "en", "set", "radweg", "summary=Sichere Radwege", "topics=radverkehr")
    assert english.exit_code == 0, english.output
    assert _subject(portfolio_root) == "Update radweg: Summary, Topics"
