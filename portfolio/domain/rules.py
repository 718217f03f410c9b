"""The rules across projects, each once, with its code and its message.

The rules of a single file (types, vocabulary, dates in order, ...) are the model's
(``portfolio.domain.model``). The rules here need to know the other projects: they are pure
functions over ids and ``depends_on`` lists, with no file reading (the caller passes the ids it
knows). ``portfolio check`` (``files.checker``), the change functions (``changes.commit``: the form,
``new``, ``set``) and ``import`` all apply them, so that each refuses the same thing with the same
words.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from portfolio.domain.ids import project_relpath
from portfolio.i18n import N_, _


@dataclass(frozen=True)
class Rule:
    """A rule: its code (as ``check`` reports it) and its message (translated when it is broken)."""

    code: str
    message: str


@dataclass(frozen=True)
class Breach:
    """One project breaking one rule; ``key`` is where in its file (``("depends_on", 2)``), if known."""

    project_id: str
    code: str
    message: str
    key: tuple[str | int, ...] | None = None


UNKNOWN_DEPENDENCY = Rule("unknown-dependency", N_("depends_on[{index}]: no project {other!r} ({path} does not exist)"))
SELF_DEPENDENCY = Rule("self-dependency", N_("depends_on[{index}]: a project cannot depend on itself"))
DEPENDENCY_CYCLE = Rule("dependency-cycle", N_("depends_on forms a cycle: {cycle}"))

UNKNOWN_ADOPTION = Rule("unknown-adoption", N_("adopted_from: no project {other!r} ({path} does not exist)"))
SELF_ADOPTION = Rule("self-adoption", N_("adopted_from: a project cannot be adopted from itself"))
ADOPTION_CYCLE = Rule("adoption-cycle", N_("adopted_from forms a cycle: {cycle}"))

RULES: tuple[Rule, ...] = (
    UNKNOWN_DEPENDENCY,
    SELF_DEPENDENCY,
    DEPENDENCY_CYCLE,
    UNKNOWN_ADOPTION,
    SELF_ADOPTION,
    ADOPTION_CYCLE,
)


def _breach(rule: Rule, project_id: str, key: tuple[str | int, ...] | None = None, **values: object) -> Breach:
    return Breach(project_id, rule.code, _(rule.message).format(**values), key)


def dependency_breaches(project_id: str, depends_on: Sequence[str], known_ids: Collection[str]) -> list[Breach]:
    """``depends_on`` names existing projects (``known_ids``: every file, broken or not), never itself."""
    breaches = []
    for index, other in enumerate(depends_on):
        if other == project_id:
            breaches.append(_breach(SELF_DEPENDENCY, project_id, ("depends_on", index), index=index))
        elif other not in known_ids:
            breaches.append(
                _breach(
                    UNKNOWN_DEPENDENCY,
                    project_id,
                    ("depends_on", index),
                    index=index,
                    other=other,
                    path=project_relpath(other),
                )
            )
    return breaches


def cycle_breaches(depends_on: Mapping[str, Sequence[str]]) -> list[Breach]:
    """``depends_on`` forms no cycle: each member of each cycle is told the whole cycle."""
    graph = {
        project_id: {other for other in others if other in depends_on and other != project_id}
        for project_id, others in depends_on.items()
    }
    breaches = []
    while True:
        try:
            tuple(TopologicalSorter(graph).static_order())
            return breaches
        except CycleError as error:
            cycle = error.args[1]  # [a, b, ..., a]
            shown = " -> ".join(reversed(cycle))  # read "->" as "depends on"
            breaches.extend(_breach(DEPENDENCY_CYCLE, member, cycle=shown) for member in sorted(set(cycle)))
            graph[cycle[1]].discard(cycle[0])  # break this cycle and look for the next one


def rule_breaches(
    depends_on: Mapping[str, Sequence[str]], known_ids: Collection[str], *, of: Collection[str] | None = None
) -> list[Breach]:
    """Every breach of every rule in a portfolio, or only those of the projects ``of``.

    ``depends_on``: each valid project's ``depends_on``; ``known_ids``: every project file's id,
    also of files that do not load (they exist; their own errors are reported elsewhere).
    """
    chosen = depends_on.keys() if of is None else [project_id for project_id in of if project_id in depends_on]
    breaches = [
        breach for project_id in chosen for breach in dependency_breaches(project_id, depends_on[project_id], known_ids)
    ]
    breaches.extend(breach for breach in cycle_breaches(depends_on) if of is None or breach.project_id in of)
    return breaches


def adoption_breaches(adopted_from: Mapping[str, str], known_ids: Collection[str]) -> list[Breach]:
    """Each ``adopted_from`` names an existing other project, and following them never comes back.

    ``adopted_from``: each valid project that has one -> the id it names; ``known_ids`` as for
    ``rule_breaches``. Each member of a cycle is told the whole cycle, at its ``adopted_from``.
    """
    key = ("adopted_from",)
    breaches = []
    for project_id, other in adopted_from.items():
        if other == project_id:
            breaches.append(_breach(SELF_ADOPTION, project_id, key))
        elif other not in known_ids:
            breaches.append(_breach(UNKNOWN_ADOPTION, project_id, key, other=other, path=project_relpath(other)))
    in_cycle: set[str] = set()
    for start in sorted(adopted_from):
        path = [start]
        while (following := adopted_from.get(path[-1])) is not None and following != path[-1]:
            if following in path:
                cycle = path[path.index(following) :]
                if not in_cycle.intersection(cycle):
                    shown = " -> ".join([*cycle, following])  # read "->" as "is adopted from"
                    breaches.extend(_breach(ADOPTION_CYCLE, member, key, cycle=shown) for member in sorted(cycle))
                    in_cycle.update(cycle)
                break
            path.append(following)
    return breaches
