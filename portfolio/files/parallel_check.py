"""Reading and validating a large portfolio on every core, for ``portfolio check``.

Validating a file costs ~0.3 ms of one core, so 5,000 files take over a second; the files are
independent, and the rules across files need only each project's links (``depends_on``) and text.
The files are split into one contiguous share per core: this process validates the first share
while forked workers validate the others and send back their problems and, for each valid project,
its path, text and links, which pickle fast (a pydantic model does not: ~0.35 ms a project).
Below ``FILES_PER_WORKER`` files a worker costs more than it saves, and without ``fork`` (Windows,
macOS' default) or beside other threads the check stays in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from portfolio.domain.ids import is_valid_id
from portfolio.domain.records import Portfolio
from portfolio.files.loading import read_listed
from portfolio.files.quick_verdicts import plainly_fine_data
from portfolio.files.reading import parse_project_bytes
from portfolio.problems import Problem

FILES_PER_WORKER = 800  # measured: a fork and its results cost ~40 ms, validating 800 files ~250 ms


@dataclass
class CheckedProject:
    """What the rules across projects read of a valid project."""

    path: str
    text: str
    depends_on: tuple[str, ...]
    adopted_from: str | None = None  # the transfer rule's link (``domain.rules.adoption_breaches``)


@dataclass
class CheckedFiles:
    """A share of the files, checked: every problem and the valid projects."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    projects: dict[str, CheckedProject] = field(default_factory=dict)


def checked(portfolio: Portfolio) -> CheckedFiles:
    projects = {
        project_id: CheckedProject(
            stored.path, stored.text, tuple(stored.project.depends_on), stored.project.adopted_from
        )
        for project_id, stored in portfolio.projects.items()
    }
    return CheckedFiles(portfolio.problems, portfolio.files_checked, projects)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(files: int) -> int:
    """How many processes check ``files`` files: one per core, each with at least FILES_PER_WORKER."""
    # fork copies only the calling thread: in a process with other threads (the UI's workers) a lock
    # another thread held stays locked in the child forever, so such a process checks alone.
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return max(1, min(_cores(), files // FILES_PER_WORKER))


# Set before the workers are forked, so that they inherit it instead of receiving it pickled.
_SHARES: tuple[Portfolio, list[list[tuple[str, Path]]], bool] | None = None


def check_listed(portfolio: Portfolio, files: list[tuple[str, Path]], *, lint: bool) -> CheckedFiles:
    """``files`` checked: what ``load_files`` and then ``checked`` give, the problems ``portfolio``
    holds first. A file with nothing to report (almost every one) gives its links straight from its
    data, without the record that ``load_files`` makes of it (a quarter of the time of a file)."""
    vocabulary = portfolio.vocabulary
    result = CheckedFiles(portfolio.problems, portfolio.files_checked + len(files))
    for project_id, relpath, raw in read_listed(files, result.problems):
        fine = plainly_fine_data(raw, vocabulary) if lint else None
        if fine is not None:
            text, data = fine
            if is_valid_id(project_id):
                links = tuple(data.get("depends_on", ()))
                result.projects[project_id] = CheckedProject(relpath, text, links, data.get("adopted_from"))
            continue
        parsed = parse_project_bytes(raw, relpath, vocabulary, lint=lint)
        result.problems.extend(parsed.problems)
        if parsed.project is not None and is_valid_id(project_id):
            project = parsed.project
            result.projects[project_id] = CheckedProject(
                relpath, parsed.text, tuple(project.depends_on), project.adopted_from
            )
    return result


def _check_share(index: int) -> CheckedFiles:
    template, shares, lint = _SHARES
    return check_listed(Portfolio(template.root, template.vocabulary), shares[index], lint=lint)


def check_files(portfolio: Portfolio, files: list[tuple[str, Path]], *, lint: bool) -> CheckedFiles:
    """``files`` read and validated (over several processes when there are many): their problems,
    with those ``portfolio`` already holds, and their valid projects."""
    workers = worker_count(len(files))
    if workers == 1:
        return check_listed(portfolio, files, lint=lint)
    size = -(-len(files) // workers)
    shares = [files[start : start + size] for start in range(0, len(files), size)]
    global _SHARES
    _SHARES = (portfolio, shares, lint)
    try:
        with multiprocessing.get_context("fork").Pool(len(shares) - 1) as pool:
            others = pool.map_async(_check_share, range(1, len(shares)))
            result = check_listed(portfolio, shares[0], lint=lint)
            for share in others.get():
                result.problems.extend(share.problems)
                result.files_checked += share.files_checked
                result.projects.update(share.projects)
    finally:
        _SHARES = None
    return result
