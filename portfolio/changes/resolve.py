"""Deciding a conflict of sync, field by field: mine, theirs, both (lists) or an edited value.

``conflicts_to_decide`` finds each project and field both sides changed differently (after a fetch,
or in a merge or rebase git left in progress), with the base, my and their value. ``decide`` builds
the merged project files with the decisions, validates them (model and rules across projects),
commits them as the merge of both sides with a message that says what was decided, pushes, and
only then moves the branch. Until then nothing changed: giving up is simply not calling ``decide``.
Used by ``portfolio resolve``, ``portfolio sync`` on a terminal, and the UI's conflict screen.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio.changes.assignments import BadAssignment, part_from_text, validated, value_from_text
from portfolio.changes.commit import rule_problems
from portfolio.domain.fields import LIST_KINDS, field_caption, registry
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import InvalidProject, PortfolioError
from portfolio.files.canonical import canonical_text
from portfolio.git.merge import file_data, merged_order, table_key
from portfolio.git.resolution import Divergence, NothingToResolve, commit_decision, find_divergence, publish_decision
from portfolio.history.texts import value_text
from portfolio.i18n import N_, _, ngettext
from portfolio.textsafety import escape_control

__all__ = ["NothingToResolve", "Conflict", "Decision", "Decisions", "conflicts_to_decide", "decide"]

SIDES = ("mine", "theirs", "both", "edited")
SIDE_LABELS = {"mine": N_("mine"), "theirs": N_("theirs"), "both": N_("both"), "edited": N_("edited")}


class UndecidedConflict(PortfolioError):
    exit_code = 2


@dataclass(frozen=True)
class Conflict:
    """One value both sides changed: ``key`` is how a person names it, e.g. ``radweg.status``."""

    project_id: str
    field: str
    where: str  # status, milestones["Planung"].due
    kind: str
    item: str | None
    subfield: str | None
    base: Any
    mine: Any
    theirs: Any

    @property
    def key(self) -> str:
        return f"{self.project_id}.{self.where}"

    @property
    def is_list(self) -> bool:
        return self.item is None and registry()[self.field].kind in LIST_KINDS

    @property
    def whole_entry(self) -> bool:
        """An entry of a list of tables removed on one side: mine or theirs, nothing in between."""
        return self.item is not None and self.subfield is None

    def sides(self) -> tuple[str, ...]:
        if self.whole_entry:
            return ("mine", "theirs")
        return SIDES if self.is_list else ("mine", "theirs", "edited")

    def caption(self) -> str:
        text = field_caption(self.field)
        if self.item is not None:
            text += f" „{self.item}“"
        if self.subfield is not None:
            text += f" · {self.subfield}"
        return text

    def shown(self, vocabulary: Vocabulary, value: Any) -> str:
        if self.item is None:
            text = value_text(vocabulary, self.field, value)
            if isinstance(value, str) and text == json.dumps(value, ensure_ascii=False):
                return escape_control(value)  # a text as written, not in quotes
            return text
        if value is None:
            return "–"
        return str(value) if self.subfield is not None else ", ".join(f"{k} = {v}" for k, v in value.items())


@dataclass(frozen=True)
class Decision:
    side: str  # one of SIDES
    value: Any = None  # the edited value (typed)


Decisions = Mapping[str, Decision]  # Conflict.key -> its decision


@dataclass(frozen=True)
class ToDecide:
    divergence: Divergence
    conflicts: tuple[Conflict, ...]

    @property
    def unresolvable(self) -> tuple[str, ...]:
        return self.divergence.unresolvable


@dataclass(frozen=True)
class Decided:
    commit: str
    message: str
    pushed: bool


def _base_value(base: dict | None, field: str, item: str | None, subfield: str | None) -> Any:
    if base is None:
        return None
    if item is None:
        return base[field]
    key = table_key(field)
    table = next((table for table in base[field] if table[key] == item), None)
    return table if subfield is None or table is None else table.get(subfield)


def conflicts_to_decide(root: Path, remote: str | None = None, *, fetch: bool = True) -> ToDecide:
    """Each project and field to decide (see the module); NothingToResolve when sync needs no decision."""
    divergence = find_divergence(root, remote, fetch=fetch)
    conflicts = []
    for versions in divergence.projects:
        for found in versions.merge.conflicts:
            base = _base_value(versions.base, found.field, found.item, found.subfield)
            conflicts.append(
                Conflict(
                    versions.project_id,
                    found.field,
                    found.where,
                    found.kind,
                    found.item,
                    found.subfield,
                    base,
                    found.ours,
                    found.theirs,
                )
            )
    return ToDecide(divergence, tuple(conflicts))


def decision_from_text(conflict: Conflict, text: str, vocabulary: Vocabulary) -> Decision:
    """``mine``, ``theirs``, ``both`` (lists) or a value typed as ``portfolio set`` reads it."""
    word = text.strip()
    if word in conflict.sides() and word != "edited":
        return Decision(word)
    if word in SIDES:
        raise BadAssignment(
            _("{key}: {side!r} is not a choice here (choose: {choices})").format(
                key=conflict.key, side=word, choices=", ".join(side for side in conflict.sides() if side != "edited")
            )
        )
    if "edited" not in conflict.sides():
        raise BadAssignment(_("{key}: choose mine or theirs for a whole entry").format(key=conflict.key))
    if conflict.subfield is not None:
        return Decision("edited", part_from_text(conflict.field, conflict.subfield, text))
    return Decision("edited", value_from_text(conflict.field, text, vocabulary))


def chosen_value(conflict: Conflict, decision: Decision) -> Any:
    if decision.side == "mine":
        return conflict.mine
    if decision.side == "theirs":
        return conflict.theirs
    if decision.side == "both":
        present = set(conflict.mine or []) | set(conflict.theirs or [])
        return merged_order(list(conflict.mine or []), list(conflict.theirs or []), list(conflict.base or []), present)
    return decision.value


def _decided_data(versions, conflicts: list[Conflict], decisions: Decisions) -> dict[str, Any]:
    data = dict(versions.merge.data)
    by_row: dict[tuple[str, str], list[Conflict]] = {}
    for conflict in conflicts:
        if conflict.item is None:
            data[conflict.field] = chosen_value(conflict, decisions[conflict.key])
        else:
            by_row.setdefault((conflict.field, conflict.item), []).append(conflict)
    for name, rows in versions.merge.rows.items():
        if not any(row.conflicts for row in rows):
            continue
        tables = []
        for row in rows:
            table = row.table
            if table is None:
                table = dict(row.merged) if row.merged is not None else None
                for conflict in by_row.get((name, row.key), []):
                    value = chosen_value(conflict, decisions[conflict.key])
                    if conflict.whole_entry:
                        table = value
                    elif table is not None:
                        table[conflict.subfield] = value
            if table is not None:
                tables.append(table)
        data[name] = tables
    return data


def decided_projects(root: Path, to_decide: ToDecide, decisions: Decisions) -> dict[str, ProjectRecord]:
    """The projects as decided, validated (InvalidProject naming the project and field, otherwise)."""
    undecided = [conflict.key for conflict in to_decide.conflicts if conflict.key not in decisions]
    if undecided:
        raise UndecidedConflict(_("not decided yet: {keys}; nothing was changed").format(keys=", ".join(undecided)))
    vocabulary = load_vocabulary(root)
    projects = {}
    for versions in to_decide.divergence.projects:
        own = [conflict for conflict in to_decide.conflicts if conflict.project_id == versions.project_id]
        data = file_data(_decided_data(versions, own, decisions))
        projects[versions.project_id] = validated(data, vocabulary, versions.path)
    problems = rule_problems(root, projects)
    if problems:
        raise InvalidProject(_("the decided projects would not be valid; nothing was changed"), problems)
    return projects


def decision_message(to_decide: ToDecide, decisions: Decisions, vocabulary: Vocabulary) -> str:
    """E.g. "Merged origin/main into main: 2 conflicts decided" and a line per field and choice."""
    divergence = to_decide.divergence
    count = len(to_decide.conflicts)
    lines = [
        ngettext(
            "Merged {theirs} into {branch}: {count} conflict decided",
            "Merged {theirs} into {branch}: {count} conflicts decided",
            count,
        ).format(theirs=divergence.theirs_name, branch=divergence.branch, count=count),
        "",
    ]
    for conflict in to_decide.conflicts:
        decision = decisions[conflict.key]
        lines.append(
            _("{caption} of {id}: {side} ({value})").format(
                caption=conflict.caption(),
                id=conflict.project_id,
                side=_(SIDE_LABELS[decision.side]),
                value=conflict.shown(vocabulary, chosen_value(conflict, decision)),
            )
        )
    return "\n".join(lines)


def decide(root: Path, to_decide: ToDecide, decisions: Decisions) -> Decided:
    """Commit the decisions as the merge of both sides, push it, move the branch (see the module)."""
    if to_decide.unresolvable:
        raise PortfolioError(
            _("these files cannot be decided field by field; resolve them with git: {files}").format(
                files="; ".join(to_decide.unresolvable)
            )
        )
    projects = decided_projects(root, to_decide, decisions)
    files = {
        versions.path: canonical_text(projects[versions.project_id]).encode("utf-8")
        for versions in to_decide.divergence.projects
    }
    message = decision_message(to_decide, decisions, load_vocabulary(root))
    commit = commit_decision(root, to_decide.divergence, files, message)
    pushed = publish_decision(root, to_decide.divergence, commit)
    return Decided(commit, message, pushed)
