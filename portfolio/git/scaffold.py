"""``portfolio init``: a new portfolio repository, ready for another region."""

from __future__ import annotations

import shutil
from pathlib import Path

import git

from portfolio.domain.ids import PROJECT_GLOB, PROJECTS_DIR, PROJECTS_PREFIX
from portfolio.domain.json_schema import schema_text
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import PortfolioError
from portfolio.git import repository
from portfolio.git.commit_graph import write_commit_graph
from portfolio.git.merge_setup import ATTRIBUTES_FILE, configure_driver, write_attributes
from portfolio.i18n import _
from portfolio.resources import SCHEMA_FILE, SCHEMA_FILES, bundled_dir

TAPLO_CONFIG = f"""\
# Editor support for project files: taplo, and the VS Code extension "Even Better TOML"
# (tamasfe.even-better-toml), complete and validate {PROJECT_GLOB} with the portfolio's schema.
include = ["{PROJECT_GLOB}", "schema/*.toml"]

[[rule]]
include = ["{PROJECT_GLOB}"]

[rule.schema]
path = "./schema/project.schema.json"
enabled = true
"""


LINE_ENDINGS_LINE = f"{PROJECT_GLOB} text eol=lf"
# What a killed save leaves beside a project file (files.listing): never to be committed by `git add -A`.
IGNORED_LINES = f"{PROJECTS_PREFIX}.*.toml.*.tmp\n"


class AlreadyAPortfolio(PortfolioError):
    exit_code = 1


def init_portfolio(path: Path, *, example: bool, commit: bool) -> Path:
    root = path.expanduser().resolve()
    for existing in (root / PROJECTS_DIR, root / "schema"):
        if existing.exists():
            raise AlreadyAPortfolio(
                _("{path} already exists; {root} already holds a portfolio").format(path=existing, root=root)
            )
    root.mkdir(parents=True, exist_ok=True)
    if commit:
        repository.author_identity(git.Git(str(root)))  # refuse before writing anything
    if not (root / ".git").exists():
        default_branch = repository.config_value_in(root, "init.defaultBranch")
        git.Repo.init(root, initial_branch=default_branch or "main").close()

    written: list[str] = []
    schema_dir = root / "schema"
    schema_dir.mkdir()
    for name in SCHEMA_FILES:
        shutil.copyfile(bundled_dir("schema") / name, schema_dir / name)
        written.append(f"schema/{name}")
    (schema_dir / SCHEMA_FILE).write_text(schema_text(load_vocabulary(root)), encoding="utf-8")
    written.append(f"schema/{SCHEMA_FILE}")
    (root / ".taplo.toml").write_text(TAPLO_CONFIG, encoding="utf-8")
    written.append(".taplo.toml")
    write_attributes(root)  # project files merge field by field (portfolio merge-driver)
    with (root / ATTRIBUTES_FILE).open("a", encoding="utf-8") as attributes:  # LF in every checkout, also on Windows
        attributes.write(LINE_ENDINGS_LINE + "\n")
    written.append(ATTRIBUTES_FILE)
    with (root / ".gitignore").open("a", encoding="utf-8") as ignored:
        ignored.write(IGNORED_LINES)
    written.append(".gitignore")
    configure_driver(root)

    projects = root / PROJECTS_DIR
    projects.mkdir()
    examples = sorted(bundled_dir(PROJECTS_DIR).glob("*.toml")) if example else []
    for source in examples:
        shutil.copyfile(source, projects / source.name)
        written.append(PROJECTS_PREFIX + source.name)
    if not examples:
        (projects / ".gitkeep").write_text("", encoding="utf-8")
        written.append(PROJECTS_PREFIX + ".gitkeep")

    if commit:
        repository.commit_paths(root, written, _("Start the Smart Region portfolio"))
        with repository.open_repo(root) as repo:
            write_commit_graph(repo)  # git keeps its changed paths from now on: one project's history is quick
    return root
