"""The command line in the chosen language: help translated when it is shown, click's own messages too.

Help texts are written at import time, before anyone has chosen a language, so they are marked
with ``N_()`` there and translated here, each time help is formatted. click marks its own
messages ("Usage:", "Missing option", ...) for gettext; they are routed to our catalog, which
holds their translations, so that a German command line is German from usage line to error.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from portfolio import i18n
from portfolio.errors import PortfolioError
from portfolio.i18n import _, available_languages, use_language
from portfolio.locale_choice import choose_language

# click's modules that show messages to a user (each does ``from gettext import gettext as _``).
CLICK_MESSAGE_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def route_click_messages() -> None:
    """Make click look its messages up in our catalog, in the language chosen for us."""
    for name in CLICK_MESSAGE_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = i18n._
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext


@contextmanager
def _translated_help(items: Iterable[Any]) -> Iterator[None]:
    """Show each item's help in the current language while the block runs (click reads ``.help``)."""
    saved = [(item, item.help) for item in items if getattr(item, "help", None)]
    for item, text in saved:
        item.help = _(inspect.cleandoc(text))
    try:
        yield
    finally:
        for item, text in saved:
            item.help = text


class TranslatedHelp:
    """A click command whose help (its own and its options') is translated when it is formatted."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help([self, *self.get_params(ctx)]):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help([self]):
            return super().get_short_help_str(limit)


class TranslatedCommand(TranslatedHelp, click.Command):
    pass


class TranslatedGroup(TranslatedHelp, click.Group):
    command_class = TranslatedCommand


def apply_language(option: str | None, portfolio_default: Callable[[], str]) -> str:
    """Choose the language (see ``locale_choice``) and speak it from now on; returns it."""
    choice = choose_language(option, os.environ, portfolio_default, available_languages())
    use_language(choice.language)
    return choice.language


def apply_language_quietly(option: str | None, portfolio_default: Callable[[], str]) -> None:
    """As ``apply_language``, for the moment before the options are parsed: a bad choice is
    reported later, when the option is processed; until then, English."""
    try:
        apply_language(option, portfolio_default)
    except PortfolioError:
        use_language(i18n.SOURCE_LANGUAGE)


def command(name: str | None = None, **options: Any) -> Callable[[Callable], click.Command]:
    """``click.command`` for a command whose help is translated when shown (every command of ours)."""
    return click.command(name, cls=TranslatedCommand, **options)
