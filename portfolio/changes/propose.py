"""``portfolio propose``: the current change of one project as a pull/merge request.

Which project (the one with an uncommitted change, or the one named), whether it is valid (its
file, and the rules across projects, as every other change), and what the commit message says;
the git side (branch, commit, push, the forge's next steps) is ``portfolio.git.propose``.
"""

from __future__ import annotations

from pathlib import Path

from portfolio.changes.commit import rule_problems
from portfolio.changes.messages import change_message, new_project_message
from portfolio.domain.ids import is_valid_id, project_relpath
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import InvalidProject, PortfolioError
from portfolio.files.loading import load_project
from portfolio.files.reading import parse_project_bytes
from portfolio.git.propose import Proposal, changed_project_files, commit_and_push, committed_bytes
from portfolio.i18n import _


def _choose_project(changed: dict[str, str], project_id: str | None) -> str:
    if project_id is not None:
        if project_id not in changed:
            raise PortfolioError(
                _("{path} has no uncommitted change to propose").format(path=project_relpath(project_id))
            )
        return project_id
    if not changed:
        raise PortfolioError(
            _(
                "nothing to propose: no project file in projects/ has an uncommitted change; "
                "edit one first (or create one with 'portfolio new ID ... --no-commit')"
            )
        )
    if len(changed) > 1:
        raise PortfolioError(
            _("several projects have uncommitted changes ({ids}); propose one at a time: portfolio propose ID").format(
                ids=", ".join(sorted(changed))
            )
        )
    return next(iter(changed))


def _validate(root: Path, project_id: str, status: str) -> None:
    if "D" in status:
        return
    if not is_valid_id(project_id):
        raise PortfolioError(
            _("{path}: {id!r} is not a valid project id; rename the file").format(
                path=project_relpath(project_id), id=project_id
            )
        )
    stored = load_project(root, project_id)  # raises InvalidProject with every problem
    problems = rule_problems(root, {project_id: stored.project})
    if problems:
        raise InvalidProject(_("{what} would not be valid; nothing was changed").format(what=stored.path), problems)


def _message(root: Path, project_id: str, status: str) -> str:
    vocabulary = load_vocabulary(root)
    path = project_relpath(project_id)
    if "D" in status:
        return _("Remove project {id}").format(id=project_id)
    new = load_project(root, project_id, vocabulary)
    old_raw = committed_bytes(root, path)
    if old_raw is None:
        return new_project_message(project_id, new.project)
    old = parse_project_bytes(old_raw, path, vocabulary).project
    if old is None:
        return _("Update {id}").format(id=project_id)
    return change_message(project_id, old, new.project, vocabulary)


def propose(
    root: Path,
    project_id: str | None = None,
    *,
    branch: str | None = None,
    remote: str | None = None,
    message: str | None = None,
    forge_kind: str | None = None,
    allow_prompt: bool = False,
) -> Proposal:
    """Commit the change of one project on a new branch, push it, and say what to do next."""
    changed = changed_project_files(root)
    chosen = _choose_project(changed, project_id)
    try:
        _validate(root, chosen, changed[chosen])
    except InvalidProject as error:
        raise InvalidProject(
            _("{path} is not valid; fix it first, nothing was proposed").format(path=project_relpath(chosen)),
            error.problems,
        ) from None
    text = message or _message(root, chosen, changed[chosen])
    return commit_and_push(
        root, chosen, text, branch=branch, remote=remote, forge_kind=forge_kind, allow_prompt=allow_prompt
    )
