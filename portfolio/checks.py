"""The checker: every rule of a single file plus the rules across files, all problems collected."""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from portfolio.domain.records import Portfolio
from portfolio.domain.vocabulary import Vocabulary
from portfolio.files.store import load_portfolio
from portfolio.i18n import _
from portfolio.positions import scan
from portfolio.problems import Problem, sorted_unique


@dataclass
class CheckResult:
    problems: list[Problem]
    files_checked: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def dependency_problems(portfolio: Portfolio) -> list[Problem]:
    """``depends_on`` must name existing projects, not the project itself, and form no cycle."""
    problems = []
    known = set(portfolio.projects)
    # Files that exist but are broken still count as existing: their own error is reported.
    known.update(Path(path).stem for path in portfolio.broken)
    for project_id, stored in portfolio.projects.items():
        for index, other in enumerate(stored.project.depends_on):
            message = None
            if other == project_id:
                message = _("depends_on[{index}]: a project cannot depend on itself").format(index=index)
                code = "self-dependency"
            elif other not in known:
                message = _("depends_on[{index}]: no project {other!r} (projects/{other}.toml does not exist)").format(
                    index=index, other=other
                )
                code = "unknown-dependency"
            if message:
                position = scan(stored.text).find(("depends_on", index))
                problems.append(Problem(stored.path, position and position.line, position and position.column, code, message))
    problems.extend(_cycle_problems(portfolio))
    return problems


def _cycle_problems(portfolio: Portfolio) -> list[Problem]:
    graph = {pid: {d for d in stored.project.depends_on if d in portfolio.projects and d != pid}
             for pid, stored in portfolio.projects.items()}
    problems = []
    while True:
        try:
            tuple(TopologicalSorter(graph).static_order())
            return problems
        except CycleError as error:
            cycle = error.args[1]  # [a, b, ..., a]
            shown = " -> ".join(reversed(cycle))  # read "->" as "depends on"
            for member in sorted(set(cycle)):
                problems.append(Problem(portfolio.projects[member].path, None, None, "dependency-cycle",
                                        _("depends_on forms a cycle: {cycle}").format(cycle=shown)))
            graph[cycle[1]].discard(cycle[0])  # break this cycle and look for the next one


def check_portfolio(root: Path, vocabulary: Vocabulary | None = None, *, strict: bool = False) -> CheckResult:
    """All problems of the portfolio at ``root``: sorted, deduplicated; ``strict`` makes warnings errors."""
    portfolio = load_portfolio(root, vocabulary, lint=True)
    problems = portfolio.problems + dependency_problems(portfolio)
    if strict:
        problems = [problem.as_error() for problem in problems]
    return CheckResult(sorted_unique(problems), portfolio.files_checked)
