"""The merge driver in real git: setup, git merge, git pull --rebase, renames, unreadable versions."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from collab_fixtures import edit, git, local_data, make_network, portfolio

from portfolio.git.merge_setup import ATTRIBUTES_LINE
from portfolio.git.scaffold import init_portfolio


def _diverge(root: Path) -> None:
    """Two branches from main: 'other' adds greven, main adds ochtrup right next to it, plus a status."""
    git(root, "switch", "--quiet", "-c", "other")
    edit(root, "radweg", municipalities=["rheine", "greven"], status="concept")
    git(root, "switch", "--quiet", "main")
    edit(root, "radweg", municipalities=["rheine", "ochtrup"], topics=["radverkehr", "pendeln"])


def test_init_registers_the_driver_in_gitattributes_and_local_config(tmp_path):
    root = init_portfolio(tmp_path / "new", example=False, commit=True)
    assert ATTRIBUTES_LINE in (root / ".gitattributes").read_text().splitlines()  # and the eol=lf line
    assert ".gitattributes" in git(root, "ls-files").split()
    driver = git(root, "config", "--local", "merge.portfolio.driver").strip()
    assert driver == f"{shlex.quote(sys.executable)} -P -m portfolio merge-driver --marker-size %L %O %A %B %P"
    assert Path(sys.executable).is_absolute()


def test_setup_registers_the_driver_in_a_clone_and_commits_only_gitattributes(tmp_path):
    network = make_network(tmp_path)
    clone = network.clone("a", setup=False)
    (clone / ".gitattributes").write_text("*.md text\n")
    git(clone, "commit", "--quiet", "-am", "attributes without the driver")
    result = portfolio(clone, "setup")
    assert result.exit_code == 0, result.output
    assert "added 'projects/*.toml merge=portfolio' to .gitattributes in commit" in result.output
    assert "registered the merge driver" in result.output
    assert (clone / ".gitattributes").read_text() == "*.md text\n" + ATTRIBUTES_LINE + "\n"
    assert git(clone, "show", "--name-only", "--format=", "HEAD").split() == [".gitattributes"]
    assert git(clone, "status", "--porcelain") == ""
    again = portfolio(clone, "setup")
    assert again.exit_code == 0 and "already set up" in again.output


def test_git_merge_after_setup_merges_fields_that_a_line_merge_cannot(tmp_path):
    network = make_network(tmp_path)
    without = network.clone("without-setup", setup=False)
    _diverge(without)
    control = subprocess.run(["git", "merge", "--no-edit", "other"], cwd=without, capture_output=True, text=True)
    assert control.returncode == 1 and "CONFLICT" in control.stdout  # git's line merge alone fails here

    root = network.clone("with-setup")
    _diverge(root)
    git(root, "merge", "--no-edit", "other")
    data = local_data(root, "radweg")
    assert data["municipalities"] == ["rheine", "ochtrup", "greven"]
    assert data["status"] == "concept" and data["topics"] == ["radverkehr", "pendeln"]
    assert portfolio(root, "check").exit_code == 0


@pytest.mark.parametrize("mode", ["--rebase", "--no-rebase"])
def test_two_clones_change_different_fields_and_git_pull_merges_them(tmp_path, mode):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", status="concept", municipalities=["rheine", "emsdetten"])
    git(first, "push", "--quiet")
    edit(second, "radweg", municipalities=["rheine", "greven"])
    git(second, "pull", mode, "--no-edit", "--quiet")
    git(second, "push", "--quiet")
    remote = network.remote_data("radweg")
    assert remote["status"] == "concept" and sorted(remote["municipalities"]) == ["emsdetten", "greven", "rheine"]


def test_two_clones_change_different_fields_and_git_merge_merges_them(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    edit(first, "radweg", municipalities=["rheine", "emsdetten"])
    git(first, "push", "--quiet")
    edit(second, "radweg", status="planning", municipalities=["rheine", "wettringen"])
    git(second, "fetch", "--quiet")
    git(second, "merge", "--no-edit", "origin/main")
    git(second, "push", "--quiet")
    remote = network.remote_data("radweg")
    assert remote["status"] == "planning"
    assert remote["municipalities"] == ["rheine", "wettringen", "emsdetten"]


def test_a_conflict_in_git_merge_is_named_by_field_and_marked_around_that_field(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "-c", "other")
    edit(root, "radweg", status="concept", topics=["radverkehr", "schule"])
    git(root, "switch", "--quiet", "main")
    edit(root, "radweg", status="on_hold")
    merge = subprocess.run(["git", "merge", "--no-edit", "other"], cwd=root, capture_output=True, text=True)
    assert merge.returncode == 1
    assert (
        'projects/radweg.toml: conflict: status was changed on both sides: ours "on_hold", theirs "concept"'
        in merge.stderr
    )
    assert git(root, "status", "--porcelain") == "UU projects/radweg.toml\n"
    text = (root / "projects" / "radweg.toml").read_text()
    assert '<<<<<<< ours\nstatus = "on_hold"\n=======\nstatus = "concept"\n>>>>>>> theirs\n' in text
    assert '"schule"' in text  # the field that did not conflict is merged
    check = portfolio(root, "check")
    assert check.exit_code == 1 and "projects/radweg.toml:3:1: error[conflict-marker]" in check.output


def test_the_driver_runs_without_the_virtual_environment_on_path(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    _diverge(root)
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(part for part in os.environ["PATH"].split(os.pathsep) if part != venv_bin)
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"} | {"PATH": path}
    done = subprocess.run(["git", "merge", "--no-edit", "other"], cwd=root, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert local_data(root, "radweg")["municipalities"] == ["rheine", "ochtrup", "greven"]


def test_a_portfolio_package_inside_the_repository_is_never_what_runs(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    planted = root / "portfolio"
    planted.mkdir()
    (planted / "__init__.py").write_text("")
    (planted / "__main__.py").write_text(f"open({str(tmp_path / 'planted-ran')!r}, 'w').close()\n")
    git(root, "add", "portfolio")
    git(root, "commit", "--quiet", "-m", "a folder named like the tool")
    _diverge(root)
    git(root, "merge", "--no-edit", "other")
    assert not (tmp_path / "planted-ran").exists()
    assert local_data(root, "radweg")["municipalities"] == ["rheine", "ochtrup", "greven"]


def test_a_project_renamed_on_one_branch_and_edited_on_another_merges_as_a_rename(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "-c", "edit")
    edit(root, "radweg", status="planning", municipalities=["rheine", "greven"])
    git(root, "switch", "--quiet", "main")
    git(root, "mv", "projects/radweg.toml", "projects/radweg-mesum.toml")
    git(root, "commit", "--quiet", "-m", "Rename radweg to radweg-mesum")
    edit(root, "radweg-mesum", municipalities=["rheine", "ochtrup"])
    merge = subprocess.run(["git", "merge", "--no-edit", "edit"], cwd=root, capture_output=True, text=True)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert not (root / "projects" / "radweg.toml").exists()
    data = local_data(root, "radweg-mesum")
    assert data["status"] == "planning" and data["municipalities"] == ["rheine", "ochtrup", "greven"]
    assert portfolio(root, "check").exit_code == 0


def test_a_rename_replayed_by_rebase_also_merges_field_by_field(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    git(first, "mv", "projects/radweg.toml", "projects/radweg-mesum.toml")
    git(first, "commit", "--quiet", "-m", "Rename")
    edit(first, "radweg-mesum", municipalities=["rheine", "ochtrup"])
    git(first, "push", "--quiet")
    edit(second, "radweg", municipalities=["rheine", "greven"], status="concept")
    git(second, "pull", "--rebase", "--quiet")
    assert sorted(path.name for path in (second / "projects").iterdir()) == [".gitkeep", "radweg-mesum.toml"]
    data = local_data(second, "radweg-mesum")
    assert data["status"] == "concept" and data["municipalities"] == ["rheine", "ochtrup", "greven"]


def test_an_unreadable_version_leaves_gits_line_merge_and_a_conflict(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "-c", "broken")
    path = root / "projects" / "radweg.toml"
    path.write_text(path.read_text().replace('title = "Radweg Rheine-Mesum"', 'title = "Radweg Rheine-Mesum'))
    git(root, "commit", "--quiet", "-am", "a broken edit")
    git(root, "switch", "--quiet", "main")
    edit(root, "radweg", summary="Neu")
    merge = subprocess.run(["git", "merge", "--no-edit", "broken"], cwd=root, capture_output=True, text=True)
    assert merge.returncode == 1
    assert "not merged field by field, because a version cannot be read" in merge.stderr
    assert "projects/radweg.toml (theirs):1:" in merge.stderr
    assert git(root, "status", "--porcelain") == "UU projects/radweg.toml\n"
    text = path.read_text()
    assert 'title = "Radweg Rheine-Mesum\n' in text and 'summary = "Neu"' in text  # both edits kept, nothing guessed


def test_new_projects_on_parallel_branches_never_collide(tmp_path):
    network = make_network(tmp_path)
    first, second = network.clone("first"), network.clone("second")
    for root, project_id in ((first, "solarkataster"), (second, "mobilstation")):
        made = portfolio(
            root,
            "new",
            project_id,
            "--title",
            project_id.title(),
            "--module",
            "2",
            "--municipality",
            "greven",
            "--field",
            "energie",
        )
        assert made.exit_code == 0, made.output
    assert portfolio(first, "sync").exit_code == 0
    assert portfolio(second, "sync").exit_code == 0
    listed = git(network.remote, "ls-tree", "--name-only", "main", "projects/").split()
    assert listed == [
        "projects/.gitkeep",
        "projects/mobilstation.toml",
        "projects/radweg.toml",
        "projects/solarkataster.toml",
    ]


def test_the_same_new_id_on_two_branches_merges_what_agrees_and_names_what_differs(tmp_path):
    network = make_network(tmp_path)
    root = network.clone("a")
    git(root, "switch", "--quiet", "-c", "other")
    assert (
        portfolio(
            root,
            "new",
            "kiosk",
            "--title",
            "Gesundheitskiosk Hopsten",
            "--module",
            "3",
            "--municipality",
            "hopsten",
            "--field",
            "menschen",
        ).exit_code
        == 0
    )
    git(root, "switch", "--quiet", "main")
    assert (
        portfolio(
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
        ).exit_code
        == 0
    )
    merge = subprocess.run(["git", "merge", "--no-edit", "other"], cwd=root, capture_output=True, text=True)
    assert merge.returncode == 1
    assert (
        'conflict: title was changed on both sides: ours "Gesundheitskiosk", theirs "Gesundheitskiosk Hopsten"'
        in merge.stderr
    )
    text = (root / "projects" / "kiosk.toml").read_text()
    assert text.startswith('<<<<<<< ours\ntitle = "Gesundheitskiosk"\n=======\n')
    assert text.count("<<<<<<<") == 1  # module, status, municipalities and fields agree
