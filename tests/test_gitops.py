"""Who commits: git's own precedence, read in one config call, never user@host."""

import git
import pytest

from portfolio.errors import GitError
from portfolio.git.repository import Identity, author_identity


def test_identity_follows_gits_precedence(portfolio_root, monkeypatch):
    repo = git.Repo(portfolio_root)
    assert author_identity(repo.git).name == "Test Author"  # the global config
    repo.git.config("user.name", "Local Name")  # the repository's config wins over the global one
    repo.git.config("author.email", "autorin@example.org")  # author.* wins over user.*
    assert author_identity(repo.git) == Identity("Local Name", "autorin@example.org")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Aus der Umgebung")  # the environment wins over config
    assert author_identity(repo.git).name == "Aus der Umgebung"


def test_no_identity_is_refused(portfolio_root, no_git_identity):
    with pytest.raises(GitError, match="user.email"):
        author_identity(git.Repo(portfolio_root).git)
