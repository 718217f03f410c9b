import git
import pytest
from factories import minimal_project

from portfolio.changes.commit import EmptyCommitMessage
from portfolio.changes.projects import create_project, update_project
from portfolio.domain.model import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import ConcurrentChange, GitError
from portfolio.files.store import load_project


def project(**overrides):
    return parse_project(minimal_project(**overrides), load_vocabulary())


def test_new_project_is_written_and_committed_alone(portfolio_root):
    (portfolio_root / "unrelated.txt").write_text("mine\n")
    change = create_project(portfolio_root, "buergerdienste", project(), message="Add project buergerdienste")
    repo = git.Repo(portfolio_root)
    head = repo.head.commit
    assert head.hexsha == change.commit
    assert head.message.strip() == "Add project buergerdienste"
    assert list(head.stats.files) == ["projects/buergerdienste.toml"]
    assert head.author.email == "author@example.org"
    assert repo.is_dirty(untracked_files=True)  # unrelated.txt left alone


def test_change_refused_when_file_changed_on_disk(portfolio_root):
    create_project(portfolio_root, "a-project", project(), message="add")
    loaded = load_project(portfolio_root, "a-project")
    (portfolio_root / "projects" / "a-project.toml").write_text(loaded.text.replace("idea", "concept"))
    with pytest.raises(ConcurrentChange):
        update_project(portfolio_root, loaded, project(status="planning"), message="move")
    assert "concept" in (portfolio_root / "projects" / "a-project.toml").read_text()


def test_no_identity_refuses_before_writing(portfolio_root, no_git_identity):
    with pytest.raises(GitError, match="git config --global user.name"):
        create_project(portfolio_root, "a-project", project(), message="add")
    assert not (portfolio_root / "projects" / "a-project.toml").exists()


def test_empty_message_is_refused(portfolio_root):
    with pytest.raises(EmptyCommitMessage):
        create_project(portfolio_root, "a-project", project(), message="  ")
    assert not (portfolio_root / "projects" / "a-project.toml").exists()


def test_dependency_on_a_missing_project_is_refused_before_writing(portfolio_root):
    from portfolio.errors import InvalidProject

    with pytest.raises(InvalidProject) as refused:
        create_project(portfolio_root, "a-project", project(depends_on=["gibt-es-nicht"]), message="add")
    assert "gibt-es-nicht" in refused.value.problems[0].message
    assert not (portfolio_root / "projects" / "a-project.toml").exists()
