"""Saves of the same file by two processes at once: the fingerprint check and the replace are one step."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from factories import write_project

from portfolio.files.folder_lock import PortfolioBusy, folder_lock

# Each process loads the project, adds one to its budget and saves it with the fingerprint it loaded;
# a refused save (ConcurrentChange) is tried again. It prints how many of its saves succeeded.
SAVER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from portfolio.errors import ConcurrentChange
    from portfolio.files.loading import load_project
    from portfolio.files.store import save_project

    root, stop = Path(sys.argv[1]), time.monotonic() + float(sys.argv[2])
    saved = 0
    while time.monotonic() < stop:
        loaded = load_project(root, "zaehler")
        project = loaded.project.model_copy(update={"budget_eur": loaded.project.budget_eur + 1})
        try:
            save_project(root, "zaehler", project, expected_fingerprint=loaded.fingerprint)
            saved += 1
        except ConcurrentChange:
            pass
    print(saved)
    """
)


def test_two_processes_saving_the_same_file_in_a_tight_loop_lose_no_update(portfolio_root):
    from portfolio.files.loading import load_project

    write_project(portfolio_root, "zaehler", budget_eur=0)
    environment = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1]))
    savers = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(portfolio_root), "2.5"],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(2)
    ]
    saved = [int(saver.communicate(timeout=60)[0]) for saver in savers]
    assert all(count > 0 for count in saved)  # both really saved, so they really raced
    lost = sum(saved) - load_project(portfolio_root, "zaehler").project.budget_eur
    assert lost == 0, f"{lost} lost updates in {sum(saved)} saves"


def test_a_lock_held_elsewhere_is_waited_for_a_bounded_time_then_refused_clearly(portfolio_root):
    folder = portfolio_root / "projects"
    held, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with folder_lock(folder):
            held.set()
            release.wait(10)

    other = threading.Thread(target=other_writer)
    other.start()
    try:
        held.wait(10)
        with pytest.raises(PortfolioBusy, match="another program is saving projects"):
            with folder_lock(folder, seconds=0.2):
                pass
    finally:
        release.set()
        other.join()
    with folder_lock(folder, seconds=0.2), folder_lock(folder, seconds=0.2):
        pass  # free again, and re-entrant within one thread


def test_the_lock_of_a_killed_process_is_gone_with_it(portfolio_root):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom portfolio.files.folder_lock import folder_lock\n"
            "with folder_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(60)\n",
            str(portfolio_root / "projects"),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1])),
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(PortfolioBusy):
        with folder_lock(portfolio_root / "projects", seconds=0.1):
            pass
    holder.kill()
    holder.wait(10)
    with folder_lock(portfolio_root / "projects", seconds=2):
        pass
