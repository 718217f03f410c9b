"""What a change did, in words: the changed fields and the commit message that says so.

A commit message is read by people (``git log``, the forge, the history views), so it speaks the
chosen language with the vocabulary's labels and the fields' labels: "Status von x: Planung →
Umsetzung", "x aktualisiert: Budget, Meilensteine". The slugs and keys are in the diff.
"""

from __future__ import annotations

from portfolio.domain.fields import field_caption, registry
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _, current_language


def changed_fields(old: ProjectRecord | None, new: ProjectRecord) -> list[str]:
    old_data = old.to_data() if old else {}
    new_data = new.to_data()
    return [name for name in registry().names if old_data.get(name) != new_data.get(name)]


def _captions(names: list[str]) -> str:
    return ", ".join(field_caption(name) for name in names)


def change_message(project_id: str, old: ProjectRecord, new: ProjectRecord, vocabulary: Vocabulary) -> str:
    """A commit message that says what changed, e.g. ``Status of x: Planning → Implementation``."""
    changed = changed_fields(old, new)
    others = [name for name in changed if name != "status"]
    if "status" in changed:
        # The labels in the language of the sentence, also when none was chosen (English then).
        language = current_language()
        message = _("Status of {id}: {old} → {new}").format(
            id=project_id,
            old=vocabulary.label("status", old.status, language),
            new=vocabulary.label("status", new.status, language),
        )
        if others:
            message += _(" (also {fields})").format(fields=_captions(others))
        return message
    return _("Update {id}: {fields}").format(id=project_id, fields=_captions(others))


def new_project_message(project_id: str, project: ProjectRecord) -> str:
    return _("Add project {id}: {title}").format(id=project_id, title=project.title)
