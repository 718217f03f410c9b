"""HEAD's commit read from git's own files, without loading GitPython (~50 ms, most of a warm command).

For the plain layout only: a ``.git`` folder in the work tree's top level, refs in files (no
reftable), no shallow clone, HEAD either a commit (detached) or ``ref: refs/...`` naming a branch
whose commit is in its loose ref file or in ``packed-refs`` (a loose file wins, as in git).
GitPython reads HEAD the same way (``SymbolicReference``). Anything else (``GIT_DIR`` and friends
in the environment, a linked work tree, a ref naming a ref, an unborn branch, a SHA-256
repository) is no glance: the caller asks GitPython (portfolio.git.revisions.head_commit).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_COMMIT = re.compile(rb"[0-9a-f]{40}")
_REF_NAME = re.compile(r"refs/[A-Za-z0-9._/-]+")
_ENVIRONMENT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE")


def _read(path: Path, limit: int = 4096) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read(limit)
    except OSError:
        return None


def _packed(git_dir: Path, name: str) -> bytes | None:
    raw = _read(git_dir / "packed-refs", 64 << 20)
    if raw is None:
        return None
    wanted = b" " + name.encode("ascii") + b"\n"
    for line in raw.splitlines(keepends=True):
        if line.endswith(wanted) and _COMMIT.fullmatch(line[:40]):
            return line[:40]
    return None


def glance_head(root: Path) -> tuple[str, Path] | None:
    """(HEAD's commit, the git directory) of the work tree at ``root``, or None when a glance cannot tell."""
    if any(os.environ.get(name) for name in _ENVIRONMENT):
        return None
    git_dir = Path(root) / ".git"
    if not git_dir.is_dir() or (git_dir / "shallow").exists() or (git_dir / "reftable").exists():
        return None
    head = _read(git_dir / "HEAD")
    if head is None:
        return None
    head = head.strip()
    if _COMMIT.fullmatch(head):
        return head.decode("ascii"), git_dir
    if not head.startswith(b"ref: "):
        return None
    name = head[len(b"ref: ") :].decode("ascii", "replace")
    if not _REF_NAME.fullmatch(name) or ".." in name or "//" in name:
        return None
    loose = _read(git_dir / name)
    commit = loose.strip() if loose is not None else _packed(git_dir, name)
    if commit is None or not _COMMIT.fullmatch(commit):
        return None
    return commit.decode("ascii"), git_dir
