import git
import pytest
from factories import minimal_project

from portfolio.changes.commit import EmptyCommitMessage
from portfolio.changes.projects import create_project, update_project
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import ConcurrentChange, GitError
from portfolio.files.loading import load_project


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


# --- the primitive: a failed commit puts the files and the index back -----------------------------

ORIGINAL = (
    b'# kept as it was: not canonical, a comment, CRLF\r\ntitle = "Kiosk am Markt"\r\nmodule = 2\r\n'
    b'status = "idea"\r\nmunicipalities = ["rheine"]\r\nfields_of_action = ["wirtschaft"]\r\n'
)


def _repository_state(root):
    """What must be as before: every file's bytes in projects/, HEAD, the index entries, git status."""
    repo = git.Repo(root)
    try:
        files = {path.name: path.read_bytes() for path in sorted((root / "projects").iterdir())}
        return (
            files,
            repo.head.commit.hexsha,
            repo.git.ls_files("--stage"),
            repo.git.diff("--cached", "--name-status"),
            repo.git.status("--porcelain", "--untracked-files=all"),
        )
    finally:
        repo.close()


@pytest.fixture
def two_writes(portfolio_root):
    """A committed, non-canonical project to change and a new one to add, plus an unrelated staged file."""
    from portfolio.changes.commit import ProjectWrite
    from portfolio.git import repository

    (portfolio_root / "projects" / "kiosk.toml").write_bytes(ORIGINAL)
    repository.commit_paths(portfolio_root, ["projects/kiosk.toml"], "Add kiosk")
    (portfolio_root / "staged.txt").write_text("staged, not ours\n")
    git.Repo(portfolio_root).git.add("staged.txt")
    loaded = load_project(portfolio_root, "kiosk")
    return [
        ProjectWrite("kiosk", project(title="Kiosk am Markt", status="planning"), loaded),
        ProjectWrite("neu-am-markt", project(title="Neu am Markt")),
    ]


def test_a_commit_refused_by_a_hook_puts_back_the_bytes_and_the_index(portfolio_root, two_writes):
    from portfolio.changes.commit import write_and_commit

    hook = portfolio_root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = _repository_state(portfolio_root)
    with pytest.raises(GitError, match="refused by the hook"):
        write_and_commit(portfolio_root, two_writes, "Kiosk plant, neu am Markt")
    assert _repository_state(portfolio_root) == before
    assert (portfolio_root / "projects" / "kiosk.toml").read_bytes() == ORIGINAL
    assert not (portfolio_root / "projects" / "neu-am-markt.toml").exists()

    hook.unlink()  # and with git willing, the same writes make one commit of exactly those files
    change = write_and_commit(portfolio_root, two_writes, "Kiosk plant, neu am Markt")
    repo = git.Repo(portfolio_root)
    assert sorted(repo.head.commit.stats.files) == ["projects/kiosk.toml", "projects/neu-am-markt.toml"]
    assert change.commit == repo.head.commit.hexsha and "A  staged.txt" in repo.git.status("--porcelain")


def test_an_index_lock_taken_between_the_saves_and_the_commit_puts_everything_back(
    portfolio_root, two_writes, monkeypatch
):
    import portfolio.changes.commit as primitive

    real_save = primitive.save_project
    lock = portfolio_root / ".git" / "index.lock"

    def save_then_another_git_starts(*args, **kwargs):
        saved = real_save(*args, **kwargs)
        if saved.id == "neu-am-markt":  # the last save: another git takes the index now
            lock.write_text("")
        return saved

    monkeypatch.setattr(primitive, "save_project", save_then_another_git_starts)
    before = _repository_state(portfolio_root)
    with pytest.raises(GitError, match="another git process"):
        primitive.write_and_commit(portfolio_root, two_writes, "Kiosk plant, neu am Markt")
    lock.unlink()
    assert _repository_state(portfolio_root) == before
    assert (portfolio_root / "projects" / "kiosk.toml").read_bytes() == ORIGINAL


def test_a_file_changed_before_the_last_save_puts_back_the_ones_written(portfolio_root, two_writes, monkeypatch):
    import portfolio.changes.commit as primitive

    real_save = primitive.save_project
    kiosk = portfolio_root / "projects" / "kiosk.toml"

    def someone_edits_the_kiosk_meanwhile(root, project_id, *args, **kwargs):
        if project_id == "kiosk":
            kiosk.write_bytes(ORIGINAL.replace(b"idea", b"concept"))
        return real_save(root, project_id, *args, **kwargs)

    writes = list(reversed(two_writes))  # the new file first, then the one edited meanwhile
    monkeypatch.setattr(primitive, "save_project", someone_edits_the_kiosk_meanwhile)
    with pytest.raises(ConcurrentChange):
        primitive.write_and_commit(portfolio_root, writes, "Kiosk plant, neu am Markt")
    assert not (portfolio_root / "projects" / "neu-am-markt.toml").exists()
    assert kiosk.read_bytes() == ORIGINAL.replace(b"idea", b"concept")  # their edit is theirs: kept
    assert git.Repo(portfolio_root).head.commit.message.strip() == "Add kiosk"


def test_the_editors_apply_the_checkers_rules_also_the_cycle(portfolio_root):
    """The rules across projects are the checker's (domain.rules): a change that closes a cycle is refused."""
    from portfolio.changes.projects import update_fields
    from portfolio.errors import InvalidProject
    from portfolio.files.checker import check_portfolio

    create_project(portfolio_root, "radweg", project(title="Radweg"))
    create_project(portfolio_root, "ampel", project(title="Ampel"))
    update_fields(portfolio_root, "radweg", ["depends_on=ampel"])
    with pytest.raises(InvalidProject) as refused:
        update_fields(portfolio_root, "ampel", ["depends_on=radweg"])
    assert [(p.code, p.message) for p in refused.value.problems] == [
        ("dependency-cycle", "depends_on forms a cycle: ampel -> radweg -> ampel")
    ]
    assert "depends_on" not in (portfolio_root / "projects" / "ampel.toml").read_text()
    (portfolio_root / "projects" / "ampel.toml").write_text(
        (portfolio_root / "projects" / "ampel.toml").read_text() + 'depends_on = ["radweg"]\n'
    )
    checked = {(p.path, p.code, p.message) for p in check_portfolio(portfolio_root).errors}
    assert ("projects/ampel.toml", "dependency-cycle", "depends_on forms a cycle: ampel -> radweg -> ampel") in checked
