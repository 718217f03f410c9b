"""Where in a project an error is, in words: the key path as a file has it (``milestones[1].due``),
or the field's label for someone who typed the value (``Meilenstein 2, Fällig (milestones.due)``)."""

from __future__ import annotations

from portfolio.domain.fields import registry
from portfolio.i18n import _


def loc_text(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or _("file")


def field_words(loc: tuple) -> str:
    """Where an error is, for someone who types values rather than TOML: the field's label in the UI
    language with its key in parentheses ("Budget (budget_eur)", "Meilenstein 2, Fällig (milestones.due)")."""
    project_field = registry().get(str(loc[0])) if loc else None
    if project_field is None:
        return loc_text(loc)
    if len(loc) == 1:
        return f"{project_field.caption} ({project_field.name})"
    shape = project_field.entry
    if shape is not None and isinstance(loc[1], int):
        part = shape.part(str(loc[2])) if len(loc) > 2 else None
        if part is None:
            return f"{shape.caption} {loc[1] + 1} ({loc_text(loc)})"
        return f"{shape.caption} {loc[1] + 1}, {part.caption} ({project_field.name}.{part.name})"
    return f"{project_field.caption} ({loc_text(loc)})"
