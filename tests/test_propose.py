"""``portfolio propose``: one project's change as a branch on the remote, and what to do next."""

from __future__ import annotations

import stat

import pytest
from collab_fixtures import git, make_network, portfolio

from portfolio.git.forge import detect_forge, next_steps, push_options


def _change(root, *assignments):
    result = portfolio(root, "set", "radweg", *assignments, "--no-commit")
    assert result.exit_code == 0, result.output


def test_propose_commits_the_change_on_a_new_branch_and_pushes_it(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    main_before = network.remote_head()
    _change(root, "status=concept")
    result = portfolio(root, "propose")
    assert result.exit_code == 0, result.output
    assert "on the branch project/radweg and pushed it to origin" in result.output
    assert "open a pull request (merge request) from branch project/radweg into main" in result.output
    assert git(root, "branch", "--show-current").strip() == "project/radweg"
    assert git(root, "show", "--name-only", "--format=%s", "HEAD").split("\n")[:3] == [
        "Status of radweg: Idea → Concept",
        "",
        "projects/radweg.toml",
    ]
    assert git(root, "status", "--porcelain") == ""
    assert network.remote_data("radweg", "project/radweg")["status"] == "concept"
    assert network.remote_head() == main_before  # main on the remote is untouched
    assert git(root, "config", "branch.project/radweg.remote").strip() == "origin"

    _change(root, "summary=Mit Schulweg")  # a further change goes to the same proposal
    again = portfolio(root, "propose")
    assert again.exit_code == 0, again.output
    assert network.remote_data("radweg", "project/radweg")["summary"] == "Mit Schulweg"


def test_a_second_proposal_for_the_same_project_gets_its_own_branch(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    _change(root, "status=concept")
    assert portfolio(root, "propose").exit_code == 0
    git(root, "switch", "--quiet", "main")
    _change(root, "topics=radverkehr,schule")
    result = portfolio(root, "propose", "-m", "Schulen ergänzen")
    assert result.exit_code == 0, result.output
    assert git(root, "branch", "--show-current").strip() == "project/radweg-2"
    assert network.remote_data("radweg", "project/radweg-2")["topics"] == ["radverkehr", "schule"]
    assert git(root, "log", "-1", "--format=%s").strip() == "Schulen ergänzen"


def test_on_gitlab_the_push_options_open_the_merge_request(tmp_path):
    network = make_network(tmp_path)
    git(network.remote, "config", "receive.advertisePushOptions", "true")
    received = tmp_path / "push-options"
    hook = network.remote / "hooks" / "post-receive"
    hook.write_text(
        '#!/bin/sh\ni=0\nwhile [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do\n'
        f'  eval "echo \\"\\$GIT_PUSH_OPTION_$i\\"" >> "{received}"\n  i=$((i+1))\ndone\n'
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    root = network.clone("gemeinde")
    _change(root, "status=concept")
    result = portfolio(root, "propose", "--forge", "gitlab")
    assert result.exit_code == 0, result.output
    assert received.read_text().splitlines() == [
        "merge_request.create",
        "merge_request.target=main",
        "merge_request.title=Status of radweg: Idea → Concept",
    ]
    assert "-o merge_request.create -o merge_request.target=main" in result.output


def test_an_invalid_project_is_not_proposed(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    path = root / "projects" / "radweg.toml"
    path.write_text(path.read_text().replace('status = "idea"', 'status = "idee"'))
    result = portfolio(root, "propose")
    assert result.exit_code == 1
    assert "projects/radweg.toml is not valid; fix it first, nothing was proposed" in result.stderr
    assert "unknown status 'idee'" in result.stderr
    assert git(root, "branch", "--show-current").strip() == "main"
    assert git(root, "status", "--porcelain") == " M projects/radweg.toml\n"
    assert "project/radweg" not in git(network.remote, "branch")


def test_nothing_or_several_changes_are_refused_with_a_clear_message(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    nothing = portfolio(root, "propose")
    assert nothing.exit_code == 2 and "nothing to propose" in nothing.stderr
    _change(root, "status=concept")
    new = portfolio(
        root,
        "new",
        "kiosk",
        "--title",
        "Gesundheitskiosk",
        "--module",
        "3",
        "--municipality",
        "hopsten",
        "--field",
        "menschen",
        "--no-commit",
    )
    assert new.exit_code == 0, new.output
    several = portfolio(root, "propose")
    assert several.exit_code == 2 and "several projects have uncommitted changes (kiosk, radweg)" in several.stderr
    one = portfolio(root, "propose", "kiosk")
    assert one.exit_code == 0, one.output
    assert git(root, "branch", "--show-current").strip() == "project/kiosk"
    assert git(root, "log", "-1", "--format=%s").strip() == "Add project kiosk: Gesundheitskiosk"
    assert git(root, "status", "--porcelain") == " M projects/radweg.toml\n"  # the other change stays as it is


def test_an_unreachable_remote_keeps_the_commit_and_says_how_to_push(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("gemeinde")
    git(root, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    _change(root, "status=concept")
    result = portfolio(root, "propose")
    assert result.exit_code == 2
    assert "cannot push to the remote 'origin'" in result.stderr
    assert "Your change is committed on the branch 'project/radweg'" in result.stderr
    assert "git push -u origin project/radweg" in result.stderr
    assert git(root, "log", "-1", "--format=%s", "project/radweg").strip() == "Status of radweg: Idea → Concept"


@pytest.mark.parametrize(
    ("url", "kind", "web"),
    [
        ("git@github.com:kreis-steinfurt/portfolio.git", "github", "https://github.com/kreis-steinfurt/portfolio"),
        (
            "https://token:x@github.com/kreis-steinfurt/portfolio.git",
            "github",
            "https://github.com/kreis-steinfurt/portfolio",
        ),
        (
            "https://gitlab.opencode.de/smart-region/portfolio.git",
            "gitlab",
            "https://gitlab.opencode.de/smart-region/portfolio",
        ),
        (
            "ssh://git@gitlab.example.org:2222/region/portfolio.git",
            "gitlab",
            "https://gitlab.example.org/region/portfolio",
        ),
        ("https://codeberg.org/region/portfolio", "gitea", "https://codeberg.org/region/portfolio"),
        ("/srv/git/portfolio.git", "other", None),
    ],
)
def test_the_forge_is_told_by_the_remote_url(url, kind, web):
    forge = detect_forge(url)
    assert (forge.kind, forge.web_url) == (kind, web)


def test_next_steps_name_the_page_that_opens_the_request():
    github = next_steps(detect_forge("git@github.com:o/r.git"), "", "project/radweg", "main")
    assert github == ["Open the pull request: https://github.com/o/r/compare/main...project%2Fradweg?expand=1"]
    gitlab = next_steps(detect_forge("https://gitlab.com/o/r.git"), "", "project/radweg", "main")
    assert "merge_request%5Bsource_branch%5D=project%2Fradweg" in gitlab[-1]
    assert push_options(detect_forge("https://gitlab.com/o/r.git"), "main", "Titel\nmit\x1b[31m Umbruch") == (
        "merge_request.create",
        "merge_request.target=main",
        "merge_request.title=Titel mit[31m Umbruch",
    )
    assert push_options(detect_forge("git@github.com:o/r.git"), "main", "x") == ()
