"""What a change did, in words: the changed fields and the commit message that says so."""

from __future__ import annotations

from portfolio.domain.fields import registry
from portfolio.domain.model import Project
from portfolio.i18n import _


def changed_fields(old: Project | None, new: Project) -> list[str]:
    old_data = old.to_data() if old else {}
    new_data = new.to_data()
    return [name for name in registry().names if old_data.get(name) != new_data.get(name)]


def change_message(project_id: str, old: Project, new: Project) -> str:
    """A commit message that says what changed, e.g. ``Status of x: planning -> implementation``."""
    changed = changed_fields(old, new)
    others = [name for name in changed if name != "status"]
    if "status" in changed:
        message = _("Status of {id}: {old} -> {new}").format(id=project_id, old=old.status, new=new.status)
        if others:
            message += _(" (also {fields})").format(fields=", ".join(others))
        return message
    return _("Update {id}: {fields}").format(id=project_id, fields=", ".join(others))


def new_project_message(project_id: str, project: Project) -> str:
    return _("Add project {id}: {title}").format(id=project_id, title=project.title)
