"""Errors the core raises for conditions a user can act on (never a traceback)."""

from __future__ import annotations

import errno


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


class FileSystemError(PortfolioError):
    """The operating system refused to read or write a file (a full disk, a read-only file system, ...)."""

    exit_code = 2


def _reasons() -> dict[int, str]:
    from portfolio.i18n import _

    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("the file system is read-only"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
    }
    if hasattr(errno, "EDQUOT"):
        reasons[errno.EDQUOT] = _("the disk quota is exceeded")
    return reasons


def os_reason(error: OSError) -> str:
    """What the operating system said, in the user's language where we know the reason."""
    return _reasons().get(error.errno or 0) or error.strerror or str(error)


def os_error_text(error: OSError) -> str:
    """What the operating system said, after the path it said it of (if any)."""
    from portfolio.i18n import _

    reason = os_reason(error)
    return _("{path}: {reason}").format(path=error.filename, reason=reason) if error.filename else reason


def file_system_error(error: OSError, path: object = None) -> FileSystemError:
    """The message for an ``OSError``: the path (``path``, else the error's) and the reason."""
    from portfolio.i18n import _

    path = path or error.filename
    reason = os_reason(error)
    if path:
        return FileSystemError(_("cannot write {path}: {reason}").format(path=path, reason=reason))
    return FileSystemError(_("a file could not be written: {reason}").format(reason=reason))
