"""Sync from the UI: the core's ``sync`` and ``sync_state`` (the same as ``portfolio sync`` uses), called
from thread workers of the main screen; what happened as a message, never an exception."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import PortfolioError
from portfolio.git.sync import SyncConflict, sync
from portfolio.git.sync_state import sync_state
from portfolio.history.revdiff import revision_diff
from portfolio.history.texts import diff_text
from tui.messages import Synced, SyncFailed, SyncStateRead


def state_outcome(root: Path, *, fetch: bool) -> SyncStateRead:
    try:
        return SyncStateRead(sync_state(root, fetch=fetch))
    except PortfolioError as error:
        return SyncStateRead(None, error.message)
    except Exception as error:  # shown, never a crash of the UI
        return SyncStateRead(None, f"{type(error).__name__}: {error}")


def came_in(root: Path, before: str, after: str) -> list[str]:
    """What changed in the portfolio between two commits, line by line (as ``portfolio diff`` says it)."""
    if not before or before == after:
        return []
    try:
        text = diff_text(revision_diff(root, f"{before}..{after}"), load_vocabulary(root))
    except PortfolioError as error:
        return [error.message]
    return text.splitlines()


def sync_outcome(root: Path, progress: Callable[[str], None]) -> Synced | SyncFailed:
    try:
        result = sync(root, progress=lambda _step, message: progress(message))
    except SyncConflict as conflict:
        return SyncFailed(conflict.message, conflict.lines())
    except PortfolioError as error:
        return SyncFailed(error.message, [])
    except Exception as error:
        return SyncFailed(f"{type(error).__name__}: {error}", [])
    lines = came_in(root, result.before, result.head) if result.received else []
    return Synced(result.message(), lines)
