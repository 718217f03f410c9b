"""``propose --branch``: a proposal never lands on the base branch or the remote's default branch.

Every refused spelling is tried against a real bare remote: afterwards the clone and the remote
are exactly as before (no commit, no branch, no push) and the change is still uncommitted.
"""

from __future__ import annotations

import pytest
from collab_fixtures import all_refs, git, make_network, portfolio, repository_state


def _change(root):
    result = portfolio(root, "set", "radweg", "status=concept", "--no-commit")
    assert result.exit_code == 0, result.output


def _assert_refused_and_untouched(network, root, *args):
    local_before, remote_before = repository_state(root), all_refs(network.remote)
    local_refs_before = all_refs(root)
    result = portfolio(root, "propose", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert repository_state(root) == local_before
    assert all_refs(root) == local_refs_before
    assert all_refs(network.remote) == remote_before
    return result


@pytest.mark.parametrize(
    "branch",
    ["main", "Main", "refs/heads/main", "heads/main", "origin/main", "refs/remotes/origin/main"],
)
def test_a_name_for_the_base_branch_is_refused_and_nothing_is_committed_or_pushed(tmp_path, branch):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    _change(root)
    result = _assert_refused_and_untouched(network, root, "--branch", branch)
    assert "a proposal needs a branch of its own" in result.stderr


@pytest.mark.parametrize(
    "branch", ["refs/heads/project/radweg", "refs/tags/v1", "tags/v1", "remotes/x", "origin/x", "HEAD"]
)
def test_ref_spellings_are_refused_even_for_a_new_branch(tmp_path, branch):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    _change(root)
    result = _assert_refused_and_untouched(network, root, "--branch", branch)
    assert "give the plain name of a new branch" in result.stderr


def test_the_previous_branch_syntax_is_refused_when_it_means_the_base(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    git(root, "switch", "--quiet", "--create", "scratch")
    git(root, "switch", "--quiet", "main")
    git(root, "branch", "--quiet", "--delete", "scratch")
    git(root, "switch", "--quiet", "--create", "other")
    git(root, "switch", "--quiet", "main")
    git(root, "branch", "--quiet", "--delete", "other")
    _change(root)
    # @{-2} is "main" (other -> main -> scratch -> main): the expanded name is what counts.
    result = _assert_refused_and_untouched(network, root, "--branch", "@{-2}")
    assert "a proposal needs a branch of its own" in result.stderr


def test_the_remotes_default_branch_is_refused_when_the_base_is_another(tmp_path):
    network = make_network(tmp_path)
    git(network.remote, "branch", "develop", "main")
    root = network.clone("gemeinde")
    git(root, "switch", "--quiet", "--track", "origin/develop")
    git(root, "branch", "--quiet", "--delete", "--force", "main")
    git(root, "update-ref", "-d", "refs/remotes/origin/main")  # only origin/HEAD says "main" now
    _change(root)
    result = _assert_refused_and_untouched(network, root, "--branch", "main")
    assert "'main' is the default branch of the remote 'origin'" in result.stderr
    develop = _assert_refused_and_untouched(network, root, "--branch", "develop")
    assert "'develop' is the branch this proposal is for" in develop.stderr


def test_a_plain_new_name_still_works_and_pushes_only_that_branch(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    main_before = network.remote_head()
    _change(root)
    result = portfolio(root, "propose", "--branch", "radweg-schulweg")
    assert result.exit_code == 0, result.output
    assert network.remote_data("radweg", "radweg-schulweg")["status"] == "concept"
    assert network.remote_head() == main_before
    assert git(root, "rev-parse", "main").strip() == main_before
