"""The one translation function for every user-facing string.

Strings are looked up at call time, so switching the language later (``use_language``)
affects everything printed afterwards. Never call ``_()`` at import time.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "portfolio"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use_language(language: str) -> None:
    """Translate from now on into ``language`` (falls back to English when no catalog exists)."""
    global _translation, _language
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)
