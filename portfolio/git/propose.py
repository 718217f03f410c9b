"""The git side of ``portfolio propose``: which project files have a change, and committing one of
them on a new branch named after the project (``project/<id>``) and pushing it (never forcing).

On GitLab (and openCode) the push itself opens the merge request through push options. Afterwards
the work tree is on the new branch, so that further edits to the proposal go to the same request.
The use case itself (which project, is it valid, what the message says) is
``portfolio.changes.propose``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import git

from portfolio.domain.ids import PROJECTS_DIR, SUFFIX, project_relpath
from portfolio.errors import GitError, PortfolioError
from portfolio.git import repository
from portfolio.git.forge import Forge, detect_forge, next_steps, push_options
from portfolio.git.remote import PushOutcome, check_remote, push, remote_names, remote_url
from portfolio.i18n import _

BRANCH_PREFIX = "project/"


@dataclass
class Proposal:
    project_id: str
    branch: str
    base: str
    remote: str
    commit: str
    forge: Forge
    push: PushOutcome
    next_steps: list[str] = field(default_factory=list)


def _changed_projects(repo: git.Repo) -> dict[str, str]:
    """Project ids with uncommitted changes in ``projects/``, with git's status code."""
    output = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", PROJECTS_DIR)
    changed: dict[str, str] = {}
    for code, path in repository.status_entries(output):
        name = path[len(PROJECTS_DIR) + 1 :]
        if path.startswith(PROJECTS_DIR + "/") and "/" not in name and name.endswith(SUFFIX):
            changed[name[: -len(SUFFIX)]] = code
    return changed


def _remote(repo: git.Repo, remote: str | None) -> str:
    if remote:
        check_remote(repo, remote)
        return remote
    if not repo.head.is_detached:
        try:
            configured = repo.git.config("--get", f"branch.{repo.active_branch.name}.remote").strip()
        except git.GitCommandError:
            configured = ""
        if configured and configured != ".":
            return configured
    names = remote_names(repo)
    if "origin" in names:
        return "origin"
    if len(names) == 1:
        return names[0]
    raise GitError(
        _(
            "which remote? This repository has {count} remotes and none is the branch's upstream; "
            "name one with --remote NAME"
        ).format(count=len(names))
        if names
        else _("this repository has no remote to push to; add one with: git remote add origin URL")
    )


def _base_branch(repo: git.Repo, remote: str) -> str:
    if not repo.head.is_detached:
        branch = repo.active_branch.name
        try:
            merge = repo.git.config("--get", f"branch.{branch}.merge").strip()
        except git.GitCommandError:
            merge = ""
        if merge.startswith("refs/heads/") and not branch.startswith(BRANCH_PREFIX):
            return merge[len("refs/heads/") :]
    try:
        head = repo.git.symbolic_ref("--quiet", f"refs/remotes/{remote}/HEAD").strip()
        return head.split("/", 3)[3]
    except (git.GitCommandError, IndexError):
        pass
    return "main"


def _branch_exists(repo: git.Repo, remote: str, name: str) -> bool:
    for ref in (f"refs/heads/{name}", f"refs/remotes/{remote}/{name}"):
        try:
            repo.git.rev_parse("--verify", "--quiet", "--end-of-options", ref)
            return True
        except git.GitCommandError:
            continue
    return False


def _valid_branch_name(repo: git.Repo, name: str) -> str:
    try:
        return repo.git.check_ref_format("--branch", name).strip()
    except git.GitCommandError:
        raise PortfolioError(_("{name!r} is not a valid branch name").format(name=name)) from None


def changed_project_files(root: Path) -> dict[str, str]:
    """The projects whose files have uncommitted changes (id -> git's status code), once git could
    commit here: no merge or rebase in progress, an identity."""
    with repository.open_repo(root) as repo:
        operation = repository.operation_in_progress(repo)
        if operation:
            raise GitError(
                _("a {operation} is in progress in this repository; finish or abort it first").format(
                    operation=operation
                )
            )
        repository.author_identity(repo.git)
        return _changed_projects(repo)


def committed_bytes(root: Path, path: str) -> bytes | None:
    """The file at ``path`` as HEAD has it, ``None`` when HEAD has no such file."""
    with repository.open_repo(root) as repo:
        try:
            return repo.git.show(f"HEAD:{path}", stdout_as_string=False)
        except git.GitCommandError:
            return None


def _remote_default_branch(repo: git.Repo, remote: str) -> str | None:
    try:
        head = repo.git.symbolic_ref("--quiet", "--end-of-options", f"refs/remotes/{remote}/HEAD").strip()
    except git.GitCommandError:
        return None
    return head.removeprefix(f"refs/remotes/{remote}/") or None


def _without_ref_prefix(repo: git.Repo, branch: str) -> str:
    """``branch`` without the prefix git would read as another ref's (``refs/heads/``, ``origin/``...)."""
    remotes = remote_names(repo)
    prefixes = ("heads/", "tags/", "remotes/", *(f"remotes/{name}/" for name in remotes), *(f"{n}/" for n in remotes))
    plain = branch.removeprefix("refs/")
    for prefix in sorted(prefixes, key=len, reverse=True):
        if plain.startswith(prefix):
            return plain[len(prefix) :]
    return plain


def _refuse_shared_branch(repo: git.Repo, remote_name: str, base: str, branch: str) -> None:
    """Refuse a ``--branch`` that is, or is spelled as, the base or the remote's default branch, and any
    spelling of a ref (``refs/...``, ``heads/...``, ``origin/...``, ``HEAD``): git resolves those to other
    refs, so the commit and the push could land on a branch everyone shares. Case is ignored: on
    Windows and macOS ``Main`` and ``main`` are one file in ``.git/refs``."""
    hint = _("leave out --branch (the branch is then project/ID) or name a new branch")
    plain = _without_ref_prefix(repo, branch).casefold()
    if plain == base.casefold():
        raise PortfolioError(
            _(
                "{name!r} is the branch this proposal is for ({base}); a proposal needs a branch of its own: {hint}"
            ).format(name=branch, base=base, hint=hint)
        )
    default = _remote_default_branch(repo, remote_name)
    if default is not None and plain == default.casefold():
        raise PortfolioError(
            _(
                "{name!r} is the default branch of the remote {remote!r}; a proposal needs a branch of its own: {hint}"
            ).format(name=branch, remote=remote_name, hint=hint)
        )
    if plain != branch.casefold() or plain == "head":
        raise PortfolioError(
            _("{name!r} is a ref, not a branch name; give the plain name of a new branch: {hint}").format(
                name=branch, hint=hint
            )
        )


def _branch_name(repo: git.Repo, remote_name: str, base: str, project_id: str, branch: str | None) -> str:
    current = None if repo.head.is_detached else repo.active_branch.name
    default_name = f"{BRANCH_PREFIX}{project_id}"
    if branch is None and current is not None and (current == default_name or current.startswith(default_name + "-")):
        return current  # already on this project's proposal: add to it
    if branch is not None:
        _refuse_shared_branch(repo, remote_name, base, branch)
    name = _valid_branch_name(repo, branch or default_name)
    if branch is not None:  # the expanded name (@{-1} is the branch you were on before) counts too
        _refuse_shared_branch(repo, remote_name, base, name)
    if branch is None:
        suffix = 2
        while _branch_exists(repo, remote_name, name):
            name = f"{default_name}-{suffix}"
            suffix += 1
    elif _branch_exists(repo, remote_name, name) and name != current:
        raise PortfolioError(_("a branch {name!r} already exists; choose another with --branch").format(name=name))
    return name


def commit_and_push(
    root: Path,
    project_id: str,
    message: str,
    *,
    branch: str | None = None,
    remote: str | None = None,
    forge_kind: str | None = None,
    allow_prompt: bool = False,
) -> Proposal:
    """Commit the project's file with ``message`` on its proposal branch, push it, and say what to do next."""
    with repository.open_repo(root) as repo:
        remote_name = _remote(repo, remote)
        base = _base_branch(repo, remote_name)
        current = None if repo.head.is_detached else repo.active_branch.name
        name = _branch_name(repo, remote_name, base, project_id, branch)
        if name != current:
            try:
                repo.git.switch("--quiet", "--create", name)
            except git.GitCommandError as error:
                raise GitError(
                    _("could not create the branch {name!r}: {detail}").format(
                        name=name, detail=(error.stderr or "").strip()
                    )
                ) from None
        url = remote_url(repo, remote_name)
    commit = repository.commit_paths(root, [project_relpath(project_id)], message)
    forge = detect_forge(url, forge_kind or _configured_forge(root))
    with repository.open_repo(root) as repo:
        try:
            outcome = push(
                repo,
                remote_name,
                f"refs/heads/{name}",  # never what git would guess for a short name
                name,
                set_upstream=True,
                push_options=push_options(forge, base, message),
                allow_prompt=allow_prompt,
            )
        except PortfolioError as error:
            error.message = _(
                "{problem}\nYour change is committed on the branch {branch!r} (commit {sha}); when the "
                "remote can be reached, push it with: git push -u {remote} {branch}"
            ).format(problem=error.message, branch=name, sha=commit[:12], remote=remote_name)
            error.args = (error.message,)
            raise
    return Proposal(project_id, name, base, remote_name, commit, forge, outcome, next_steps(forge, url, name, base))


def _configured_forge(root: Path) -> str | None:
    value = repository.config_value_in(root, "portfolio.forge")
    return value or None
