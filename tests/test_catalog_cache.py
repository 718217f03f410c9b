"""The German catalog remembered in the user's cache translates as gettext's own parse of the .mo
does, plural forms too; a broken or unwritable cache only costs the parse."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from portfolio import catalog_cache
from portfolio.catalog_cache import load_catalog
from portfolio.i18n import _LOCALE_FOLDER, DOMAIN  # the folder is private: the catalogs are the test's subject

SAMPLES = [
    "Show one project.",
    "no projects match",
    "{path} exists. Replace it?",
]
PLURALS = [("{count} project", "{count} projects", count) for count in (0, 1, 2, 21)]


def _cached_files(home: Path) -> list[Path]:
    return sorted((home / ".cache" / "smart-region-portfolio" / "catalogs").glob("*.marshal"))


def _same_as_gettext(translation: gettext.NullTranslations) -> None:
    reference = gettext.translation(DOMAIN, _LOCALE_FOLDER, languages=["de"], fallback=False)
    assert translation._catalog == reference._catalog  # type: ignore[attr-defined]
    for message in SAMPLES:
        assert translation.gettext(message) == reference.gettext(message) != message
    for singular, plural, count in PLURALS:
        assert translation.ngettext(singular, plural, count) == reference.ngettext(singular, plural, count)


def test_the_remembered_catalog_is_the_parsed_one(isolated_git, monkeypatch):
    first = load_catalog(DOMAIN, _LOCALE_FOLDER, "de")
    assert len(_cached_files(isolated_git)) == 1
    parsed = []
    with monkeypatch.context() as patch:
        patch.setattr(gettext.GNUTranslations, "_parse", lambda self, fp: parsed.append(fp))
        second = load_catalog(DOMAIN, _LOCALE_FOLDER, "de")
    assert parsed == []  # read from the cache, not parsed
    _same_as_gettext(first)
    _same_as_gettext(second)


def test_a_broken_cache_file_is_parsed_anew(isolated_git):
    load_catalog(DOMAIN, _LOCALE_FOLDER, "de")
    (cached,) = _cached_files(isolated_git)
    cached.write_bytes(b"\x00not marshal")
    _same_as_gettext(load_catalog(DOMAIN, _LOCALE_FOLDER, "de"))


def test_an_unwritable_cache_only_costs_time(monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    _same_as_gettext(load_catalog(DOMAIN, _LOCALE_FOLDER, "de"))


@pytest.mark.parametrize("language", ["fr", "xx"])
def test_a_language_without_a_catalog_is_english(language):
    assert load_catalog(DOMAIN, _LOCALE_FOLDER, language).gettext("Show one project.") == "Show one project."


def test_the_cache_is_named_by_the_file_size_and_time(tmp_path):
    mo = tmp_path / "de" / "LC_MESSAGES" / "portfolio.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"x")
    before = catalog_cache._cache_file(str(mo))
    mo.write_bytes(b"xy")
    assert before != catalog_cache._cache_file(str(mo))
