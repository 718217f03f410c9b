"""The engine against an independent recomputation on a generated history of hundreds of commits.

The recomputation reads the tree of every commit on its own (``git ls-tree`` per commit, each file
loaded with the ordinary reader) and applies the rules of the event model commit by commit; it
shares no code with the engine but the file reader and the field comparison.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.reading import parse_project_bytes
from portfolio.history import load_history
from portfolio.history.events import field_changes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate_history import generate  # noqa: E402


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


class Recomputation:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.vocabulary = load_vocabulary(root)
        lines = _git(root, "rev-list", "--topo-order", "--parents", "HEAD").split("\n")
        self.parents = {line.split()[0]: line.split()[1:] for line in lines if line}
        self.order = [line.split()[0] for line in lines if line]  # newest first
        self.mainline = _git(root, "rev-list", "--first-parent", "HEAD").split()[::-1]
        self.trees = {sha: self._tree(sha) for sha in self.order}
        self.values = self._read_blobs({blob for tree in self.trees.values() for blob in tree.values()})
        self.renames = {sha: self._renames(sha) for sha in self.order}
        self.merged_in = {}
        for merge in self.mainline:
            if len(self.parents[merge]) > 1:
                for sha in _git(root, "rev-list", f"{merge}^1..{merge}").split():
                    if sha != merge:
                        self.merged_in[sha] = merge

    def _tree(self, sha: str) -> dict[str, str]:
        tree = {}
        for line in _git(self.root, "ls-tree", sha, "--", "projects/").splitlines():
            meta, path = line.split("\t")
            if path.endswith(".toml"):
                tree[path] = meta.split()[2]
        return tree

    def _read_blobs(self, blobs: set[str]) -> dict[str, tuple]:
        result = {}
        for blob in sorted(blobs):
            raw = subprocess.run(
                ["git", "cat-file", "blob", blob], cwd=self.root, check=True, capture_output=True
            ).stdout
            parsed = parse_project_bytes(raw, "x", self.vocabulary)
            result[blob] = (
                parsed.project.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
                if parsed.project
                else None
            )
        return result

    def _renames(self, sha: str) -> dict[str, str]:
        """new path -> old path for the renames of ``sha`` against its first parent."""
        first = self.parents[sha][0] if self.parents[sha] else None
        if first is None:
            return {}
        out = _git(self.root, "diff-tree", "-M", "--name-status", "-r", first, sha, "--", "projects/")
        renames = {}
        for line in out.splitlines():
            parts = line.split("\t")
            if parts[0].startswith("R"):
                renames[parts[2]] = parts[1]
        return renames

    def last_valid(self, path: str, sha: str | None):
        """Values of the last valid version of ``path`` at ``sha`` or before, along first parents."""
        while sha is not None:
            blob = self.trees[sha].get(path)
            if blob is None:
                return None
            if self.values[blob] is not None:
                return self.values[blob]
            path = self.renames[sha].get(path, path)
            parents = self.parents[sha]
            sha = parents[0] if parents else None
        return None

    def last_existing(self, path: str, sha: str):
        """Values of ``path`` in the newest first-parent ancestor that had it (for a restored file)."""
        for ancestor in _git(self.root, "rev-list", "--first-parent", sha).split():
            if path in self.trees[ancestor]:
                return self.last_valid(path, ancestor)
        return None

    def events(self) -> list[dict]:
        expected = []
        for sha in self.order:
            parents = self.parents[sha]
            first = parents[0] if parents else None
            old_tree = self.trees[first] if first else {}
            tree = self.trees[sha]
            renames = self.renames[sha]
            renamed_from = set(renames.values())
            paths = sorted(set(old_tree) | set(tree))
            for path in paths:
                if path in renamed_from:
                    continue
                old_path = renames.get(path)
                blob, old_blob = tree.get(path), old_tree.get(old_path or path)
                if blob == old_blob and old_path is None:
                    continue
                event = self._event(sha, parents, path, old_path, blob, old_blob)
                if event is not None:
                    event.update(commit=sha, path=path, merged_in=self.merged_in.get(sha))
                    expected.append(event)
        return expected

    def _event(self, sha, parents, path, old_path, blob, old_blob):
        first = parents[0] if parents else None
        before = self.last_valid(old_path or path, first) if first else None
        if len(parents) > 1:
            others = [self.trees[parent].get(path) for parent in parents[1:]]
            if blob is None:
                return None if any(other is None for other in others) else self._deleted(before)
            if blob in others:
                return None
            present = [before] if old_blob is not None else []
            present += [self.last_valid(path, parent) for parent, other in zip(parents[1:], others) if other]
            present = [values for values in present if values is not None]
            new = self.values[blob]
            if new is None:
                return {"kind": "changed", "changes": {}, "invalid": True, "old_path": None}
            changes = {
                name: pair
                for name, pair in field_changes(present[0] if present else None, new).items()
                if all(values.get(name) != pair[1] for values in present)
            }
            return {"kind": "changed", "changes": changes, "invalid": False, "old_path": None} if changes else None
        if blob is None:
            return self._deleted(before)
        if old_path is not None:
            kind = "renamed"
        elif old_blob is None:
            existed = first is not None and self.last_existing(path, first) is not None
            kind = "restored" if existed else "created"
            before = self.last_existing(path, first) if existed else None
        else:
            kind = "changed"
        new = self.values[blob]
        if new is None:
            return {"kind": kind, "changes": {}, "invalid": True, "old_path": old_path}
        return {"kind": kind, "changes": field_changes(before, new), "invalid": False, "old_path": old_path}

    def _deleted(self, before):
        return {"kind": "deleted", "changes": field_changes(before, None), "invalid": False, "old_path": None}


def _key(event: dict) -> tuple:
    return (event["commit"], event["path"])


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate(
        tmp_path_factory.mktemp("generated") / "portfolio", projects=25, commits=320, seed=7, merge_every=25
    )


@pytest.fixture(scope="module")
def recomputation(generated) -> Recomputation:
    return Recomputation(generated)


def test_engine_events_equal_an_independent_recomputation(generated, recomputation):
    history = load_history(generated)
    engine = [
        {
            "commit": e.commit,
            "path": e.path,
            "kind": e.kind,
            "changes": dict(e.changes),
            "invalid": e.invalid is not None,
            "old_path": e.old_path,
            "merged_in": e.merged_in.commit if e.merged_in else None,
        }
        for e in history.events
    ]
    expected = recomputation.events()
    assert len(engine) > 300
    assert {e["kind"] for e in expected} == {"created", "changed", "renamed", "deleted", "restored"}
    assert any(e["merged_in"] for e in expected) and any(e["invalid"] for e in expected)
    assert sorted(engine, key=_key) == sorted(expected, key=_key)


def test_engine_order_is_children_before_parents(generated, recomputation):
    ancestors: dict[str, set] = {}
    for sha in reversed(recomputation.order):  # parents first
        ancestors[sha] = set().union(*([{p} | ancestors[p] for p in recomputation.parents[sha]] or [set()]))
    commits = [event.commit for event in load_history(generated).events]
    for index, sha in enumerate(commits):
        assert not ancestors[sha] & set(commits[:index]), f"an ancestor of {sha} is listed before it"


def test_state_of_the_branch_equals_each_first_parent_commit(generated, recomputation):
    history = load_history(generated)
    assert history.state.mainline == recomputation.mainline
    for pos, sha in enumerate(recomputation.mainline):
        expected = {}
        for path in recomputation.trees[sha]:
            values = recomputation.last_valid(path, sha)
            if values is not None:
                expected[Path(path).stem] = values
        assert history.values_at_position(pos) == expected, sha
