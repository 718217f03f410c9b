"""The one translation function for every user-facing string.

Strings are looked up at call time, so switching the language later (``use_language``)
affects everything printed afterwards. Never call ``_()`` at import time: mark a string that is
defined at import time (a command's option help, say) with ``N_()`` and translate it with ``_()``
where it is shown.

Catalogs live in ``portfolio/locale/<lang>/LC_MESSAGES/portfolio.po`` (the sources, edited by
translators) and ``.mo`` (compiled, kept current by a test); ``python scripts/catalog_build.py``
extracts the strings, updates the ``.po`` files and compiles them.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from typing import Any

DOMAIN = "portfolio"
# The catalogs' folder, as text: pathlib is not loaded for it (``portfolio --help`` starts without it).
_LOCALE_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
SOURCE_LANGUAGE = "en"  # the language of the strings in the code

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language: str | None = None  # None: nobody chose one (library use); labels use the portfolio's default


def use_language(language: str) -> None:
    """Translate from now on into ``language`` (falls back to English when no catalog exists)."""
    global _translation, _language
    _translation = gettext.translation(DOMAIN, _LOCALE_FOLDER, languages=[language], fallback=True)
    _language = language


def reset_language() -> None:
    """Back to the state before any choice: English messages, labels in the portfolio's language."""
    global _translation, _language
    _translation = gettext.NullTranslations()
    _language = None


def current_language() -> str:
    """The language messages are shown in."""
    return _language or SOURCE_LANGUAGE


def chosen_language() -> str | None:
    """The language chosen with ``use_language``, or None when none was chosen."""
    return _language


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """The languages with a compiled catalog, and the source language."""
    try:
        folders = os.listdir(_LOCALE_FOLDER)
    except OSError:
        folders = []
    found = {
        name for name in folders if os.path.isfile(os.path.join(_LOCALE_FOLDER, name, "LC_MESSAGES", DOMAIN + ".mo"))
    }
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def __getattr__(name: str) -> Any:
    """``LOCALE_DIR``: the catalogs' folder as a ``Path`` (for the catalog script and tests)."""
    if name == "LOCALE_DIR":
        from pathlib import Path

        return Path(_LOCALE_FOLDER)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks ``message`` for the catalog without translating it (translate it with ``_()`` when shown)."""
    return message


def pick_language(texts: dict[str, str], language: str) -> str:
    """The text in ``language``, else English, else any (for labels given per language in ``schema/``)."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


@lru_cache(maxsize=8)
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, _LOCALE_FOLDER, languages=[language], fallback=True)


def in_every_language(message: str) -> tuple[str, ...]:
    """``message`` as every available language says it (the source language first): a spreadsheet
    header may be written in any of them."""
    texts = [message]
    for language in available_languages():
        text = _catalog(language).gettext(message)
        if text not in texts:
            texts.append(text)
    return tuple(texts)
