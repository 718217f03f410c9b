"""Which forge a remote is on (GitHub, GitLab/openCode, Gitea/Forgejo), and what to do there next.

Only the remote's URL is looked at (no network); ``git config portfolio.forge KIND`` or
``--forge KIND`` says it when the host name does not tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from portfolio.git.remote import shown_url
from portfolio.i18n import _
from portfolio.textsafety import find_unsafe

FORGE_KINDS = ("github", "gitlab", "gitea", "other")

_SCP_LIKE = re.compile(r"^(?:[^@/]+@)?(?P<host>[^:/]+):(?P<path>[^/].*)$")


@dataclass(frozen=True)
class Forge:
    kind: str  # one of FORGE_KINDS
    web_url: str | None  # https://host/owner/repo, when the URL tells


def _host_and_path(url: str) -> tuple[str, str] | None:
    match = _SCP_LIKE.match(url)
    if match and "://" not in url:
        return match.group("host"), match.group("path")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme in ("https", "http", "ssh", "git") and parts.hostname:
        return parts.hostname, parts.path.lstrip("/")
    return None


def detect_forge(url: str, kind: str | None = None) -> Forge:
    located = _host_and_path(url)
    web_url = None
    host = ""
    if located:
        host, path = located
        path = path.removesuffix("/").removesuffix(".git")
        if path:
            web_url = f"https://{host}/{path}"
    if kind is None:
        lowered = host.lower()
        if "github" in lowered:
            kind = "github"
        elif "gitlab" in lowered or "opencode" in lowered:
            kind = "gitlab"
        elif any(name in lowered for name in ("gitea", "forgejo", "codeberg")):
            kind = "gitea"
        else:
            kind = "other"
    return Forge(kind, web_url)


def _single_line(text: str) -> str:
    text = " ".join(text.split())
    while (index := find_unsafe(text)) is not None:
        text = text[:index] + text[index + 1 :]
    return text


def push_options(forge: Forge, base: str, title: str) -> tuple[str, ...]:
    """Push options that open the merge request on GitLab (and openCode); none elsewhere."""
    if forge.kind != "gitlab":
        return ()
    return ("merge_request.create", f"merge_request.target={base}", f"merge_request.title={_single_line(title)}")


def next_steps(forge: Forge, remote_url: str, branch: str, base: str) -> list[str]:
    """What to do on the forge after the branch was pushed."""
    where = forge.web_url
    source, target = quote(branch, safe=""), quote(base, safe="")
    if forge.kind == "github" and where:
        return [_("Open the pull request: {url}").format(url=f"{where}/compare/{target}...{source}?expand=1")]
    if forge.kind == "gitlab":
        lines = [
            _(
                "GitLab opened a merge request into {base} from the push options "
                "(-o merge_request.create -o merge_request.target={base}); its link is in the remote's "
                "message above."
            ).format(base=base)
        ]
        if where:
            lines.append(
                _("If not, open it here: {url}").format(
                    url=f"{where}/-/merge_requests/new?merge_request%5Bsource_branch%5D={source}"
                    f"&merge_request%5Btarget_branch%5D={target}"
                )
            )
        return lines
    if forge.kind == "gitea" and where:
        return [_("Open the pull request: {url}").format(url=f"{where}/compare/{target}...{source}")]
    return [
        _("On your forge ({url}), open a pull request (merge request) from branch {branch} into {base}.").format(
            url=shown_url(remote_url), branch=branch, base=base
        )
    ]
