"""Computing the history of a portfolio: cache first, then only what is new.

1. The cache (if any) is used as it is when it was made at the current HEAD.
2. If HEAD continues the cached first-parent line, only the new commits are read
   (``git log HEAD ^<cached tip>``) and added: a new commit costs its own delta.
3. Otherwise (first run, rebase, reset, another branch) everything is derived again in one
   ``git log`` pass; versions already parsed are reused (they are content-addressed).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import git

from ..errors import GitError
from ..gitops import open_repo
from ..i18n import _
from ..vocabulary import Vocabulary, load_vocabulary
from .blobs import BlobReader
from .cache import cache_path, fingerprint, load_cache, save_cache
from .derive import Deriver, HistoryState, blob_key, register_special
from .gitlog import LoggedCommit, project_id_of, read_log
from .versions import Version

Progress = Callable[[int, int], None]


def head_commit(repo: git.Repo) -> str | None:
    """The sha of HEAD's commit; None in a repository without commits."""
    try:  # read from the ref files (no git process): this is on the path of every warm call
        sha = git.SymbolicReference.dereference_recursive(repo, "HEAD")
        if sha and len(sha) == 40:
            return sha
    except (ValueError, OSError, TypeError, IndexError):
        pass  # unborn branch, or a ref storage GitPython does not read: ask git
    try:
        return repo.git.rev_parse("--verify", "--quiet", "--end-of-options", "HEAD^{commit}").strip() or None
    except git.GitCommandError:
        return None


def _is_ancestor(repo: git.Repo, older: str, newer: str) -> bool:
    try:
        repo.git.merge_base("--is-ancestor", "--end-of-options", older, newer)
        return True
    except git.GitCommandError:
        return False


def _count(repo: git.Repo, revisions: list[str]) -> int:
    try:
        return int(repo.git.rev_list("--count", "--end-of-options", *revisions).strip() or 0)
    except (git.GitCommandError, ValueError):
        return 0


class _Reporter:
    """Calls ``progress(done, total)`` about 200 times over a pass, and once at the end."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.step = max(1, total // 200)

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.step == 0:
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _read_commits(repo: git.Repo, revisions: list[str], vocabulary: Vocabulary,
                  versions: dict[str, Version], progress: Progress | None) -> list[LoggedCommit]:
    """One log pass over ``revisions``; every version it mentions is parsed into ``versions``."""
    reporter = _Reporter(progress, _count(repo, revisions) if progress else 0)
    with BlobReader(repo, vocabulary, versions) as reader:
        def on_commit(commit: LoggedCommit) -> None:
            for change in commit.changes:
                if project_id_of(change.path) is None and project_id_of(change.old_path) is None:
                    continue
                for mode, sha in ((change.old_mode, change.old_blob), (change.new_mode, change.new_blob)):
                    key = blob_key(mode, sha)
                    if key is not None and not register_special(versions, key, mode):
                        reader.request(key)
            reporter.advance()

        try:
            commits = read_log(repo, revisions, on_commit=on_commit)
        except git.GitCommandError as error:
            raise GitError(_("git log failed: {detail}").format(detail=error)) from None
        reader.finish()
    reporter.finish()
    return commits


def _referenced(state: HistoryState) -> set[str]:
    keys: set[str] = set()
    for record in state.events:
        keys.add(record.values_key)
    for entries in state.path_history.values():
        for entry in entries:
            keys.add(entry[1])
            keys.add(entry[2])
    for _first_parent, changed in state.branch_links.values():
        keys.update(changed.values())
    for known in state.invalid_before.values():
        keys.update(known)
        keys.update(known.values())
    keys.update(state.deleted.values())
    keys.discard(None)
    return keys


def _rebuild(repo: git.Repo, head: str, vocabulary: Vocabulary, known: dict[str, Version],
             progress: Progress | None) -> HistoryState:
    state = HistoryState(versions=dict(known))
    commits = _read_commits(repo, [head], vocabulary, state.versions, progress)
    if not Deriver(state).extend(commits, head):
        raise GitError(_("the history of HEAD could not be read completely (is this a shallow clone?)"))
    referenced = _referenced(state)
    state.versions = {key: version for key, version in state.versions.items() if key in referenced}
    return state


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small containers that are all kept.

    The history makes hundreds of thousands of dicts and lists that live on; each collection
    would walk all of them again (measured: loading the cache 5x slower with the collector on).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Move what was built straight to the oldest generation (freeze, then unfreeze), as
            # the young generations would after walking all of it once more; nothing is leaked.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def compute(root: Path, progress: Progress | None = None, *, use_cache: bool = True) -> HistoryState:
    """The history of the branch checked out at ``root`` (cached in its git directory)."""
    with gc_paused():
        return _compute(Path(root), progress, use_cache)


def _compute(root: Path, progress: Progress | None, use_cache: bool) -> HistoryState:
    vocabulary = load_vocabulary(root)
    key = fingerprint(vocabulary)
    with open_repo(root) as repo:
        head = head_commit(repo)
        path = cache_path(repo.git_dir)
        cached = load_cache(path, key) if use_cache else None
        if head is None:
            return HistoryState()
        if cached is not None and cached.tip == head:
            return cached
        state = new_commits = None
        if cached is not None and cached.tip is not None and _is_ancestor(repo, cached.tip, head):
            commits = _read_commits(repo, [head, f"^{cached.tip}"], vocabulary, cached.versions, progress)
            if Deriver(cached).extend(commits, head):
                state, new_commits = cached, commits
        if state is None:
            state = _rebuild(repo, head, vocabulary, cached.versions if cached else {}, progress)
        if use_cache:
            save_cache(path, state, key, new_commits)
        return state
