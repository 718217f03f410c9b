"""``portfolio diff``: what changed between two states of the portfolio, in its own terms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio.domain.ids import invalid_id_message, is_valid_id, project_id_of, project_relpath
from portfolio.domain.vocabulary import Vocabulary, load_vocabulary
from portfolio.errors import PortfolioError, UnsafeFile
from portfolio.files.listing import list_project_files, read_file_bytes
from portfolio.git.catfile import read_blobs
from portfolio.git.repository import Repo, open_repo
from portfolio.git.revisions import commit_of, merge_base, project_tree
from portfolio.history.derive import blob_key, register_special
from portfolio.history.entries import entries_json
from portfolio.history.events import field_changes
from portfolio.history.versions import Version, read_version
from portfolio.i18n import _
from portfolio.problems import shown_path


class BadRevision(PortfolioError):
    exit_code = 2


@dataclass(frozen=True)
class PortfolioDiff:
    """Projects added (id -> values), removed, renamed (old -> new), changed (id -> field -> [old, new])
    and invalid in the newer state (id -> reason); files new or changed in the newer state whose name
    is no project id are no projects (``not_project_files``: shown path -> reason). ``old`` and ``new``
    say what was compared."""

    old: str
    new: str
    added: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    renamed: Mapping[str, str] = field(default_factory=dict)
    changed: Mapping[str, Mapping[str, list]] = field(default_factory=dict)
    invalid: Mapping[str, str] = field(default_factory=dict)
    not_project_files: Mapping[str, str] = field(default_factory=dict)
    old_values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, repr=False)
    new_values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def empty(self) -> bool:
        return not (
            self.added or self.removed or self.renamed or self.changed or self.invalid or self.not_project_files
        )

    def to_json(self) -> dict[str, Any]:
        """``entries`` (id -> field -> per-entry changes) only when a list of tables of a changed project changed;
        ``not_project_files`` (shown path -> reason) only when there are any."""
        data = {
            "added": dict(self.added),
            "removed": list(self.removed),
            "renamed": dict(self.renamed),
            "changed": {pid: dict(changes) for pid, changes in self.changed.items()},
            "invalid": dict(self.invalid),
        }
        if self.not_project_files:  # only when there are such files, like ``entries``
            data["not_project_files"] = dict(self.not_project_files)
        entries = {pid: found for pid, changes in self.changed.items() if (found := entries_json(changes))}
        if entries:
            data["entries"] = entries
        return data


def _commit_of(repo: Repo, revision: str) -> str:
    commit = commit_of(repo, revision)
    if commit is None:
        raise BadRevision(_("unknown revision {revision!r}").format(revision=revision))
    return commit


def _merge_base(repo: Repo, one: str, other: str) -> str:
    base = merge_base(repo, one, other)
    if base is None:
        raise BadRevision(_("{one} and {other} have no common ancestor").format(one=one, other=other))
    return base


def _state_at_commit(repo: Repo, commit: str, vocabulary: Vocabulary) -> dict[str, Version]:
    entries = []
    versions: dict[str, Version] = {}
    for entry in project_tree(repo, commit):
        project_id = project_id_of(entry.path)
        if project_id is None or entry.kind not in ("blob", "commit"):
            continue
        key = blob_key(entry.mode, entry.sha)
        register_special(versions, key, entry.mode)
        entries.append((project_id, key))
    read_blobs(repo, [key for _id, key in entries if ":" not in key], vocabulary, versions, read_version)
    return {project_id: versions[key] for project_id, key in entries}


def _state_of_work_tree(root: Path, vocabulary: Vocabulary) -> dict[str, Version]:
    files, _problems = list_project_files(root)
    state = {}
    for project_id, path in files:
        try:
            raw = read_file_bytes(path)
        except FileNotFoundError:
            continue
        except UnsafeFile as error:
            state[project_id] = Version(None, error.message)
            continue
        state[project_id] = read_version(raw, vocabulary)
    return state


def _without_bad_names(old: dict[str, Version], new: dict[str, Version]) -> dict[str, str]:
    """Take the files whose name is no project id out of both states; returns those new or changed in
    ``new`` (shown path -> why they are no project files)."""
    found = {}
    for project_id in sorted(name for name in new if not is_valid_id(name)):
        before, after = old.get(project_id), new[project_id]
        if before is None or (before.values, before.invalid) != (after.values, after.invalid):
            found[shown_path(project_relpath(project_id))] = invalid_id_message(project_id)
    for state in (old, new):
        for project_id in [name for name in state if not is_valid_id(name)]:
            del state[project_id]
    return found


def _compare(old_label: str, new_label: str, old: dict[str, Version], new: dict[str, Version]) -> PortfolioDiff:
    old, new = dict(old), dict(new)
    not_project_files = _without_bad_names(old, new)
    removed = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    renamed: dict[str, str] = {}
    # A rename: a project gone under one id and present under another with the same values.
    by_values = {}
    for project_id in removed:
        if old[project_id].valid:
            by_values.setdefault(repr(old[project_id].values), []).append(project_id)
    for project_id in added:
        candidates = by_values.get(repr(new[project_id].values)) if new[project_id].valid else None
        if candidates:
            renamed[candidates.pop(0)] = project_id
    removed = [pid for pid in removed if pid not in renamed]
    added = [pid for pid in added if pid not in renamed.values()]
    diff_added, changed, invalid = {}, {}, {}
    for project_id in added:
        if new[project_id].valid:
            diff_added[project_id] = new[project_id].values
    for project_id in sorted(set(old) & set(new)):
        before, after = old[project_id], new[project_id]
        if after.valid and before.values != after.values:
            changed[project_id] = field_changes(before.values, after.values)
    for project_id, version in sorted(new.items()):
        if not version.valid:
            invalid[project_id] = version.invalid
    return PortfolioDiff(
        old_label,
        new_label,
        diff_added,
        removed,
        renamed,
        changed,
        invalid,
        not_project_files,
        {pid: v.values for pid, v in old.items() if v.valid},
        {pid: v.values for pid, v in new.items() if v.valid},
    )


def compare_states(old_label: str, new_label: str, old: dict[str, Version], new: dict[str, Version]) -> PortfolioDiff:
    """Compare two states given as id -> Version (for a state built elsewhere, e.g. from an imported sheet)."""
    return _compare(old_label, new_label, old, new)


def revision_diff(root: Path, spec: str | None = None) -> PortfolioDiff:
    """Compare two states: ``None`` HEAD against the work tree; ``REV`` REV against the work tree;
    ``A..B`` A against B; ``A...B`` the merge base of A and B against B (what a pull request changes).
    An empty side of ``..`` or ``...`` means HEAD, as in git."""
    root = Path(root)
    vocabulary = load_vocabulary(root)
    with open_repo(root) as repo:
        if spec is None or spec == "":
            try:
                old_commit = _commit_of(repo, "HEAD")
                old_state = _state_at_commit(repo, old_commit, vocabulary)
            except BadRevision:  # no commit yet: everything in the work tree is new
                old_state = {}
            return _compare("HEAD", _("working tree"), old_state, _state_of_work_tree(root, vocabulary))
        if "..." in spec:
            left, right = spec.split("...", 1)
            left, right = left or "HEAD", right or "HEAD"
            new_commit = _commit_of(repo, right)
            old_commit = _merge_base(repo, _commit_of(repo, left), new_commit)
            return _compare(
                old_commit,
                new_commit,
                _state_at_commit(repo, old_commit, vocabulary),
                _state_at_commit(repo, new_commit, vocabulary),
            )
        if ".." in spec:
            left, right = spec.split("..", 1)
            left, right = left or "HEAD", right or "HEAD"
            old_commit, new_commit = _commit_of(repo, left), _commit_of(repo, right)
            return _compare(
                old_commit,
                new_commit,
                _state_at_commit(repo, old_commit, vocabulary),
                _state_at_commit(repo, new_commit, vocabulary),
            )
        old_commit = _commit_of(repo, spec)
        return _compare(
            old_commit,
            _("working tree"),
            _state_at_commit(repo, old_commit, vocabulary),
            _state_of_work_tree(root, vocabulary),
        )
