"""Reverting one change: a project's fields back to their values before a commit, as a new commit.

``portfolio revert COMMIT [ID]`` and the history tab of the UI call ``revert_change``. It refuses
(``RevertConflict``, nothing written) when a later commit changed one of the same fields: that
later value would be lost. ``RevertConflict.conflicts`` names each later commit and field, for a
screen that lets a person choose (the hook for the conflict screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.changes.assignments import validated_values
from portfolio.changes.commit import Change, ProjectWrite, write_and_commit
from portfolio.domain.fields import field_caption
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import PortfolioError
from portfolio.files.store import load_project
from portfolio.git.repository import open_repo
from portfolio.git.revisions import commit_of
from portfolio.history import load_history
from portfolio.history.events import DELETED, Event
from portfolio.history.texts import change_lines
from portfolio.history.versions import project_values
from portfolio.history.views import History
from portfolio.i18n import _


class CannotRevert(PortfolioError):
    exit_code = 1


@dataclass(frozen=True)
class Conflict:
    """A later commit that changed a field the reverted commit changed."""

    commit: str
    subject: str
    field: str


class RevertConflict(CannotRevert):
    def __init__(self, message: str, conflicts: list[Conflict]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


def resolve_commit(root: Path, revision: str) -> str:
    with open_repo(root) as repo:
        sha = commit_of(repo, revision)
    if sha is None:
        raise CannotRevert(_("{revision!r} names no commit").format(revision=revision))
    return sha


def chosen_event(history: History, sha: str, project_id: str | None) -> Event:
    """The event of ``sha`` for ``project_id`` (or its only project); refused when there is none or several."""
    events = [event for event in history.events if event.commit == sha]
    ids = sorted({event.id for event in events})
    if not ids:
        raise CannotRevert(_("commit {commit} changed no project on this branch").format(commit=sha[:12]))
    if project_id is None and len(ids) > 1:
        raise CannotRevert(
            _("commit {commit} changed several projects ({ids}); say which one: portfolio revert {commit} ID").format(
                commit=sha[:12], ids=", ".join(ids)
            )
        )
    wanted = project_id or ids[0]
    found = [event for event in events if wanted in (event.id, current_id(history, event))]
    if not found:
        raise CannotRevert(
            _("commit {commit} did not change {id}; it changed {ids}").format(
                commit=sha[:12], id=wanted, ids=", ".join(ids)
            )
        )
    event = found[0]
    hints = {
        "created": _("it created {id}; 'portfolio delete {id}' removes it"),
        "deleted": _("it deleted {id}; 'portfolio restore {id}' brings it back"),
        "restored": _("it restored {id}; 'portfolio delete {id}' removes it"),
    }
    if event.kind in hints:
        hint = hints[event.kind].format(id=current_id(history, event))  # the id to type now
        raise CannotRevert(_("commit {commit} cannot be reverted: {hint}").format(commit=sha[:12], hint=hint))
    if not event.changes:
        raise CannotRevert(_("commit {commit} changed no field of {id}").format(commit=sha[:12], id=wanted))
    return event


def later_events(history: History, event: Event) -> list[Event]:
    """The events of the same project after ``event``, oldest first, following later renames."""
    events = history.state.events
    start = next(index for index, each in enumerate(events) if each is event)
    path, later = event.path, []
    for each in events[start + 1 :]:
        if each.old_path == path and each.path != path:
            path = each.path
            later.append(each)
        elif each.path == path:
            later.append(each)
    return later


def current_id(history: History, event: Event) -> str:
    """The id the project of ``event`` has now (after later renames)."""
    later = later_events(history, event)
    return later[-1].id if later else event.id


def _conflicts(event: Event, later: list[Event]) -> list[Conflict]:
    return [
        Conflict(each.commit, each.subject, name)
        for each in later
        if each.kind != DELETED
        for name in each.changes
        if name in event.changes
    ]


def _refuse_conflicts(event: Event, conflicts: list[Conflict]) -> None:
    told = "; ".join(
        _("{field} in commit {commit} ({subject})").format(
            field=field_caption(each.field), commit=each.commit[:12], subject=each.subject
        )
        for each in conflicts
    )
    raise RevertConflict(
        _("commit {commit} is not reverted: a later change touched the same field: {told}").format(
            commit=event.commit[:12], told=told
        ),
        conflicts,
    )


def revert_message(project_id: str, sha: str, back: dict[str, list], vocabulary: Vocabulary) -> str:
    """``Revert: Status, Budget of ID (commit)`` and a line per field (per entry for milestones, ...)."""
    subject = _("Revert: {fields} of {id} ({commit})").format(
        fields=", ".join(field_caption(name) for name in back), id=project_id, commit=sha[:12]
    )
    return subject + "\n\n" + "\n".join(change_lines(vocabulary, back))


def revert_change(
    root: Path,
    revision: str,
    project_id: str | None = None,
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
    history: History | None = None,
) -> Change:
    """The fields ``revision`` changed in a project back to their values before it, as one new commit."""
    vocabulary = vocabulary or load_vocabulary(root)
    sha = resolve_commit(root, revision)
    history = history or load_history(root)
    event = chosen_event(history, sha, project_id)
    later = later_events(history, event)
    if later and later[-1].kind == DELETED:
        raise CannotRevert(
            _("{id} was deleted in commit {commit}; restore it first").format(id=event.id, commit=later[-1].commit[:12])
        )
    conflicts = _conflicts(event, later)
    if conflicts:
        _refuse_conflicts(event, conflicts)
    current_id = later[-1].id if later else event.id
    loaded = load_project(root, current_id, vocabulary)
    data = project_values(loaded.project)  # JSON form, as the history's values
    back: dict[str, list] = {}
    for name, (old, new) in event.changes.items():
        back[name] = [new, old]
        if old is None:
            data.pop(name, None)
        else:
            data[name] = old
    project = validated_values(data, vocabulary, loaded.path)
    text = revert_message(current_id, sha, back, vocabulary) if message is None else message
    return write_and_commit(root, [ProjectWrite(current_id, project, loaded)], text, commit=commit)
