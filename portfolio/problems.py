"""Problems found in a portfolio, and how they are reported (text, JSON, GitHub annotations, GitLab Code Quality)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from portfolio.i18n import _, ngettext
from portfolio.textsafety import escape_control, json_text

Severity = Literal["error", "warning"]

# A file name that is not UTF-8 reaches Python with its bad bytes as lone surrogates
# (surrogateescape: byte 0xff is U+DCFF); no output can encode them, so they are shown as ``\xff``.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def shown_path(path: str) -> str:
    """A path as every output can write it: bytes that were not UTF-8 as ``\\xNN``, controls escaped."""
    return escape_control(_LONE_SURROGATE.sub(_escape_surrogate, path))


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``path:line:column: severity[code]: message``. Line/column are 1-based or None."""

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    severity: Severity = "error"

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.severity != "error", self.code, self.message)

    def as_error(self) -> Problem:
        return Problem(self.path, self.line, self.column, self.code, self.message, "error")

    def to_json(self) -> dict:
        data = asdict(self)
        del data["severity"]
        data["path"] = shown_path(self.path)
        return data

    def to_text(self) -> str:
        where = shown_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity}[{self.code}]: {escape_control(self.message)}"


def sorted_unique(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted by file and position, each reported once."""
    return sorted(set(problems), key=lambda problem: problem.sort_key)


def _escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file in a pull request."""
    properties = [f"file={_escape_github_property(shown_path(problem.path))}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_github_property(problem.code)}")
    return f"::{problem.severity} {','.join(properties)}::{_escape_github_data(escape_control(problem.message, keep_newlines=True))}"


def format_gitlab(problems: list[Problem]) -> str:
    """A GitLab Code Quality report: a JSON array, one issue per problem.

    The fingerprint identifies a problem across pipelines (so GitLab can tell new from fixed ones):
    it leaves out the line, which moves with every edit above it, and counts repeats instead.
    """
    import hashlib  # SHA-256 fingerprints, as CI systems compare them from run to run; only here

    issues = []
    seen: dict[tuple[str, str, str], int] = {}
    for problem in problems:
        identity = (problem.path, problem.code, problem.message)
        seen[identity] = seen.get(identity, 0) + 1
        # surrogatepass: a file name that is not UTF-8 (lone surrogates) still has one fixed fingerprint
        key = "\0".join([*identity, str(seen[identity])]).encode("utf-8", "surrogatepass")
        fingerprint = hashlib.sha256(key).hexdigest()
        issues.append(
            {
                "description": escape_control(problem.message),
                "check_name": problem.code,
                "fingerprint": fingerprint,
                "severity": "major" if problem.severity == "error" else "minor",
                "location": {"path": shown_path(problem.path), "lines": {"begin": problem.line or 1}},
            }
        )
    return json_text(issues, indent=2)


def format_report(problems: list[Problem], checked: int, output_format: str) -> str:
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if output_format == "json":
        return json_text(
            {"checked": checked, "errors": [p.to_json() for p in errors], "warnings": [p.to_json() for p in warnings]},
            indent=2,
        )
    if output_format == "github":
        return "\n".join(format_github(p) for p in problems)
    if output_format == "gitlab":
        return format_gitlab(problems)
    return "\n".join(p.to_text() for p in problems)


def summary_line(problems: list[Problem], checked: int) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    files = ngettext("{checked} project file checked", "{checked} project files checked", checked).format(
        checked=checked
    )
    if not problems:
        return _("{files}, no problems").format(files=files)
    return _("{files}: {errors}, {warnings}").format(
        files=files,
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
