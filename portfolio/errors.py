"""Errors the core raises for conditions a user can act on (never a traceback)."""

from __future__ import annotations


class PortfolioError(Exception):
    """A problem a user can act on. ``exit_code`` follows the CLI contract (1 problems, 2 usage/env)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAPortfolio(PortfolioError):
    pass


class VocabularyError(PortfolioError):
    pass


class ProjectNotFound(PortfolioError):
    exit_code = 1


class ProjectExists(PortfolioError):
    exit_code = 1


class InvalidProject(PortfolioError):
    """The project does not validate; ``problems`` says where and why."""

    exit_code = 1

    def __init__(self, message: str, problems: list) -> None:
        super().__init__(message)
        self.problems = problems


class ConcurrentChange(PortfolioError):
    """The file changed on disk since it was loaded; saving would overwrite someone's work."""

    exit_code = 1


class UnsafeFile(PortfolioError):
    exit_code = 1


class GitError(PortfolioError):
    """Git refused or cannot do what was asked (identity, lock, merge in progress, ...)."""

    exit_code = 2
