"""Importing a spreadsheet: validate every row, show what would change, write and commit it in one commit.

``plan_import`` reads and checks everything and writes nothing; ``apply_import`` writes the
changed and new projects and commits exactly those files, through the primitive every change
goes through (``changes.commit``). Projects that are not in the sheet stay as they are: a sheet may hold
a part of the portfolio. Nothing is ever deleted by an import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from portfolio.changes.commit import ProjectWrite, write_and_commit
from portfolio.changes.messages import change_message, new_project_message
from portfolio.domain.ids import invalid_id_message, is_valid_id
from portfolio.domain.parsing import parse_project
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.records import StoredProject
from portfolio.domain.rules import adoption_breaches, rule_breaches
from portfolio.domain.vocabulary import Vocabulary
from portfolio.errors import PortfolioError
from portfolio.files.canonical import canonical_text, same_text
from portfolio.files.checker import dependency_graph, known_ids
from portfolio.files.loading import load_portfolio
from portfolio.files.reading import parse_project_bytes, validation_problems
from portfolio.git.repository import committed_files, uncommitted_paths
from portfolio.history.revdiff import PortfolioDiff, compare_states
from portfolio.history.versions import Version, project_values
from portfolio.i18n import _, ngettext
from portfolio.outputs.sheet_header import columns_that_may_be_missing, header_problems
from portfolio.outputs.spreadsheet import (
    COLUMNS,
    ID_COLUMN,
    RowReader,
    Sheet,
    column_letter,
    read_sheet,
)
from portfolio.problems import Problem, sorted_unique


@dataclass
class ImportPlan:
    """What an import would do: ``diff`` against the work tree, the projects to write, or ``problems``."""

    sheet: str
    vocabulary: Vocabulary  # the portfolio's, for the labels of the commit message
    diff: PortfolioDiff | None = None
    problems: list[Problem] = field(default_factory=list)
    projects: dict[str, ProjectRecord] = field(default_factory=dict)  # id -> new value, only those that change
    current: dict[str, StoredProject] = field(default_factory=dict)  # id -> as loaded, for those that exist
    # id -> as on disk, for the rows an interrupted import wrote and did not commit: committed, not written
    pending: dict[str, StoredProject] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def empty(self) -> bool:
        return self.ok and (self.diff is None or self.diff.empty)


@dataclass(frozen=True)
class _RowProblem:
    """Makes problems that name the row and column as the spreadsheet shows them."""

    sheet: str
    names: dict[int, str]  # column index -> column name

    def __call__(
        self, row_number: int, column: int | None, code: str, message: str, *, names_the_field: bool = False
    ) -> Problem:
        """``names_the_field``: the message names the field already ("Budget (budget_eur): …")."""
        where = _("row {row}").format(row=row_number)
        if column is not None and names_the_field:
            where = _("row {row}, column {column}").format(row=row_number, column=column_letter(column))
        elif column is not None:
            where = _("row {row}, column {column} ({name})").format(
                row=row_number, column=column_letter(column), name=self.names.get(column, "?")
            )
        return Problem(self.sheet, row_number, None if column is None else column + 1, code, f"{where}: {message}")


def _row_project(
    row_number: int,
    cells: dict[str, Any],
    columns: dict[str, int],
    reader: RowReader,
    sheet_name: str,
    row_problem: _RowProblem,
    problems: list[Problem],
) -> ProjectRecord | None:
    """The project one row's cells describe, or None with its problems (each at its row and column)."""
    data = {}
    failed = False
    for name in COLUMNS[1:]:
        try:
            value = reader.value(name, cells.get(name))
        except PortfolioError as error:  # a table that is not a TOML array, say
            problems.append(
                row_problem(row_number, columns.get(name), "bad-value", error.message, names_the_field=True)
            )
            failed = True
            continue
        if value is not None:
            data[name] = value
    if failed:
        return None
    try:
        return parse_project(data, reader.vocabulary)
    except ValidationError as error:
        for problem in validation_problems(error, sheet_name, None):
            name = _field_of(problem)
            message = problem.message
            if problem.code == "missing-key":
                message = _("{name} is required; the cell is empty").format(name=name)
            problems.append(row_problem(row_number, columns.get(name), problem.code, message))
        return None


def _read_rows(
    sheet: Sheet, columns: dict[str, int], vocabulary: Vocabulary, problems: list[Problem]
) -> dict[str, tuple[int, ProjectRecord]]:
    """id -> (row number, project) for every valid row; the problems of the others."""
    reader = RowReader(vocabulary, sheet.language)
    _row_problems = _RowProblem(sheet.name, {index: name for name, index in columns.items()})
    by_id: dict[str, tuple[int, ProjectRecord]] = {}
    seen: dict[str, int] = {}
    width = len(sheet.rows[0])
    for row_number, row in enumerate(sheet.rows[1:], start=2):
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row):
            continue  # an empty row: spreadsheets keep them at the end
        if len(row) > width and any(cell not in (None, "") for cell in row[width:]):
            problems.append(_row_problems(row_number, None, "extra-cells", _("has values right of the last column")))
        cells = {name: (row[index] if index < len(row) else None) for name, index in columns.items()}
        project_id = "" if cells[ID_COLUMN] is None else str(cells[ID_COLUMN]).strip()
        id_column = columns[ID_COLUMN]
        if not project_id:
            problems.append(_row_problems(row_number, id_column, "missing-id", _("the id is empty")))
            continue
        if not is_valid_id(project_id):
            problems.append(
                _row_problems(
                    row_number,
                    id_column,
                    "bad-id",
                    invalid_id_message(project_id),
                )
            )
            continue
        folded = project_id.casefold()
        if folded in seen:
            problems.append(
                _row_problems(
                    row_number,
                    id_column,
                    "duplicate-id",
                    _("the id {id!r} is also in row {other}").format(id=project_id, other=seen[folded]),
                )
            )
            continue
        seen[folded] = row_number
        project = _row_project(row_number, cells, columns, reader, sheet.name, _row_problems, problems)
        if project is not None:
            by_id[project_id] = (row_number, project)
    return by_id


def _keep_absent_columns(
    rows: dict[str, tuple[int, ProjectRecord]], columns: dict[str, int], on_disk: dict[str, StoredProject]
) -> None:
    """A column the sheet lacks (it is older than the field) leaves that field of an existing project as it
    is: an old sheet must not make an internal project public. A new project gets the field's default."""
    absent = columns_that_may_be_missing() - set(columns)
    for project_id, (row_number, project) in rows.items():
        stored = on_disk.get(project_id)
        if absent and stored is not None:
            kept = {name: getattr(stored.project, name) for name in absent}
            rows[project_id] = (row_number, project.model_copy(update=kept))


def _field_of(problem: Problem) -> str:
    """The key a validation message is about (``status: unknown status ...`` -> ``status``)."""
    pattern = r"'([a-z_]+)'" if problem.code == "missing-key" else r"^([a-z_]+)"
    match = re.search(pattern, problem.message)
    return match.group(1) if match else ""


def _rule_problems(portfolio, rows: dict, columns: dict[str, int], row_problem: _RowProblem) -> list:
    """The rules across projects (``domain.rules``) the sheet's rows break, each at its row and column."""
    problems = []
    graph = dependency_graph(portfolio) | {pid: tuple(project.depends_on) for pid, (_row, project) in rows.items()}
    for breach in rule_breaches(graph, known_ids(portfolio) | set(rows), of=rows):
        problems.append(row_problem(rows[breach.project_id][0], columns["depends_on"], breach.code, breach.message))
    adopted = {pid: stored.project.adopted_from for pid, stored in portfolio.projects.items()}
    adopted = {pid: other for pid, other in adopted.items() if other} | {
        pid: project.adopted_from for pid, (_row, project) in rows.items() if project.adopted_from
    }
    for breach in adoption_breaches(adopted, known_ids(portfolio) | set(rows)):
        if breach.project_id in rows:
            problems.append(
                row_problem(rows[breach.project_id][0], columns["adopted_from"], breach.code, breach.message)
            )
    return problems


def plan_import(root: Path, vocabulary: Vocabulary, path: Path) -> ImportPlan:
    """Read and check ``path`` against the portfolio at ``root``; writes nothing."""
    sheet = read_sheet(path)
    plan = ImportPlan(sheet.name, vocabulary)
    columns, plan.problems = header_problems(sheet)
    if plan.problems:
        return plan
    rows = _read_rows(sheet, columns, vocabulary, plan.problems)
    _row_problems = _RowProblem(sheet.name, {index: name for name, index in columns.items()})
    portfolio = load_portfolio(root, vocabulary)
    broken = {Path(relpath).stem: relpath for relpath in portfolio.broken}
    existing = {pid.casefold(): pid for pid in portfolio.projects}
    for project_id, (row_number, _project) in rows.items():
        if project_id in broken:
            plan.problems.append(
                _row_problems(
                    row_number,
                    columns[ID_COLUMN],
                    "broken-file",
                    _("{path} is not a valid project file; fix it first ('portfolio check' says what is wrong)").format(
                        path=broken[project_id]
                    ),
                )
            )
        other = existing.get(project_id.casefold())
        if other is not None and other != project_id:
            plan.problems.append(
                _row_problems(
                    row_number,
                    columns[ID_COLUMN],
                    "id-case-collision",
                    _("{id!r} differs from the existing project {other!r} only in case").format(
                        id=project_id, other=other
                    ),
                )
            )
    _keep_absent_columns(rows, columns, portfolio.projects)
    plan.problems.extend(_rule_problems(portfolio, rows, columns, _row_problems))
    plan.problems = sorted_unique(plan.problems)
    if plan.problems:
        return plan
    _plan_changes(root, vocabulary, plan, portfolio.projects, {pid: project for pid, (_row, project) in rows.items()})
    return plan


def _plan_changes(
    root: Path,
    vocabulary: Vocabulary,
    plan: ImportPlan,
    on_disk: dict[str, StoredProject],
    rows: dict[str, ProjectRecord],
) -> None:
    """The projects the sheet changes (against the work tree, or the last commit for pending ones) and the diff."""
    old = {pid: Version(project_values(stored.project)) for pid, stored in on_disk.items()}
    _find_pending(root, vocabulary, plan, on_disk, rows)
    for project_id in plan.pending:  # what the sheet changes is what it changes against the last commit
        old.pop(project_id)
        if project_id in plan.current:
            old[project_id] = Version(project_values(plan.current[project_id].project))
    new = dict(old)
    for project_id, project in rows.items():
        new[project_id] = Version(project_values(project))
        if old.get(project_id) != new[project_id]:
            plan.projects[project_id] = project
            if project_id in on_disk and project_id not in plan.pending:
                plan.current[project_id] = on_disk[project_id]
    for project_id in [pid for pid in plan.pending if pid not in plan.projects]:  # as committed: nothing to do
        del plan.pending[project_id]
        plan.current.pop(project_id, None)
    plan.diff = compare_states(_("working tree"), plan.sheet, old, new)


def _find_pending(
    root: Path,
    vocabulary: Vocabulary,
    plan: ImportPlan,
    on_disk: dict[str, StoredProject],
    rows: dict[str, ProjectRecord],
) -> None:
    """The rows whose file holds exactly what the import writes but is not committed (an import killed
    between its writes and its commit): ``plan.pending``, and in ``plan.current`` their last commit."""
    same = {
        pid: on_disk[pid]
        for pid, project in rows.items()
        if pid in on_disk and same_text(on_disk[pid].text, canonical_text(project))
    }
    dirty = set(uncommitted_paths(root, [stored.path for stored in same.values()])) if same else set()
    plan.pending = {pid: stored for pid, stored in same.items() if stored.path in dirty}
    committed = committed_files(root, [stored.path for stored in plan.pending.values()])
    for project_id, stored in plan.pending.items():
        raw = committed[stored.path]
        before = None if raw is None else parse_project_bytes(raw, stored.path, vocabulary).project
        if before is not None:
            plan.current[project_id] = StoredProject(project_id, stored.path, before, "", "")


def commit_message(plan: ImportPlan) -> str:
    """One line when one project changes (as ``portfolio set`` would say it), else a summary and a line each."""
    lines = []
    for project_id, project in plan.projects.items():
        current = plan.current.get(project_id)
        lines.append(
            change_message(project_id, current.project, project, plan.vocabulary)
            if current
            else new_project_message(project_id, project)
        )
    if len(lines) == 1:
        return lines[0]
    changed = len(plan.current)
    added = len(plan.projects) - changed
    summary = _("Import {sheet}: {changed}, {added}").format(
        sheet=plan.sheet,
        changed=ngettext("{count} project changed", "{count} projects changed", changed).format(count=changed),
        added=ngettext("{count} new project", "{count} new projects", added).format(count=added),
    )
    return summary + "\n\n" + "\n".join(f"- {line}" for line in lines)


def apply_import(root: Path, plan: ImportPlan) -> str:
    """Write the plan's projects and commit exactly those files in one commit; returns the commit sha.

    Through the same primitive as every other change (``changes.commit.write_and_commit``): a file
    with uncommitted edits is refused, and when a file changed on disk since the plan was made, or
    the commit fails, the files written so far are put back and nothing is committed.
    """
    if not plan.ok or not plan.projects:
        raise PortfolioError(_("nothing to import"))
    writes = [
        ProjectWrite(project_id, project, plan.pending[project_id], already_written=True)
        if project_id in plan.pending
        else ProjectWrite(project_id, project, plan.current.get(project_id))
        for project_id, project in plan.projects.items()
    ]
    change = write_and_commit(root, writes, commit_message(plan))
    if change.commit is None:
        raise PortfolioError(_("nothing to import"))
    return change.commit
