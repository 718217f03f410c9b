"""Which language to speak: ``--lang``, then ``PORTFOLIO_LANG``, then the locale, then the portfolio's default.

The locale variables are read in gettext's order (``LANGUAGE``, a colon-separated list, then
``LC_ALL``, ``LC_MESSAGES``, ``LANG``). A locale that names no language (``C``, ``POSIX``) or
one without a catalog is passed over, so that a machine set up without a locale (CI, containers)
speaks the portfolio's own language (``default_language`` in ``schema/portfolio.toml``). A language
chosen on purpose (``--lang``, ``PORTFOLIO_LANG``) must have a catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from portfolio.errors import PortfolioError
from portfolio.i18n import _

EXPLICIT_VARIABLE = "PORTFOLIO_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_LANGUAGE_RE = re.compile(r"^([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]+)?(?:[.@].*)?$")


class UnknownLanguage(PortfolioError):
    exit_code = 2


class LanguageChoice(NamedTuple):
    language: str
    source: str  # "--lang", "PORTFOLIO_LANG", a locale variable, or "schema/portfolio.toml"


def language_code(value: str | None) -> str | None:
    """``de_DE.UTF-8`` -> ``de``; ``C``, ``POSIX`` and what is no locale name -> None."""
    if not value or value.upper().split(".")[0] in ("C", "POSIX"):
        return None
    match = _LANGUAGE_RE.match(value.strip())
    return match.group(1).lower() if match else None


def explicit_language(value: str, source: str, available: tuple[str, ...]) -> str:
    """A language chosen on purpose; refused when there is no catalog for it."""
    code = language_code(value)
    if code not in available:
        raise UnknownLanguage(
            _("{source} {value!r}: no such language; choose one of {known}").format(
                source=source, value=value, known=", ".join(available)
            )
        )
    return code


def choose_language(
    option: str | None, environ: Mapping[str, str], portfolio_default: Callable[[], str], available: tuple[str, ...]
) -> LanguageChoice:
    """The language to use, and where the choice came from.

    ``portfolio_default`` is only called when nothing else decides (finding it reads the portfolio).
    """
    if option:
        return LanguageChoice(explicit_language(option, "--lang", available), "--lang")
    if environ.get(EXPLICIT_VARIABLE):
        return LanguageChoice(
            explicit_language(environ[EXPLICIT_VARIABLE], EXPLICIT_VARIABLE, available), EXPLICIT_VARIABLE
        )
    for variable in LOCALE_VARIABLES:
        values = environ.get(variable, "").split(":") if variable == "LANGUAGE" else [environ.get(variable, "")]
        for value in values:
            code = language_code(value)
            if code in available:
                return LanguageChoice(code, variable)
    default = portfolio_default()
    return LanguageChoice(default if default in available else "en", "schema/portfolio.toml")
