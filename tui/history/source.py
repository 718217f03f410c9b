"""The one place where the UI meets the history engine (``portfolio.history``).

Widgets show ``HistoryRow``, ``BlameRow`` and ``FlowPoint`` (tui.history.rows): plain texts made here
from the engine's events, so that no widget knows the engine's shapes. The functions run in the
history process (tui.history.child); the UI's own process never imports the engine.
"""

from __future__ import annotations

from pathlib import Path

from portfolio.domain.fields import field_caption
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.formats import format_datetime
from portfolio.history import Event, FieldBlame, MergeInfo, load_history, status_counts_over_time
from portfolio.history.entries import entry_shape
from portfolio.history.entry_texts import entry_change_lines, entry_text
from portfolio.history.texts import value_text
from portfolio.i18n import _
from tui.history.rows import BlameRow, ChangeDone, DeletedRow, FlowPoint, HistoryRow, RevertFieldRow, RevertPlanRow


def _when(text: str) -> str:
    """The engine's ISO 8601 date as ``portfolio history`` shows it (``07.03.2026 09:00`` in German)."""
    try:
        return format_datetime(text)
    except (TypeError, ValueError):
        return str(text or "")


def _merged(merge: MergeInfo | None) -> str:
    """The subject of the merge (a pull request) that brought the change into this branch."""
    return merge.subject if merge else ""


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_changes(event: Event, vocabulary: Vocabulary) -> str:
    """``Status: Idee -> Planung; Titel: … -> …`` (labels and formats as the CLI's), or what kind of event it was."""
    if event.invalid:
        return _("not valid in this commit: {reason}").format(reason=_short(str(event.invalid), 80))
    changes = event.changes or {}
    if event.kind == "created":
        status = (changes.get("status") or [None, None])[1]
        return _("created") + (f" ({value_text(vocabulary, 'status', status)})" if status else "")
    if event.kind == "deleted":
        return _("deleted")
    parts = []
    for name, (old, new) in changes.items():
        entries = entry_change_lines(vocabulary, name, old, new)
        if entries:  # a milestone, funding line or KPI: one text per entry
            parts.extend(entries)
            continue
        parts.append(
            _("{field}: {old} -> {new}").format(
                field=field_caption(name),
                old=_short(value_text(vocabulary, name, old)),
                new=_short(value_text(vocabulary, name, new)),
            )
        )
    if event.kind == "renamed":
        parts.insert(0, _("renamed from {path}").format(path=event.old_path or "?"))
    elif event.kind == "restored":
        parts.insert(0, _("restored"))
    return "; ".join(parts) or _("no field changed")


def _history_row(event: Event, vocabulary: Vocabulary) -> HistoryRow:
    return HistoryRow(
        _when(event.date),
        event.author,
        describe_changes(event, vocabulary),
        event.subject,
        _merged(event.merged_in),
        event.commit[:10],
        event.commit,
    )


def _blame_rows(blamed: FieldBlame, vocabulary: Vocabulary) -> list[BlameRow]:
    """One row for the field; for a list of tables one row per entry, each with the commit that set it."""
    caption = field_caption(blamed.field)
    shape = entry_shape(blamed.field)
    if blamed.entries and shape:
        return [
            BlameRow(
                caption,
                _short(entry_text(vocabulary, shape, entry.value), 50),
                entry.author,
                _when(entry.date),
                entry.commit[:10],
            )
            for entry in blamed.entries
        ]
    value = _short(value_text(vocabulary, blamed.field, blamed.value), 50)
    return [BlameRow(caption, value, blamed.author, _when(blamed.date), blamed.commit[:10])]


def project_history(root: Path, project_id: str) -> tuple[list[HistoryRow], list[BlameRow]]:
    """The project's events (newest first) and who set each field, from one computation."""
    history = load_history(root)
    vocabulary = load_vocabulary(root)
    events = history.project_events(project_id)
    return (
        [_history_row(event, vocabulary) for event in events],
        [row for blamed in history.blame(project_id) for row in _blame_rows(blamed, vocabulary)],
    )


def status_flow(root: Path, by: str = "month") -> list[FlowPoint]:
    """Status counts at the end of each period, oldest first (for the cumulative-flow chart)."""
    return [FlowPoint(period.label, dict(period.counts)) for period in status_counts_over_time(root, by)]


def deleted_projects(root: Path) -> list[DeletedRow]:
    """The projects the current branch deleted, newest deletion first (for the restore list)."""
    from portfolio.changes.restore import deleted_projects as deleted

    return [DeletedRow(each.id, each.title, _when(each.date), each.commit[:10]) for each in deleted(load_history(root))]


def restore(root: Path, project_id: str) -> ChangeDone:
    """``portfolio restore ID``'s change: the deleted project back from its last valid version."""
    from portfolio.changes.restore import restore_project

    change = restore_project(root, project_id)
    return ChangeDone(project_id, change.commit or "", change.message.partition("\n")[0])


def revert(root: Path, commit: str, project_id: str) -> ChangeDone:
    """``portfolio revert COMMIT ID``'s change (``RevertConflict`` names the later changes in the way)."""
    from portfolio.changes.revert import revert_change

    change = revert_change(root, commit, project_id)
    written = change.written[0].id if change.written else project_id
    return ChangeDone(written, change.commit or "", change.message.partition("\n")[0])


def revert_plan(root: Path, commit: str, project_id: str) -> RevertPlanRow:
    """A refused revert's fields in the way of a later change, each with its value before, set and now."""
    from portfolio.changes.revert import revert_plan as plan_of

    vocabulary = load_vocabulary(root)
    plan = plan_of(root, commit, project_id, vocabulary=vocabulary)
    fields = tuple(
        RevertFieldRow(
            each.field,
            field_caption(each.field),
            value_text(vocabulary, each.field, each.before),
            value_text(vocabulary, each.field, each.reverted),
            value_text(vocabulary, each.field, each.now),
            "; ".join(f"{later.commit[:10]} ({later.subject})" for later in each.later),
        )
        for each in plan.to_decide
    )
    put_back = tuple(field_caption(name) for name in plan.put_back)
    return RevertPlanRow(plan.project_id, plan.commit, plan.subject, fields, put_back)


def revert_with_choices(root: Path, commit: str, project_id: str, choices: dict[str, list[str]]) -> ChangeDone:
    """``portfolio revert COMMIT ID --take FIELD=...``'s change: ``choices`` field -> [side, edited text]."""
    from portfolio.changes.revert import RevertChoice
    from portfolio.changes.revert import revert_with_choices as revert

    decided = {name: RevertChoice(side, text) for name, (side, text) in choices.items()}
    change = revert(root, commit, project_id, decided)
    written = change.written[0].id if change.written else project_id
    return ChangeDone(written, change.commit or "", change.message.partition("\n")[0])
