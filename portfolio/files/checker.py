"""The checker: every rule of a single file plus the rules across files, all problems collected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.domain.records import Portfolio
from portfolio.domain.rules import adoption_breaches, rule_breaches
from portfolio.domain.vocabulary import Vocabulary
from portfolio.files.loading import listed_portfolio
from portfolio.files.parallel_check import CheckedFiles, check_files, checked
from portfolio.files.schema_file import schema_file_problems
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


def known_ids(portfolio: Portfolio) -> set[str]:
    """The id of every project file: the valid ones and the broken ones (they exist; their own error is reported)."""
    return set(portfolio.projects) | {Path(path).stem for path in portfolio.broken}


def dependency_graph(portfolio: Portfolio) -> dict[str, tuple[str, ...]]:
    """Each valid project's ``depends_on``."""
    return {project_id: tuple(stored.project.depends_on) for project_id, stored in portfolio.projects.items()}


def rule_problems(portfolio: Portfolio) -> list[Problem]:
    """The rules across projects (``domain.rules``), each breach at its line and column."""
    return _rule_problems(checked(portfolio), known_ids(portfolio))


def _rule_problems(files: CheckedFiles, known: set[str]) -> list[Problem]:
    problems = []
    graph = {project_id: project.depends_on for project_id, project in files.projects.items()}
    for breach in rule_breaches(graph, known):
        project = files.projects[breach.project_id]
        position = scan(project.text).find(breach.key) if breach.key else None
        problems.append(
            Problem(project.path, position and position.line, position and position.column, breach.code, breach.message)
        )
    return problems


def adoption_problems(files: CheckedFiles, known: set[str]) -> list[Problem]:
    """``adopted_from`` names an existing other project and forms no cycle, at the line and column of its value."""
    adopted_from = {
        project_id: project.adopted_from for project_id, project in files.projects.items() if project.adopted_from
    }
    problems = []
    for breach in adoption_breaches(adopted_from, known):
        project = files.projects[breach.project_id]
        position = scan(project.text).find(breach.key)
        problems.append(
            Problem(project.path, position and position.line, position and position.column, breach.code, breach.message)
        )
    return problems


def check_portfolio(root: Path, vocabulary: Vocabulary | None = None, *, strict: bool = False) -> CheckResult:
    """All problems of the portfolio at ``root`` (its files, the rules across them, a stale schema
    file): sorted, deduplicated; ``strict`` makes warnings errors."""
    portfolio, files = listed_portfolio(root, vocabulary)
    result = check_files(portfolio, files, lint=True)
    known = set(result.projects) | {
        Path(problem.path).stem for problem in result.problems if problem.severity == "error"
    }
    problems = result.problems + _rule_problems(result, known) + schema_file_problems(root, portfolio.vocabulary)
    problems += adoption_problems(result, known)
    if strict:
        problems = [problem.as_error() for problem in problems]
    return CheckResult(sorted_unique(problems), result.files_checked)
