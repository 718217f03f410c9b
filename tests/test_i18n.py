"""Language: the choice (--lang, PORTFOLIO_LANG, locale, the portfolio's default), German labels, dates and
numbers in list/show/history/log, help translated when shown, and catalogs that are complete and compiled."""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from gettext import GNUTranslations
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from catalog_build import compiled_mo, extract, mo_path, read_po  # noqa: E402 - a development script, not a package
from report_fixtures import example, example_root  # noqa: F401

from portfolio.formats import format_date, format_euros, format_number
from portfolio.i18n import available_languages
from portfolio.locale_choice import UnknownLanguage, choose_language, language_code

AVAILABLE = ("de", "en")
PROJECT = "lorawan-netz-kreis-steinfurt"


def _choose(option=None, default="de", **environ) -> tuple[str, str]:
    choice = choose_language(option, environ, lambda: default, AVAILABLE)
    return choice.language, choice.source


def test_the_language_comes_from_option_then_env_then_locale_then_the_portfolio():
    everything = dict(PORTFOLIO_LANG="en", LANGUAGE="de", LC_ALL="en_GB.UTF-8", LC_MESSAGES="de_DE", LANG="en_US")
    assert _choose("de", **everything) == ("de", "--lang")
    assert _choose(None, **everything) == ("en", "PORTFOLIO_LANG")
    everything.pop("PORTFOLIO_LANG")
    assert _choose(**everything) == ("de", "LANGUAGE")
    everything.pop("LANGUAGE")
    assert _choose(**everything) == ("en", "LC_ALL")
    everything.pop("LC_ALL")
    assert _choose(**everything) == ("de", "LC_MESSAGES")
    everything.pop("LC_MESSAGES")
    assert _choose(**everything) == ("en", "LANG")
    assert _choose() == ("de", "schema/portfolio.toml")
    assert _choose(default="en") == ("en", "schema/portfolio.toml")


def test_locales_without_a_language_or_without_a_catalog_are_passed_over():
    assert _choose(LANG="C.UTF-8", default="de") == ("de", "schema/portfolio.toml")
    assert _choose(LC_ALL="POSIX", LANG="en_US.UTF-8") == ("en", "LANG")
    assert _choose(LANGUAGE="fr:de", LANG="en_US") == ("de", "LANGUAGE")
    assert _choose(LANGUAGE="fr_FR", default="en") == ("en", "schema/portfolio.toml")
    assert [language_code(v) for v in ("de_DE.UTF-8", "de-AT", "en", "C", "", "de_DE@euro")] == [
        "de",
        "de",
        "en",
        None,
        None,
        "de",
    ]


def test_a_language_chosen_on_purpose_must_have_a_catalog():
    with pytest.raises(UnknownLanguage, match="'fr'.*de, en"):
        _choose("fr")
    with pytest.raises(UnknownLanguage, match="PORTFOLIO_LANG"):
        _choose(PORTFOLIO_LANG="xx")


def test_german_and_english_catalogs_exist():
    assert set(AVAILABLE) <= set(available_languages())


def test_list_shows_labels_in_the_chosen_language(example):
    german = example("--lang", "de", "list").stdout.splitlines()
    assert german[0].split()[:4] == ["ID", "STATUS", "MODUL", "KOMMUNEN"]
    row = next(line for line in german if line.startswith(PROJECT))
    assert "Betrieb" in row and "Technologie" in row
    english = example("--lang", "en", "list").stdout.splitlines()
    assert english[0].split()[:4] == ["ID", "STATUS", "MODULE", "MUNICIPALITIES"]
    row = next(line for line in english if line.startswith(PROJECT))
    assert "Operation" in row and "Technology" in row


def test_show_writes_dates_and_amounts_in_the_language_style(example):
    german = example("--lang", "de", "show", PROJECT).stdout
    assert re.search(r"^Status: +Betrieb \(operation\)$", german, re.M)
    assert re.search(r"^Beginn: +01\.04\.2022$", german, re.M)
    assert re.search(r"^Budget: +480\.000 €$", german, re.M)
    assert "EU und Land NRW | EFRE/JTF-Programm NRW 2021-2027 | 288.000 € | bewilligt" in german
    assert "Angebundene Sensoren: 0 -> 2.500 Sensoren" in german
    english = example("--lang", "en", "show", PROJECT).stdout
    assert re.search(r"^Start: +2022-04-01$", english, re.M) and re.search(r"^Budget: +€480,000$", english, re.M)
    assert "| €288,000 | granted" in english


def test_history_and_log_use_the_same_labels_and_formats(example):
    assert example("set", PROJECT, "status=completed", "end=2026-11-20").exit_code == 0
    german = example("--lang", "de", "history", PROJECT).stdout
    assert "    Status: Betrieb -> Abgeschlossen" in german and "    Ende: – -> 20.11.2026" in german
    head = german.splitlines()[0]
    assert re.fullmatch(r"[0-9a-f]{12}  \d\d\.\d\d\.\d{4} \d\d:\d\d  geändert", head)
    log = example("--lang", "de", "log", "--status", "completed").stdout
    assert f"geändert  {PROJECT}" in log and "Status: Betrieb -> Abgeschlossen" in log
    english = example("--lang", "en", "log", "--status", "completed").stdout
    assert f"changed  {PROJECT}" in english and "Status: Operation -> Completed" in english


def test_help_is_translated_when_it_is_shown_not_when_it_is_imported(example):
    german = example("--lang", "de", "list", "--help").stdout
    assert re.match(r"Aufruf: \S+ list \[OPTIONS\]", german)
    assert "Projekte auflisten" in german and "Nur Projekte mit diesem Status" in german and "Optionen:" in german
    english = example("--lang", "en", "list", "--help").stdout  # the same process, the same command objects
    assert re.match(r"Usage: \S+ list", english) and "Only projects with this status" in english
    top = example("--lang", "de", "--help").stdout
    assert "Befehle:" in top and "Diese Hilfe anzeigen und beenden." in top
    assert "Einen Sachstandsbericht für eine Sitzung schreiben" in top


def test_errors_and_usage_errors_are_german_when_german_is_chosen(example):
    missing = example("--lang", "de", "show", "gibt-es-nicht")
    assert missing.exit_code == 1
    assert "Fehler: kein Projekt 'gibt-es-nicht' (projects/gibt-es-nicht.toml existiert nicht)" in missing.output
    usage = example("--lang", "de", "list", "--format", "xml")
    assert usage.exit_code == 2 and "Fehler: Ungültiger Wert für '--format'" in usage.output
    check = example("--lang", "de", "check")
    assert "23 Projektdateien geprüft, keine Probleme" in check.output


def test_an_unknown_language_is_a_usage_error(example, monkeypatch):
    result = example("--lang", "fr", "list")
    assert result.exit_code == 2 and "--lang 'fr'" in result.output and "de, en" in result.output
    monkeypatch.setenv("PORTFOLIO_LANG", "xx")
    result = example("list")
    assert result.exit_code == 2 and "PORTFOLIO_LANG 'xx'" in result.output


def test_without_a_choice_the_locale_then_the_portfolios_default_decides(example, monkeypatch):
    monkeypatch.delenv("PORTFOLIO_LANG")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert example("list").stdout.startswith("ID")
    assert "Betrieb" in example("list").stdout  # Kreis Steinfurt speaks German
    settings = example.root / "schema" / "portfolio.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('default_language = "de"', 'default_language = "en"'),
        encoding="utf-8",
    )
    assert "Operation" in example("list").stdout
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert "Betrieb" in example("list").stdout


def test_german_dates_and_numbers():
    assert format_date(date(2026, 11, 26), "de") == "26.11.2026"
    assert format_number(1234567, "de") == "1.234.567" and format_euros(1234567, "de") == "1.234.567 €"
    assert format_number(1234.5, "de") == "1.234,5" and format_number(0.25, "en") == "0.25"
    assert format_date(date(2026, 11, 26), "en") == "2026-11-26" and format_euros(1234567, "en") == "€1,234,567"


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def test_every_string_of_our_code_has_a_german_translation_with_the_same_placeholders():
    ours = {
        message_id
        for message_id, message in extract().items()
        if any(not location.startswith("click/") for location in message.locations)
    }
    catalog = read_po("de")
    problems = []
    for message_id in sorted(ours, key=str):
        entry = catalog.get(message_id)
        if entry is None:
            problems.append(f"not in the catalog: {message_id!r}")
            continue
        sources = message_id if isinstance(message_id, tuple) else (message_id,)
        targets = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(targets) or entry.fuzzy:
            problems.append(f"untranslated: {message_id!r}")
            continue
        for source, target in zip(sources, targets):
            if _placeholders(source) != _placeholders(target):
                problems.append(f"placeholders differ: {source!r} -> {target!r}")
    assert not problems, "run 'python scripts/catalog_build.py' and translate:\n" + "\n".join(problems)


def test_clicks_own_messages_are_translated():
    catalog = read_po("de")
    for message_id in (
        "Usage:",
        "Options",
        "Commands",
        "Show this message and exit.",
        "Error: {message}",
        "Missing option",
        "No such option {name!r}.",
        "Invalid value for {param_hint}: {message}",
    ):
        assert catalog.get(message_id) is not None and catalog.get(message_id).string, message_id


def _messages(mo_bytes: bytes) -> dict:
    """The translations in compiled catalog bytes, without the header (it names the Babel version)."""
    return {key: value for key, value in GNUTranslations(io.BytesIO(mo_bytes))._catalog.items() if key != ""}


@pytest.mark.parametrize("language", AVAILABLE)
def test_the_compiled_catalogs_are_current(language):
    assert _messages(mo_path(language).read_bytes()) == _messages(compiled_mo(read_po(language))), (
        f"{mo_path(language)} is stale: run 'python scripts/catalog_build.py'"
    )
