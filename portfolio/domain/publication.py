"""What may be published, and where: the base address of the published files (``--base-url``,
``base_url`` in ``[open_data]``) and the ``[publication]`` settings of ``schema/portfolio.toml``."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from portfolio.i18n import _
from portfolio.textsafety import describe_char, find_unsafe

if TYPE_CHECKING:
    from portfolio.domain.records import StoredProject
    from portfolio.domain.vocabulary import Vocabulary

# The outputs meant for publication, as ``[publication]`` names them: ``report --public``, the files
# of ``export --public`` (csv, xlsx, json) and the open-data catalogue (``export --format dcat``).
PublishedOutput = Literal["report", "csv", "xlsx", "json", "dcat"]


def contact_problem(text: str) -> str | None:
    """Why ``text`` cannot be the feedback contact of a published report, ``None`` when it can."""
    if "://" in text:
        problem = _url_problem(text.split("#", 1)[0].split("?", 1)[0])
    elif find_unsafe(text) is not None or any(char.isspace() for char in text):
        problem = _("it contains a space or a control character")
    else:
        local, at, host = text.partition("@")
        problem = None if at and local and "." in host.strip(".") and "@" not in host else _("it is no e-mail address")
    if problem is None:
        return None
    return _("{contact!r} is neither an e-mail address nor an https address: {problem}").format(
        contact=text, problem=problem
    )


def contact_href(text: str) -> str:
    """The link to a contact checked with :func:`contact_problem`."""
    return text if "://" in text else "mailto:" + text


@dataclasses.dataclass(frozen=True)
class Publication:
    """``[publication]`` of ``schema/portfolio.toml``: what a published output may hold (its rules:
    ``vocabulary_files.Publication``)."""

    # The outputs that may show a project's contact (a person's name or address): none by default.
    contacts: tuple[PublishedOutput, ...] = ()
    # Where readers report a barrier in a published report (its accessibility statement, as BITV 2.0
    # asks for): an e-mail address or an https address of the publisher (a team's mailbox or page).
    accessibility_contact: str | None = None


def published_projects(projects: Iterable[StoredProject], vocabulary: Vocabulary, output: str) -> list[StoredProject]:
    """The projects an output meant for publication may show: the public ones, without their contact
    unless ``[publication] contacts`` names ``output``."""
    chosen = [stored for stored in projects if stored.project.public]
    if output in vocabulary.publication.contacts:
        return chosen
    return [
        dataclasses.replace(stored, project=stored.project.model_copy(update={"contact": None}))
        if stored.project.contact is not None
        else stored
        for stored in chosen
    ]


# A site previewed on this machine (``python -m http.server``) has no certificate; anywhere else
# the catalogue's links must not be readable or changeable on the way.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def _url_problem(text: str) -> str | None:
    unsafe = find_unsafe(text)
    if unsafe is None:
        unsafe = next((index for index, char in enumerate(text) if char.isspace()), None)
    if unsafe is not None:
        return _("it contains {char}").format(char=describe_char(text[unsafe]))
    try:
        from urllib.parse import urlsplit

        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number from 0 to 65535
    except ValueError:
        return _("it is not a valid address")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return _("its scheme is {scheme!r}").format(scheme=parts.scheme)
    if not parts.hostname:
        return _("it names no host")
    if scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        return _("http is only for a local preview (localhost, 127.0.0.1); published files need https")
    if parts.username is not None or parts.password is not None:
        return _("it names a user or password, which would be published")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        return _("it has a query or fragment (?, #), which the file names cannot follow")
    return None


def base_url_problem(text: str) -> str | None:
    """Why ``text`` cannot be the base address of published files, ``None`` when it can."""
    problem = _url_problem(text)
    if problem is None:
        return None
    return _("{url!r} is not a plain https address: {problem}; give one like https://HOST/PATH/").format(
        url=text, problem=problem
    )


def published_base(text: str) -> str:
    """``text`` (already checked with :func:`base_url_problem`) ending in ``/``."""
    return text if text.endswith("/") else text + "/"
