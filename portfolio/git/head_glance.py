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

# Checked without the re module (nor string, which loads it): it was a tenth of a replayed answer (portfolio.cli.quick_answer).
_HEX = frozenset(b"0123456789abcdef")
_REF_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-")


def _is_commit(text: bytes) -> bool:
    return len(text) == 40 and _HEX.issuperset(text)


def _is_ref_name(name: str) -> bool:
    return len(name) > len("refs/") and name.startswith("refs/") and _REF_CHARACTERS.issuperset(name)


_ENVIRONMENT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE")


def _read(path: str, limit: int = 4096) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read(limit)
    except OSError:
        return None


def _packed(git_dir: str, name: str) -> bytes | None:
    raw = _read(os.path.join(git_dir, "packed-refs"), 64 << 20)
    if raw is None:
        return None
    wanted = b" " + name.encode("ascii") + b"\n"
    for line in raw.splitlines(keepends=True):
        if line.endswith(wanted) and _is_commit(line[:40]):
            return line[:40]
    return None


def glance_head(root: str | os.PathLike[str]) -> tuple[str, str] | None:
    """(HEAD's commit, the git directory) of the work tree at ``root``, or None when a glance cannot tell.

    Paths as text: pathlib is not loaded for it (a replayed answer, portfolio.cli.quick_answer)."""
    if any(os.environ.get(name) for name in _ENVIRONMENT):
        return None
    git_dir = os.path.join(root, ".git")
    if not os.path.isdir(git_dir) or any(
        os.path.exists(os.path.join(git_dir, name)) for name in ("shallow", "reftable")
    ):
        return None
    head = _read(os.path.join(git_dir, "HEAD"))
    if head is None:
        return None
    head = head.strip()
    if _is_commit(head):
        return head.decode("ascii"), git_dir
    if not head.startswith(b"ref: "):
        return None
    name = head[len(b"ref: ") :].decode("ascii", "replace")
    if not _is_ref_name(name) or ".." in name or "//" in name:
        return None
    loose = _read(os.path.join(git_dir, name))
    commit = loose.strip() if loose is not None else _packed(git_dir, name)
    if commit is None or not _is_commit(commit):
        return None
    return commit.decode("ascii"), git_dir
