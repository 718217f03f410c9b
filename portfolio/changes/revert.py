"""Reverting one change: a project's fields back to their values before a commit, as a new commit.

``portfolio revert COMMIT [ID]`` and the history tab of the UI call ``revert_change``. It refuses
(``RevertConflict``, nothing written) when a later commit changed one of the same fields: that
later value would be lost. ``RevertConflict.conflicts`` names each later commit and field.

Then ``revert_plan`` shows each such field with its value before the commit, what the commit set and
its value now, and ``revert_with_choices`` reverts with a decision per field (keep it as it is now,
take the value before, or an edited value), through the same primitive, with a message that says
what was decided: ``portfolio revert COMMIT --take FIELD=now|before|VALUE`` and the UI's revert
choice screen (tui.screens.revert_choice).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio.changes.assignments import assigned, validated, validated_values
from portfolio.changes.commit import Change, ProjectWrite, write_and_commit
from portfolio.domain.fields import field_caption
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import PortfolioError
from portfolio.files.loading import load_project
from portfolio.git.repository import open_repo
from portfolio.git.revisions import commit_of
from portfolio.history import load_history
from portfolio.history.events import DELETED, Event
from portfolio.history.texts import change_lines, value_text
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


class UndecidedRevert(CannotRevert):
    exit_code = 2


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


def _target(root: Path, revision: str, project_id: str | None, history: History | None) -> tuple[str, Event, list]:
    """The commit, the event to revert and the later events of its project; refused for a deleted project."""
    sha = resolve_commit(root, revision)
    history = history or load_history(root)
    event = chosen_event(history, sha, project_id)
    later = later_events(history, event)
    if later and later[-1].kind == DELETED:
        raise CannotRevert(
            _("{id} was deleted in commit {commit}; restore it first").format(id=event.id, commit=later[-1].commit[:12])
        )
    return sha, event, later


def _put_back(data: dict[str, Any], name: str, old: Any) -> None:
    if old is None:
        data.pop(name, None)
    else:
        data[name] = old


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
    sha, event, later = _target(root, revision, project_id, history)
    conflicts = _conflicts(event, later)
    if conflicts:
        _refuse_conflicts(event, conflicts)
    current_id = later[-1].id if later else event.id
    loaded = load_project(root, current_id, vocabulary)
    data = project_values(loaded.project)  # JSON form, as the history's values
    back: dict[str, list] = {}
    for name, (old, new) in event.changes.items():
        back[name] = [new, old]
        _put_back(data, name, old)
    project = validated_values(data, vocabulary, loaded.path)
    text = revert_message(current_id, sha, back, vocabulary) if message is None else message
    return write_and_commit(root, [ProjectWrite(current_id, project, loaded)], text, commit=commit)


# --- a revert a later change is in the way of: decided field by field --------------------------------

NOW, BEFORE, EDITED = "now", "before", "edited"


@dataclass(frozen=True)
class FieldToDecide:
    """A field the reverted commit changed and a later one changed again (values in JSON form, None: unset)."""

    field: str
    before: Any  # before the reverted commit
    reverted: Any  # what the reverted commit set
    now: Any  # in the file now, after the later change(s)
    later: tuple[Conflict, ...]  # the later commits that changed it


@dataclass(frozen=True)
class RevertPlan:
    """What reverting ``commit`` in ``project_id`` (its id now) puts back by itself and what is to be decided."""

    commit: str
    subject: str
    project_id: str
    to_decide: tuple[FieldToDecide, ...]
    put_back: tuple[str, ...]  # the fields no later change touched: back to their value before, no question


@dataclass(frozen=True)
class RevertChoice:
    side: str  # NOW, BEFORE or EDITED
    text: str = ""  # the edited value, as ``portfolio set`` reads it ("": the field left out)


def revert_plan(
    root: Path,
    revision: str,
    project_id: str | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    history: History | None = None,
) -> RevertPlan:
    """The fields of a revert, those in a later change's way with their three values (see ``FieldToDecide``)."""
    vocabulary = vocabulary or load_vocabulary(root)
    sha, event, later = _target(root, revision, project_id, history)
    current = later[-1].id if later else event.id
    now = project_values(load_project(root, current, vocabulary).project)
    conflicts = _conflicts(event, later)
    to_decide = tuple(
        FieldToDecide(name, old, new, now.get(name), tuple(each for each in conflicts if each.field == name))
        for name, (old, new) in event.changes.items()
        if any(each.field == name for each in conflicts)
    )
    decided = {each.field for each in to_decide}
    put_back = tuple(name for name in event.changes if name not in decided)
    return RevertPlan(sha, event.subject, current, to_decide, put_back)


def choice_from_text(text: str) -> RevertChoice:
    """``now``, ``before``, or a value typed as ``portfolio set`` reads it (an edited value)."""
    word = text.strip()
    if word in (NOW, BEFORE):
        return RevertChoice(word)
    return RevertChoice(EDITED, text)


def _decision_line(vocabulary: Vocabulary, decided: FieldToDecide, choice: RevertChoice, value: Any) -> str:
    told = {
        NOW: _("{field}: kept as it is now ({value}); changed later in {commits}"),
        BEFORE: _("{field}: back to the value before ({value}), over the later change in {commits}"),
        EDITED: _("{field}: edited ({value}); changed later in {commits}"),
    }[choice.side]
    return told.format(
        field=field_caption(decided.field),
        value=value_text(vocabulary, decided.field, value),
        commits=", ".join(each.commit[:12] for each in decided.later),
    )


def decided_revert_message(
    plan: RevertPlan,
    back: Mapping[str, list],
    choices: Mapping[str, RevertChoice],
    values: Mapping[str, Any],
    vocabulary: Vocabulary,
) -> str:
    """``Revert: FIELDS of ID (COMMIT)``, a line per field put back (``back``: now, before) and one per
    decided field saying what was chosen (``values``: the project's values as written, JSON form)."""
    changed = list(back) + [each.field for each in plan.to_decide if choices[each.field].side != NOW]
    subject = _("Revert: {fields} of {id} ({commit})").format(
        fields=", ".join(field_caption(name) for name in changed), id=plan.project_id, commit=plan.commit[:12]
    )
    lines = change_lines(vocabulary, back)
    lines += [_decision_line(vocabulary, each, choices[each.field], values.get(each.field)) for each in plan.to_decide]
    return subject + "\n\n" + "\n".join(lines)


def _checked_choices(plan: RevertPlan, choices: Mapping[str, RevertChoice | str]) -> dict[str, RevertChoice]:
    fields = [each.field for each in plan.to_decide]
    unknown = [name for name in choices if name not in fields]
    if unknown:
        raise UndecidedRevert(
            _("{names}: no later change is in the way there (to decide: {fields})").format(
                names=", ".join(unknown), fields=", ".join(fields) or "–"
            )
        )
    undecided = [name for name in fields if name not in choices]
    if undecided:
        raise UndecidedRevert(
            _("not decided: {fields}; choose now, before or a value for each; nothing was changed").format(
                fields=", ".join(undecided)
            )
        )
    checked = {name: choice_from_text(each) if isinstance(each, str) else each for name, each in choices.items()}
    for name, choice in checked.items():
        if choice.side not in (NOW, BEFORE, EDITED):
            raise UndecidedRevert(_("{field}: choose now, before or a value").format(field=name))
    return checked


def revert_with_choices(
    root: Path,
    revision: str,
    project_id: str | None,
    choices: Mapping[str, RevertChoice | str],
    *,
    message: str | None = None,
    commit: bool = True,
    vocabulary: Vocabulary | None = None,
    history: History | None = None,
) -> Change:
    """Revert ``revision`` in a project although later changes touched some of its fields: for each of
    those, ``choices`` says keep it as it is now, take the value before, or an edited value (text as
    ``portfolio set`` reads it, or the ``now``/``before`` words); the other fields go back by themselves."""
    vocabulary = vocabulary or load_vocabulary(root)
    history = history or load_history(root)
    plan = revert_plan(root, revision, project_id, vocabulary=vocabulary, history=history)
    decided = _checked_choices(plan, choices)
    loaded = load_project(root, plan.project_id, vocabulary)
    data = project_values(loaded.project)
    befores = {each.field: each.before for each in plan.to_decide}
    event = chosen_event(history, plan.commit, project_id)
    back: dict[str, list] = {}
    for name in plan.put_back:
        old = event.changes[name][0]
        back[name] = [data.get(name), old]
        _put_back(data, name, old)
    for name, choice in decided.items():
        if choice.side == BEFORE:
            _put_back(data, name, befores[name])
    project = validated_values(data, vocabulary, loaded.path)
    edited = [(name, choice.text) for name, choice in decided.items() if choice.side == EDITED]
    if edited:
        project = validated(assigned(project.to_data(), edited, vocabulary), vocabulary, loaded.path)
    values = project_values(project)
    text = decided_revert_message(plan, back, decided, values, vocabulary) if message is None else message
    return write_and_commit(root, [ProjectWrite(plan.project_id, project, loaded)], text, commit=commit)
