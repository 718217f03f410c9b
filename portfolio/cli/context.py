"""What every command shares: the invocation (``--repo``, ``--lang``), the group that turns errors a
user can act on into a message and an exit code, and the ``--repo`` option after a command.

Exit codes: 0 fine, 1 problems found, 2 usage or environment error. No traceback for bad input:
every ``PortfolioError`` becomes a message on stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from portfolio.cli.i18n import TranslatedGroup, apply_language, apply_language_quietly
from portfolio.cli.typed_words import early_option
from portfolio.errors import InvalidProject, PortfolioError, os_error_text
from portfolio.i18n import N_, _

if TYPE_CHECKING:
    from pathlib import Path

    from portfolio.domain.vocabulary import Vocabulary


class Invocation:
    """What the group-level options said; each command resolves the portfolio from it.

    A plain class, not a dataclass: ``portfolio --help`` starts without the dataclasses module."""

    def __init__(self, repo: str | None = None, lang: str | None = None) -> None:
        self.repo = repo
        self.lang = lang
        self._vocabulary: Vocabulary | None = None

    def root(self) -> Path:
        from pathlib import Path

        if self.repo:
            root = Path(self.repo).expanduser().resolve()
            if not root.is_dir():
                raise PortfolioError(_("--repo {path}: no such folder").format(path=self.repo))
            return root
        from portfolio.git.toplevel import find_toplevel  # GitPython only when a glance cannot tell

        try:
            here = Path.cwd()
        except OSError as error:  # the folder the command runs in was removed under it
            raise PortfolioError(
                _("the current folder is gone ({reason}); change into the portfolio or give --repo").format(
                    reason=os_error_text(error)
                )
            ) from None
        return find_toplevel(here)

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            from portfolio.domain.vocabulary import load_vocabulary

            self._vocabulary = load_vocabulary(self.root())
            warning = self._vocabulary.bundled_default_warning()
            if warning:
                click.echo(warning, err=True)
        return self._vocabulary

    def default_language(self) -> str:
        """The portfolio's own language (``default_language`` in schema/), else the bundled default's."""
        try:
            return self.vocabulary().default_language
        except PortfolioError:  # not a portfolio, or a broken vocabulary: the command will say so
            from portfolio.domain.vocabulary import load_vocabulary

            return load_vocabulary().default_language

    def speak(self, *, quietly: bool = False) -> None:
        """Choose the language from --lang, the environment and the portfolio, and use it.

        The portfolio's language is read at a glance (``glance_language``), without validating the
        vocabulary: a command that needs no vocabulary (the merge driver) never loads it, and one that
        does reports a broken one in that language. Quietly: before the arguments are parsed, for
        help and usage errors."""
        if quietly:
            apply_language_quietly(self.lang, self._glanced_language)
        else:
            apply_language(self.lang, self._glanced_language)

    def _glanced_language(self) -> str:
        return glance_language(self.repo) or self.default_language()


def glance_language(repo: str | None) -> str | None:
    """``default_language = "xx"`` of ``schema/portfolio.toml`` (else of the bundled one), found without
    git, TOML parser or the vocabulary's validation; None when a glance cannot tell (then the
    vocabulary decides)."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return None
    try:
        if repo:
            top: str | None = os.path.expanduser(repo)
        else:
            top = next(
                (folder for folder in _upwards(os.getcwd()) if os.path.exists(os.path.join(folder, ".git"))), None
            )
        own = os.path.join(top, "schema", "portfolio.toml") if top and os.path.isdir(top) else None
        if own is None or not os.path.isfile(own):  # none of its own, or not a portfolio: the bundled one
            from portfolio.resources import schema_file

            own = str(schema_file(None, "portfolio.toml"))
        with open(own, "rb") as file:
            lines = file.read().decode("utf-8").splitlines()
    except (OSError, ValueError):
        return None
    for line in lines:
        if line.startswith("["):  # the first table: the top-level keys are behind us
            return None
        key, equals, value = line.partition("=")
        if equals and key.strip() == "default_language":
            value = value.strip()
            code = value[1:-1]
            plain = len(value) in (4, 5) and value[0] == value[-1] == '"' and code.isascii() and code.isalpha()
            return code if plain and code.islower() else None
    return None


def _upwards(folder: str) -> list[str]:
    """``folder`` and the folders above it."""
    found = [folder]
    while os.path.dirname(found[-1]) != found[-1]:
        found.append(os.path.dirname(found[-1]))
    return found


def problem_lines(problems) -> None:
    for problem in problems:
        click.echo(problem.to_text(), err=True)


class PortfolioGroup(TranslatedGroup):
    """Turns the errors a user can act on into a message and an exit code, never a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Help and usage errors are written while the arguments are parsed: choose the language first.
        invocation = ctx.ensure_object(Invocation)
        invocation.repo = early_option(args, "--repo") or os.environ.get("PORTFOLIO_REPO") or None
        invocation.lang = early_option(args, "--lang")
        invocation.speak(quietly=True)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from portfolio.textsafety import escape_control  # only a command's run needs it

        try:
            return super().invoke(ctx)
        except InvalidProject as error:
            click.echo(_("error: {message}").format(message=escape_control(error.message)), err=True)
            problem_lines(error.problems)
            ctx.exit(error.exit_code)
        except PortfolioError as error:
            click.echo(
                _("error: {message}").format(message=escape_control(error.message, keep_newlines=True)), err=True
            )
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo(_("interrupted"), err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (``portfolio log | head``): stop quietly, as other tools do, and
            # keep Python from complaining when it flushes standard output at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except OSError as error:  # the disk, not a bug: a full disk, a read-only folder, no permission
            click.echo(_("error: {message}").format(message=escape_control(os_error_text(error))), err=True)
            ctx.exit(2)
        except Exception as error:  # a bug: say so plainly; a traceback only on request
            if os.environ.get("PORTFOLIO_DEBUG"):
                raise
            click.echo(
                _("internal error: {error}. Please report it; set PORTFOLIO_DEBUG=1 to see the details.").format(
                    error=escape_control(f"{type(error).__name__}: {error}")
                ),
                err=True,
            )
            ctx.exit(2)


def repo_option(command: Callable) -> Callable:
    """``--repo`` is accepted after the command too (``portfolio list --repo PATH``)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value:
            invocation = ctx.ensure_object(Invocation)
            invocation.repo = value
            invocation._vocabulary = None
            invocation.speak()  # this portfolio's default language may differ

    return click.option(
        "--repo",
        metavar="PATH",
        expose_value=False,
        callback=remember,
        is_eager=True,
        help=N_("The portfolio repository (default: the git top level of the current folder)."),
    )(command)


pass_invocation = click.make_pass_decorator(Invocation, ensure=True)


class DayType(click.ParamType):
    """A day as people type it (2027-03-01, 01.03.2027, 1.3.2027), handed on as ISO text (2027-03-01).

    With ``moments``, an ISO 8601 date and time (2027-03-01T14:00) is handed on as typed, for the
    core to read. A refusal quotes the text and lists the accepted forms, in the user's language.
    """

    name = "date"

    def __init__(self, *, moments: bool = False) -> None:
        self.moments = moments

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, date):
            return value.isoformat()
        from portfolio.typed_input import Refused, parse_date  # read only when a date is typed

        try:
            return parse_date(str(value)).isoformat()
        except Refused as refusal:
            if self.moments and _is_moment(str(value)):
                return str(value)
            message = refusal.message
            if self.moments and ":" in str(value):  # a moment was meant: say how one is written
                message += _("; or an ISO 8601 date and time (2027-03-01T14:00)")
            self.fail(message, param, ctx)


def _is_moment(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return len(text) > 10


class WholeNumberType(click.ParamType):
    """A whole number as people of the user's language type it (1.500 in German)."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        from portfolio.typed_input import Refused, parse_whole_number  # read only when a number is typed

        try:
            return parse_whole_number(str(value))
        except Refused as refusal:
            self.fail(refusal.message, param, ctx)
