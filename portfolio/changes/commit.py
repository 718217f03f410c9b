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
5. under the portfolio's writers' lock (``files.store.writers_lock``), each file is written atomically
   (``files.store.prepare_save`` + ``install``, as ``save_project`` does) or removed
   (``ProjectRemoval``: a deletion; a rename is a removal and a write of the same text in one
   change, which git sees as a rename), then exactly those paths are committed
   (``git.repository.commit_paths``).

When a later save or the commit fails, every file written so far gets its original bytes back (a
new one is removed, a removed one comes back with its mode) and the index entries of those paths
are as before, so the work tree and the index look as if nothing had been tried.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from portfolio.changes.messages import changed_fields
from portfolio.domain.ids import project_relpath
from portfolio.domain.project_record import ProjectRecord
from portfolio.domain.records import StoredProject
from portfolio.domain.rules import adoption_breaches, rule_breaches
from portfolio.errors import InvalidProject, PortfolioError
from portfolio.files.links import links_on_disk
from portfolio.files.store import (
    PreparedSave,
    disk_refused,
    prepare_save,
    put_back,
    remove_project,
    save_project,
    sync_folder,
    sync_prepared,
    unchanged_bytes,
    writers_lock,
)
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
    project: ProjectRecord
    loaded: StoredProject | None = None
    text: str | None = None  # the file's text as it is to be written (a renamed file); None: canonical
    # The file holds this already, uncommitted (``loaded``: as it is on disk), as a change that was
    # written and then interrupted before its commit left it: commit it, write nothing.
    already_written: bool = False

    @property
    def path(self) -> str:
        return self.loaded.path if self.loaded else project_relpath(self.project_id)

    @property
    def changes_something(self) -> bool:
        return self.already_written or self.loaded is None or bool(changed_fields(self.loaded.project, self.project))


@dataclass(frozen=True)
class ProjectRemoval:
    """One project file to remove (a deletion, or the old name of a rename), as it was loaded."""

    loaded: StoredProject

    @property
    def project_id(self) -> str:
        return self.loaded.id

    @property
    def path(self) -> str:
        return self.loaded.path

    changes_something = True


Step = ProjectWrite | ProjectRemoval


@dataclass(frozen=True)
class Change:
    """What a change did: the files it is about, those it wrote (none: nothing to change), its commit."""

    paths: tuple[str, ...]
    written: tuple[StoredProject, ...] = ()
    commit: str | None = None  # None: nothing to change, or written without a commit
    removed: tuple[StoredProject, ...] = ()  # the files it removed, as they were
    message: str = ""  # the commit message (its first line: the subject)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def rule_problems(root: Path, projects: Mapping[str, ProjectRecord], removed: Collection[str] = ()) -> list[Problem]:
    """The breaches of the rules across projects by ``projects``, were they written into the portfolio
    and the projects ``removed`` taken out of it (then the projects that depend on those, or adopted
    them, are checked too)."""
    on_disk = links_on_disk(root)
    gone = set(removed) - set(projects)
    known = (on_disk.known | set(projects)) - gone
    graph = on_disk.depends_on | {project_id: tuple(project.depends_on) for project_id, project in projects.items()}
    graph = {project_id: others for project_id, others in graph.items() if project_id not in gone}
    adopted = on_disk.adopted_from | {project_id: project.adopted_from for project_id, project in projects.items()}
    adopted = {project_id: other for project_id, other in adopted.items() if other and project_id not in gone}
    concerned = set(projects) | {project_id for project_id, others in graph.items() if gone & set(others)}
    concerned |= {project_id for project_id, other in adopted.items() if other in gone}
    breaches = rule_breaches(graph, known, of=concerned)
    # a cycle of adoptions is told to each member; a save is refused when it closes one
    breaches += [breach for breach in adoption_breaches(adopted, known) if breach.project_id in concerned]
    return [Problem(project_relpath(breach.project_id), None, None, breach.code, breach.message) for breach in breaches]


def _what(writes: Sequence[Step]) -> str:
    if len(writes) == 1:
        return writes[0].path
    return ngettext("{count} project file", "{count} project files", len(writes)).format(count=len(writes))


def check_rules(root: Path, writes: Sequence[Step]) -> None:
    """Refuse writes that break a rule across projects (``InvalidProject`` with every breach)."""
    projects = {write.project_id: write.project for write in writes if isinstance(write, ProjectWrite)}
    removed = [write.project_id for write in writes if isinstance(write, ProjectRemoval)]
    problems = rule_problems(root, projects, removed)
    if problems:
        raise InvalidProject(_("{what} would not be valid; nothing was changed").format(what=_what(writes)), problems)


def _originals(root: Path, writes: Sequence[Step]) -> dict[str, bytes | None]:
    """id -> the file's bytes now (``None``: no file); ConcurrentChange for one changed since it was loaded."""
    return {
        write.project_id: unchanged_bytes(
            root, write.project_id, expected_fingerprint=write.loaded.fingerprint if write.loaded else None
        )
        for write in writes
    }


def _refuse_uncommitted(root: Path, writes: Sequence[Step]) -> None:
    existing = [write.path for write in writes if write.loaded is not None and not _already_written(write)]
    dirty = repository.uncommitted_paths(root, existing) if existing else []
    if dirty:
        raise UncommittedChanges(
            _("{path} has uncommitted changes; commit or discard them first, then make the change again").format(
                path=", ".join(dirty)
            )
        )


@dataclass(frozen=True)
class _Done:
    """One file written or removed, as the put-back needs it."""

    project_id: str
    stored: StoredProject | None  # what was written; None: the file was removed
    mode: int | None = None  # the removed file's mode
    wrote: bool = True  # False: the file held it already (nothing to put back)


def _already_written(write: Step) -> bool:
    return isinstance(write, ProjectWrite) and write.already_written


def _prepare(root: Path, writes: Sequence[Step]) -> dict[str, PreparedSave]:
    """id -> the new bytes of each write in a temp file, all made durable at once (a batch of 1,200
    costs one ``sync``, not 1,200 fsyncs)."""
    prepared: dict[str, PreparedSave] = {}
    try:
        for write in writes:
            if isinstance(write, ProjectWrite) and not write.already_written:
                prepared[write.project_id] = prepare_save(
                    root,
                    write.project_id,
                    write.project,
                    expected_fingerprint=write.loaded.fingerprint if write.loaded else None,
                    text=write.text,
                    sync=False,
                )
        sync_prepared(list(prepared.values()))
    except BaseException:
        for each in prepared.values():
            each.discard()
        raise
    return prepared


def _apply(root: Path, write: Step, prepared: Mapping[str, PreparedSave]) -> _Done:
    if isinstance(write, ProjectRemoval):
        mode = remove_project(root, write.project_id, expected_fingerprint=write.loaded.fingerprint)
        return _Done(write.project_id, None, mode)
    if write.already_written:
        return _Done(write.project_id, write.loaded, wrote=False)
    stored = save_project(
        root,
        write.project_id,
        write.project,
        expected_fingerprint=write.loaded.fingerprint if write.loaded else None,
        text=write.text,
        prepared=prepared[write.project_id],
    )
    return _Done(write.project_id, stored)


def write_and_commit(
    root: Path,
    writes: Sequence[Step],
    message: str,
    *,
    commit: bool = True,
) -> Change:
    """Validate, write (or remove) and (unless ``commit`` is false) commit ``writes`` as one change; see the module."""
    paths = tuple(write.path for write in writes)
    if commit and not message.strip():
        raise EmptyCommitMessage(_("the commit message is empty; say in a few words what changed"))
    check_rules(root, writes)
    writes = [write for write in writes if write.changes_something]
    if not writes:
        return Change(paths)
    if commit:
        repository.check_can_commit(root)
    try:
        return _write_and_commit(root, writes, paths, message.strip(), commit=commit)
    except OSError as error:  # a full disk, a read-only file system, while putting back: say so
        raise disk_refused(root, error) from None


def _write_and_commit(
    root: Path, writes: Sequence[Step], paths: tuple[str, ...], message: str, *, commit: bool
) -> Change:
    originals: dict[str, bytes | None] = {}
    prepared: dict[str, PreparedSave] = {}
    done: list[_Done] = []
    try:
        # No other save between our checks and our writes; not held while git runs (its hooks may save).
        with writers_lock(root):
            originals = _originals(root, writes)
            if commit:
                _refuse_uncommitted(root, writes)
            prepared = _prepare(root, writes)
            for write in writes:
                done.append(_apply(root, write, prepared))
            sync_folder(root)
        sha = repository.commit_paths(root, [write.path for write in writes], message) if commit else None
    except BaseException:
        for each in prepared.values():
            each.discard()
        for each in reversed([each for each in done if each.wrote]):
            now = each.stored.fingerprint if each.stored else None
            put_back(
                root, each.project_id, originals[each.project_id], written_fingerprint=now, mode=each.mode, sync=False
            )
        sync_folder(root)
        raise
    written = tuple(each.stored for each in done if each.stored is not None)
    removed = tuple(write.loaded for write in writes if isinstance(write, ProjectRemoval))
    return Change(paths, written, sha, removed, message)
