"""Talking to a remote: fetch with object checking, push without ever forcing, clear errors.

Remote names come from the repository's own config (checked before use); URLs are shown without
credentials. git never prompts for a password unless the caller allows it (a UI would hang).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import git

from portfolio.errors import GitError, PortfolioError
from portfolio.i18n import _

# Object checking on for everything we receive (the portfolio is shared with many people).
FSCK_CONFIG = ("fetch.fsckObjects=true", "transfer.fsckObjects=true")


class RemoteUnreachable(GitError):
    """The remote cannot be reached (network, URL, permissions): nothing was changed."""


class RemoteDataRejected(GitError):
    """The remote sent objects that fail git's checks: nothing was changed."""


class NoRemoteBranch(GitError):
    """The remote has no such branch."""


class PushRejected(PortfolioError):
    """The remote refused the push. ``moved``: because it has commits we do not have yet."""

    exit_code = 2

    def __init__(self, message: str, *, moved: bool) -> None:
        super().__init__(message)
        self.moved = moved


@dataclass(frozen=True)
class PushOutcome:
    ref: str
    summary: str  # git's porcelain summary, e.g. "abc..def" or "[new branch]"
    remote_messages: list[str]  # lines the server printed ("remote: ..."), e.g. a link to open a PR


def shown_url(url: str) -> str:
    """A remote URL without user name or password (never print a token)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme and parts.netloc and "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def remote_names(repo: git.Repo) -> list[str]:
    return [remote.name for remote in repo.remotes]


def remote_url(repo: git.Repo, name: str) -> str:
    try:
        return repo.git.config("--get", f"remote.{name}.url").strip()
    except git.GitCommandError:
        return ""


def check_remote(repo: git.Repo, name: str) -> None:
    if name not in remote_names(repo):
        known = ", ".join(remote_names(repo)) or _("none")
        raise GitError(
            _(
                "there is no remote {name!r} in this repository (remotes: {known}); "
                "add one with: git remote add NAME URL"
            ).format(name=name, known=known)
        )


def git_environment(*, allow_prompt: bool) -> dict[str, str]:
    env = {"GIT_EDITOR": "true", "GIT_MERGE_AUTOEDIT": "no"}
    if not allow_prompt:
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_ASKPASS"] = os.environ.get("GIT_ASKPASS", "") or "true"
        env["SSH_ASKPASS"] = os.environ.get("SSH_ASKPASS", "") or "true"
    return env


def _detail(error: git.GitCommandError) -> str:
    text = (error.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    important = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return "; ".join(important or lines[-2:]) or str(error)


def fetch_branch(repo: git.Repo, remote: str, branch: str, *, allow_prompt: bool = False) -> str:
    """Fetch ``branch`` of ``remote`` (objects checked) and return the sha it points to."""
    url = shown_url(remote_url(repo, remote))
    try:
        repo.git(c=list(FSCK_CONFIG)).fetch(
            "--quiet",
            "--no-tags",
            "--end-of-options",
            remote,
            f"refs/heads/{branch}",
            env=git_environment(allow_prompt=allow_prompt),
        )
    except git.GitCommandError as error:
        detail = _detail(error)
        if "couldn't find remote ref" in detail:
            raise NoRemoteBranch(
                _(
                    "the remote {remote!r} ({url}) has no branch {branch!r}; "
                    "publish yours with: git push -u {remote} {branch}"
                ).format(remote=remote, url=url, branch=branch)
            ) from None
        if "fsck" in detail or ("object" in detail and "corrupt" in detail):
            raise RemoteDataRejected(
                _(
                    "the remote {remote!r} ({url}) sent objects that fail git's checks; nothing was changed: {detail}"
                ).format(remote=remote, url=url, detail=detail)
            ) from None
        raise RemoteUnreachable(
            _(
                "cannot fetch from the remote {remote!r} ({url}); nothing was changed. "
                "Check the network and the address (git remote -v). git said: {detail}"
            ).format(remote=remote, url=url, detail=detail)
        ) from None
    return repo.git.rev_parse("--verify", "--end-of-options", "FETCH_HEAD^{commit}").strip()


_PORCELAIN_LINE = re.compile(r"^(?P<flag>[ +\-*=!])\t(?P<refs>[^\t]*)\t(?P<summary>.*)$")


def push(
    repo: git.Repo,
    remote: str,
    source: str,
    branch: str,
    *,
    set_upstream: bool = False,
    push_options: tuple[str, ...] = (),
    allow_prompt: bool = False,
) -> PushOutcome:
    """Push ``source`` (a sha or local ref) to ``refs/heads/<branch>`` on ``remote``; never forces."""
    url = shown_url(remote_url(repo, remote))
    args = ["--porcelain"]
    if set_upstream:
        args.append("--set-upstream")
    for option in push_options:
        args += ["--push-option", option]
    ref = f"refs/heads/{branch}"
    try:
        status, stdout, stderr = repo.git.push(
            *args,
            "--end-of-options",
            remote,
            f"{source}:{ref}",
            env=git_environment(allow_prompt=allow_prompt),
            with_extended_output=True,
        )
    except git.GitCommandError as error:
        output = f"{error.stdout or ''}\n{error.stderr or ''}"
        for line in output.splitlines():
            match = _PORCELAIN_LINE.match(line.strip("'"))
            if match and match.group("flag") == "!":
                summary = match.group("summary")
                if "fetch first" in summary or "non-fast-forward" in summary:
                    raise PushRejected(
                        _(
                            "the remote {remote!r} has new commits on {branch!r} (someone pushed "
                            "meanwhile); nothing was overwritten"
                        ).format(remote=remote, branch=branch),
                        moved=True,
                    ) from None
                raise PushRejected(
                    _("the remote {remote!r} ({url}) refused the push to {branch!r}: {reason}").format(
                        remote=remote, url=url, branch=branch, reason=summary
                    ),
                    moved=False,
                ) from None
        raise RemoteUnreachable(
            _("cannot push to the remote {remote!r} ({url}); nothing was changed there. git said: {detail}").format(
                remote=remote, url=url, detail=_detail(error)
            )
        ) from None
    summary = ""
    for line in stdout.splitlines():
        match = _PORCELAIN_LINE.match(line)
        if match:
            summary = match.group("summary")
    messages = [line.removeprefix("remote:").strip() for line in stderr.splitlines() if line.startswith("remote:")]
    return PushOutcome(ref, summary, [message for message in messages if message])
