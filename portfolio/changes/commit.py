"""The one way a person's change reaches the portfolio: validate, write, commit only its own files.

Every kind of change (create, update, import, and the ones to come) is a list of project writes
given to ``write_and_commit``, from the command line, the terminal UI and ``import`` alike:

1. the commit message is not empty; the rules across projects (``domain.rules``) hold with the
   writes applied, or ``InvalidProject`` says which;
2. nothing changed means nothing is written (``Change.written`` is empty);
3. git can commit (identity, no merge/rebase, a branch, no ``index.lock``), checked before
   anything is written;
4. each file is still what it was when it was loaded (``ConcurrentChange``), and, when committing,
   has no uncommitted edits (``UncommittedChanges``): a commit holds what its message says and
   nothing else, and nobody's unfinished edit is swept into it. The same policy for every face;
5. each file is written atomically (``files.store.save_project``), then exactly those paths are
   committed (``git.repository.commit_paths``).

When a later save or the commit fails, every file written so far gets its original bytes back (a
new one is removed) and the index entries of those paths are as before, so the work tree and the
index look as if nothing had been tried.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from portfolio.changes.messages import changed_fields
from portfolio.domain.ids import project_relpath
from portfolio.domain.model import Project
from portfolio.domain.records import StoredProject
from portfolio.domain.rules import rule_breaches
from portfolio.errors import InvalidProject, PortfolioError
from portfolio.files.checker import dependencies_on_disk
from portfolio.files.store import put_back, save_project, unchanged_bytes
from portfolio.git import repository
from portfolio.i18n import _, ngettext
from portfolio.problems import Problem


class EmptyCommitMessage(PortfolioError):
    exit_code = 2


class UncommittedChanges(PortfolioError):
    exit_code = 2


@dataclass(frozen=True)
class ProjectWrite:
    """One project file to write: its new value, and the project as it was loaded (``None``: a new one)."""

    project_id: str
    project: Project
    loaded: StoredProject | None = None

    @property
    def path(self) -> str:
        return self.loaded.path if self.loaded else project_relpath(self.project_id)

    @property
    def changes_something(self) -> bool:
        return self.loaded is None or bool(changed_fields(self.loaded.project, self.project))


@dataclass(frozen=True)
class Change:
    """What a change did: the files it is about, those it wrote (none: nothing to change), its commit."""

    paths: tuple[str, ...]
    written: tuple[StoredProject, ...] = ()
    commit: str | None = None  # None: nothing to change, or written without a commit

    @property
    def changed(self) -> bool:
        return bool(self.written)


def rule_problems(root: Path, projects: Mapping[str, Project]) -> list[Problem]:
    """The breaches of the rules across projects by ``projects``, were they written into the portfolio."""
    on_disk, known = dependencies_on_disk(root)
    graph = on_disk | {project_id: tuple(project.depends_on) for project_id, project in projects.items()}
    return [
        Problem(project_relpath(breach.project_id), None, None, breach.code, breach.message)
        for breach in rule_breaches(graph, known | set(projects), of=projects)
    ]


def _what(writes: Sequence[ProjectWrite]) -> str:
    if len(writes) == 1:
        return writes[0].path
    return ngettext("{count} project file", "{count} project files", len(writes)).format(count=len(writes))


def check_rules(root: Path, writes: Sequence[ProjectWrite]) -> None:
    """Refuse writes that break a rule across projects (``InvalidProject`` with every breach)."""
    problems = rule_problems(root, {write.project_id: write.project for write in writes})
    if problems:
        raise InvalidProject(_("{what} would not be valid; nothing was changed").format(what=_what(writes)), problems)


def _originals(root: Path, writes: Sequence[ProjectWrite]) -> dict[str, bytes | None]:
    """id -> the file's bytes now (``None``: no file); ConcurrentChange for one changed since it was loaded."""
    return {
        write.project_id: unchanged_bytes(
            root, write.project_id, expected_fingerprint=write.loaded.fingerprint if write.loaded else None
        )
        for write in writes
    }


def _refuse_uncommitted(root: Path, writes: Sequence[ProjectWrite]) -> None:
    existing = [write.path for write in writes if write.loaded is not None]
    dirty = repository.uncommitted_paths(root, existing) if existing else []
    if dirty:
        raise UncommittedChanges(
            _("{path} has uncommitted changes; commit or discard them first, then make the change again").format(
                path=", ".join(dirty)
            )
        )


def write_and_commit(
    root: Path,
    writes: Sequence[ProjectWrite],
    message: str,
    *,
    commit: bool = True,
) -> Change:
    """Validate, write and (unless ``commit`` is false) commit ``writes`` as one change; see the module."""
    paths = tuple(write.path for write in writes)
    if commit and not message.strip():
        raise EmptyCommitMessage(_("the commit message is empty; say in a few words what changed"))
    check_rules(root, writes)
    writes = [write for write in writes if write.changes_something]
    if not writes:
        return Change(paths)
    if commit:
        repository.check_can_commit(root)
    originals = _originals(root, writes)
    if commit:
        _refuse_uncommitted(root, writes)
    written: list[StoredProject] = []
    try:
        for write in writes:
            written.append(
                save_project(
                    root,
                    write.project_id,
                    write.project,
                    expected_fingerprint=write.loaded.fingerprint if write.loaded else None,
                )
            )
        sha = repository.commit_paths(root, [stored.path for stored in written], message.strip()) if commit else None
    except BaseException:
        for stored in reversed(written):
            put_back(root, stored.id, originals[stored.id], written_fingerprint=stored.fingerprint)
        raise
    return Change(paths, tuple(written), sha)
