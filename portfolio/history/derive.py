"""From logged commits and parsed versions to events and the state of the branch.

Commits are processed parents first. Each commit's own changes (against its first parent) become
events attributed to it; a commit that came in through a merge also names that merge
(``merged_in``). A merge commit itself gets an event only for what it made that none of its
parents had (a conflict resolved by hand): the fields whose new value differs from the value in
every parent. The state of the current branch along its first-parent line is kept per file
(``path_history``) for the portfolio-wide views.

Everything here is plain data, so that it can be cached and extended by new commits later; the
events are the finished Event objects the views hand out (the cache stores them as columns), so
that a loaded history has nothing left to assemble.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from portfolio.domain.ids import project_id_of
from portfolio.git.log import LoggedCommit
from portfolio.history.events import (
    CHANGED,
    CREATED,
    DELETED,
    RENAMED,
    RESTORED,
    Event,
    MergeInfo,
    field_changes,
    make_event,
)
from portfolio.history.versions import SUBMODULE_MODE, SYMLINK_MODE, PlainVersion, plain, special_version

# path_history entries: [mainline position, blob key or None (absent), last valid blob key or None]
POS, KEY, VALID = 0, 1, 2


def blob_key(mode: str, sha: str | None) -> str | None:
    """How a version is keyed: its blob sha, or mode:sha for entries that are not regular files."""
    if sha is None:
        return None
    if mode in (SYMLINK_MODE, SUBMODULE_MODE):
        return f"{mode}:{sha}"
    return sha


def register_special(versions: dict, key: str | None, mode: str, *, as_plain: bool = False) -> bool:
    """Record the version of a symlink or submodule entry; True if ``key`` is one (no blob to read).

    ``as_plain``: ``versions`` is a history version table (plain data, see versions.py).
    """
    if key is None or ":" not in key:
        return False
    if key not in versions:
        version = special_version(mode)
        versions[key] = plain(version) if as_plain else version
    return True


@dataclass
class HistoryState:
    """Everything derived from the history up to ``tip`` (plain data, but for the events; see cache.py)."""

    tip: str | None = None
    versions: dict[str, PlainVersion] = field(default_factory=dict)  # blob key -> values, or why invalid
    events: list[Event] = field(default_factory=list)  # parents before children
    mainline: list[str] = field(default_factory=list)  # the first-parent line, oldest first
    mainline_dates: list[str] = field(default_factory=list)  # their commit dates
    branch_links: dict[str, list] = field(default_factory=dict)  # sha -> [first parent, {path: key}]
    path_history: dict[str, list[list]] = field(default_factory=dict)
    invalid_before: dict[str, dict[str, str | None]] = field(default_factory=dict)
    deleted: dict[str, str | None] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    mainline_pos: dict[str, int] = field(default_factory=dict, repr=False)
    # The cache: the commit its full file was written at, and the commits added since (newest first).
    base_tip: str | None = field(default=None, repr=False)
    journal: list[list] = field(default_factory=list, repr=False)

    def index_mainline(self) -> None:
        self.mainline_pos = {sha: pos for pos, sha in enumerate(self.mainline)}

    # -- reading the state -----------------------------------------------------------------
    def values(self, key: str | None) -> dict[str, Any] | None:
        if key is None:
            return None
        version = self.versions[key]
        return version if type(version) is dict else None

    def is_valid(self, key: str | None) -> bool:
        return key is not None and type(self.versions[key]) is dict

    def resolve(self, path: str, key: str | None) -> str | None:
        """The last valid version at or before version ``key`` of ``path``."""
        if key is None:
            return None
        if type(self.versions[key]) is dict:
            return key
        return self.invalid_before.get(path, {}).get(key)

    def key_on_mainline(self, path: str, pos: int) -> list | None:
        """The path_history entry of ``path`` in force at mainline position ``pos``."""
        entries = self.path_history.get(path)
        if not entries:
            return None
        index = bisect.bisect_right(entries, pos, key=lambda entry: entry[POS]) - 1
        return entries[index] if index >= 0 else None

    def _key_at(self, path: str, commit: str | None) -> str | None:
        while commit is not None:
            pos = self.mainline_pos.get(commit)
            if pos is not None:
                entry = self.key_on_mainline(path, pos)
                return entry[KEY] if entry else None
            link = self.branch_links.get(commit)
            if link is None:
                return None
            first_parent, changed = link
            if path in changed:
                return changed[path]
            commit = first_parent
        return None

    def key_at(self, path: str, commit: str) -> str | None:
        """The version of ``path`` in ``commit`` (also under an earlier name of the file)."""
        key = self._key_at(path, commit)
        if key is None:
            for alias in self.aliases.get(path, ()):
                key = self._key_at(alias, commit)
                if key is not None:
                    break
        return key


def _normalised(change) -> tuple[str, str | None, str, str | None, str | None] | None:
    """(status, old path, path, old key, new key) for changes that concern project files."""
    old_key = blob_key(change.old_mode, change.old_blob)
    new_key = blob_key(change.new_mode, change.new_blob)
    if change.status == "R":
        old_is_project = project_id_of(change.old_path) is not None
        new_is_project = project_id_of(change.path) is not None
        if old_is_project and new_is_project:
            return "R", change.old_path, change.path, old_key, new_key
        if new_is_project:
            return "A", None, change.path, None, new_key
        if old_is_project:
            return "D", None, change.old_path, old_key, None
        return None
    if project_id_of(change.path) is None:
        return None
    status = "M" if change.status == "T" else change.status
    return status, None, change.path, old_key, new_key


def project_changes(commit: LoggedCommit) -> list[tuple]:
    return [n for n in (_normalised(change) for change in commit.changes) if n is not None]


class Deriver:
    """Extends a HistoryState by the commits of one ``git log`` pass."""

    def __init__(self, state: HistoryState) -> None:
        self.state = state
        self._by_sha: dict[str, LoggedCommit] = {}
        self._merges: dict[str, MergeInfo] = {}
        self._ids: dict[str, str] = {}

    def extend(self, commits: list[LoggedCommit], head: str | None) -> bool:
        """Add ``commits`` (as git listed them: children first) up to ``head``.

        Returns False when they do not continue the state's first-parent line (history was
        rewritten, or another branch is checked out): then the caller starts from scratch.
        """
        state = self.state
        if head is None or head == state.tip:
            return head == state.tip
        by_sha = self._by_sha = {commit.sha: commit for commit in commits}
        chain = []
        sha: str | None = head
        while sha is not None and sha in by_sha:
            chain.append(by_sha[sha].sha)  # the commit's own string: the events hold the same one
            parents = by_sha[sha].parents
            sha = parents[0] if parents else None
        if sha != state.tip:
            return False
        chain.reverse()
        for sha in chain:
            state.mainline_pos[sha] = len(state.mainline)
            state.mainline.append(sha)
            state.mainline_dates.append(by_sha[sha].commit_date)
        merged_in = self._merged_in(chain, by_sha)
        mainline_pos, branch_links = state.mainline_pos, state.branch_links
        for commit in reversed(commits):
            if commit.changes:
                self._commit(commit, merged_in.get(commit.sha))
            elif commit.sha not in mainline_pos:  # what _commit does for a commit that changed nothing
                branch_links[commit.sha] = [commit.parents[0] if commit.parents else None, {}]
        state.tip = head
        return True

    def _merged_in(self, chain: list[str], by_sha: dict[str, LoggedCommit]) -> dict[str, str]:
        """For each new commit off the first-parent line: the first-parent merge that brought it in."""
        state = self.state
        merged_in: dict[str, str] = {}
        for merge in chain:
            parents = by_sha[merge].parents
            if len(parents) < 2:
                continue
            stack = list(parents[1:])
            while stack:
                sha = stack.pop()
                if sha in merged_in or sha in state.mainline_pos or sha not in by_sha:
                    continue  # already placed, or older than this update (already in the branch)
                merged_in[sha] = merge
                stack.extend(by_sha[sha].parents)
        return merged_in

    def _commit(self, commit: LoggedCommit, merged_in: str | None) -> None:
        state = self.state
        pos = state.mainline_pos.get(commit.sha)
        link: dict[str, str | None] | None = None
        if pos is None:
            link = {}
            state.branch_links[commit.sha] = [commit.parents[0] if commit.parents else None, link]
        changes = project_changes(commit)
        if not changes:
            return
        is_merge = len(commit.parents) > 1
        for status, old_path, path, old_key, new_key in changes:
            after_valid = (self._merge_change if is_merge else self._change)(
                commit, merged_in, status, old_path, path, old_key, new_key
            )
            if pos is not None:
                if old_path is not None:
                    state.path_history.setdefault(old_path, []).append([pos, None, None])
                state.path_history.setdefault(path, []).append([pos, new_key, after_valid])
            else:
                if old_path is not None:
                    link[old_path] = None
                link[path] = new_key

    def _merge_info(self, merged_in: str | None) -> MergeInfo | None:
        if merged_in is None:
            return None
        info = self._merges.get(merged_in)
        if info is None:  # the merge is in this pass: it is on the new part of the first-parent line
            info = self._merges[merged_in] = MergeInfo(merged_in, self._by_sha[merged_in].subject)
        return info

    def _add(self, commit, merged_in, kind, path, old_path, changes, invalid, values_key) -> None:
        project_id = self._ids.get(path)
        if project_id is None:
            project_id = self._ids[path] = project_id_of(path) or path
        self.state.events.append(
            make_event(
                project_id,
                path,
                old_path,
                commit.sha,
                commit.author,
                commit.email,
                commit.author_date,
                commit.subject,
                kind,
                changes,
                invalid,
                self._merge_info(merged_in),
                self.state.values(values_key),
                commit.commit_date,
            )
        )

    def _after(self, path: str, new_key: str | None, before_valid: str | None, *, taken: bool = False) -> str | None:
        """The last valid version after a file became ``new_key``; remembers it for invalid ones.

        ``taken``: the version came from another parent of a merge, which already recorded it.
        """
        state = self.state
        if new_key is None:
            return None
        if state.is_valid(new_key):
            return new_key
        known = state.invalid_before.setdefault(path, {})
        if taken and new_key in known:
            return known[new_key]
        known[new_key] = before_valid
        return before_valid

    def _change(self, commit, merged_in, status, old_path, path, old_key, new_key) -> str | None:
        state = self.state
        if status == "D":
            before = state.resolve(path, old_key)
            state.deleted[path] = before
            self._add(commit, merged_in, DELETED, path, None, field_changes(state.values(before), None), None, before)
            return None
        if status == "A":
            if path in state.deleted:
                kind, before = RESTORED, state.deleted.pop(path)
            else:
                kind, before = CREATED, None
        elif status == "R":
            kind, before = RENAMED, state.resolve(old_path, old_key)
            state.deleted.pop(path, None)
            aliases = state.aliases.setdefault(path, [])
            if old_path not in aliases:
                aliases.append(old_path)
        else:
            kind, before = CHANGED, state.resolve(path, old_key)
        after = self._after(path, new_key, before)
        version = state.versions[new_key]
        if type(version) is not dict:
            self._add(commit, merged_in, kind, path, old_path, {}, version, after)
        else:
            self._add(
                commit, merged_in, kind, path, old_path, field_changes(state.values(before), version), None, after
            )
        return after

    def _merge_change(self, commit, merged_in, status, old_path, path, old_key, new_key) -> str | None:
        """A change of a merge against its first parent: an event only for what no parent had."""
        state = self.state
        first_before = state.resolve(old_path or path, old_key)
        others = [state.key_at(path, parent) for parent in commit.parents[1:]]
        if status == "D":
            if all(key is not None for key in others):  # every parent had it: the merge deleted it
                state.deleted[path] = first_before
                self._add(
                    commit,
                    merged_in,
                    DELETED,
                    path,
                    None,
                    field_changes(state.values(first_before), None),
                    None,
                    first_before,
                )
            return None
        if status == "A" and all(key is None for key in others):
            return self._change(commit, merged_in, status, old_path, path, old_key, new_key)
        if new_key in others:  # taken as it was in another parent: that parent's commits made it
            return self._after(path, new_key, first_before, taken=True)
        after = self._after(path, new_key, first_before)
        version = state.versions[new_key]
        kind = CHANGED
        if status == "R" and all(key is None for key in others):
            kind = RENAMED
            aliases = state.aliases.setdefault(path, [])
            if old_path not in aliases:
                aliases.append(old_path)
        if type(version) is not dict:
            self._add(commit, merged_in, kind, path, old_path if kind == RENAMED else None, {}, version, after)
            return after
        parent_values = [state.values(first_before) if old_key is not None else None]
        parent_values += [state.values(state.resolve(path, key)) for key in others if key is not None]
        present = [values for values in parent_values if values is not None]
        first = present[0] if present else None  # old values: as the first parent that had the file
        changes = {}
        for name, pair in field_changes(first, version).items():
            if all(values.get(name) != pair[1] for values in present):
                changes[name] = pair
        if changes or kind == RENAMED:
            self._add(commit, merged_in, kind, path, old_path if kind == RENAMED else None, changes, None, after)
        return after
