"""A review summary of a PortfolioDiff in Markdown, for a forge to show on a pull request."""

from __future__ import annotations

import re
from typing import Any

from portfolio.domain.fields import field_caption
from portfolio.domain.ids import project_relpath
from portfolio.domain.vocabulary import Vocabulary
from portfolio.history.entry_texts import entry_change_lines
from portfolio.history.revdiff import PortfolioDiff
from portfolio.i18n import _, ngettext
from portfolio.textsafety import escape_control

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
_ASSIGNMENTS = ("municipalities", "fields_of_action")


def md(text: Any) -> str:
    """User text shown literally: control characters escaped, Markdown syntax neutralised."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape_control(str(text)))


def _code(text: str) -> str:
    return "`" + escape_control(text).replace("`", "'") + "`"


def _labels(vocabulary: Vocabulary, kind: str, slugs: list[str]) -> str:
    return ", ".join(md(vocabulary.label(kind, slug)) for slug in slugs)


def _assignment_line(vocabulary: Vocabulary, name: str, old: list | None, new: list | None) -> str:
    kind = "municipality" if name == "municipalities" else "field"
    old, new = old or [], new or []
    added = [slug for slug in new if slug not in old]
    removed = [slug for slug in old if slug not in new]
    parts = []
    if added:
        parts.append("+ " + _labels(vocabulary, kind, added))
    if removed:
        parts.append("− " + _labels(vocabulary, kind, removed))
    if not parts:
        parts.append(_("order changed"))
    label = _("municipalities") if name == "municipalities" else _("fields of action")
    return f"{label}: {'; '.join(parts)}"


def _other_changes(diff: PortfolioDiff, vocabulary: Vocabulary) -> list[str]:
    """Per changed project, the captions of the fields changed besides status and assignments; below
    them, one line per changed milestone, funding line or KPI."""
    lines = []
    for pid, changes in diff.changed.items():
        names = [name for name in changes if name not in ("status", *_ASSIGNMENTS)]
        if not names:
            continue
        lines.append(f"- {_code(pid)}: {', '.join(md(field_caption(name)) for name in names)}")
        for name in names:
            entries = entry_change_lines(vocabulary, name, *changes[name]) or []
            lines.extend(f"  - {md(text)}" for text in entries)
    return lines


def _section(heading: str, lines: list[str]) -> list[str]:
    """A level-3 section with its list lines, or nothing when there are none."""
    return ["### " + heading, "", *lines, ""] if lines else []


def diff_markdown(diff: PortfolioDiff, vocabulary: Vocabulary) -> str:
    status = lambda slug: md(vocabulary.label("status", slug)) if slug else "–"  # noqa: E731
    counts = _("{added} new, {changed} changed, {renamed} renamed, {removed} removed, {invalid} invalid").format(
        added=len(diff.added),
        changed=len(diff.changed),
        renamed=len(diff.renamed),
        removed=len(diff.removed),
        invalid=len(diff.invalid),
    )
    if diff.not_project_files:
        count = len(diff.not_project_files)
        counts += " " + ngettext(
            "{count} file is not a valid project file.", "{count} files are not valid project files.", count
        ).format(count=count)
    out = ["## " + _("Portfolio changes"), "", counts, ""]
    out += _section(
        _("Invalid project files"),
        [f"- {_code(project_relpath(pid))}: {md(reason)}" for pid, reason in diff.invalid.items()],
    )
    out += _section(
        _("Files that are not valid project files"),
        [f"- {_code(path)}: {md(reason)}" for path, reason in diff.not_project_files.items()],
    )
    out += _section(
        _("New projects"),
        [
            f"- {_code(pid)} {md(values.get('title', ''))} ({status(values.get('status'))}; "
            f"{_labels(vocabulary, 'municipality', values.get('municipalities', []))})"
            for pid, values in diff.added.items()
        ],
    )
    out += _section(
        _("Status moves"),
        [
            f"- {_code(pid)} {md((diff.new_values.get(pid) or {}).get('title', ''))}: "
            f"{status(changes['status'][0])} → {status(changes['status'][1])}"
            for pid, changes in diff.changed.items()
            if "status" in changes
        ],
    )
    out += _section(
        _("Changed assignments"),
        [
            f"- {_code(pid)}: "
            + "; ".join(_assignment_line(vocabulary, name, *changes[name]) for name in _ASSIGNMENTS if name in changes)
            for pid, changes in diff.changed.items()
            if any(name in changes for name in _ASSIGNMENTS)
        ],
    )
    out += _section(_("Other changes"), _other_changes(diff, vocabulary))
    out += _section(_("Renamed"), [f"- {_code(old)} → {_code(new)}" for old, new in diff.renamed.items()])
    out += _section(
        _("Removed projects"),
        [f"- {_code(pid)} {md((diff.old_values.get(pid) or {}).get('title', ''))}" for pid in diff.removed],
    )
    if diff.empty:
        out += [_("No project changes."), ""]
    return "\n".join(out).rstrip() + "\n"
