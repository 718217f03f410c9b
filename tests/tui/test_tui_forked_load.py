"""The first full load in a forked child (tui.forked_load): what it sends is what a load here finds,
a child that cannot load sends nothing, and the app shows what the child sent."""

from __future__ import annotations

import pytest
from factories import write_project
from tui_helpers import column_text, settle, type_text

from portfolio.domain.search import SearchIndex
from portfolio.files.loading import load_portfolio
from tui.app import create_app
from tui.forked_load import ForkedLoad, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork here, or other threads run: the UI loads itself")


def test_the_child_sends_the_portfolio_a_load_here_finds_and_its_search_texts(tui_repo):
    write_project(tui_repo, "falscher-status", title="Falscher Status", status="fertig")
    forked = ForkedLoad.start(tui_repo)
    assert forked is not None
    sent = forked.portfolio()
    here = load_portfolio(tui_repo)
    assert sent is not None and sent.projects == here.projects and list(sent.projects) == list(here.projects)
    assert sent.problems == here.problems and sent.problems  # the broken file, with its reason
    assert sent.files_checked == here.files_checked and sent.vocabulary == here.vocabulary
    index = SearchIndex(here.vocabulary)
    assert forked.search_texts() == {project_id: index.text(stored) for project_id, stored in here.projects.items()}
    assert forked.search_texts() is None  # sent once; the child is done and reaped


def test_a_child_that_cannot_load_sends_nothing(tui_repo):
    (tui_repo / "schema" / "statuses.toml").write_text("not [ toml", encoding="utf-8")  # the load raises
    forked = ForkedLoad.start(tui_repo)
    assert forked is not None
    assert forked.portfolio() is None and forked.search_texts() is None


async def test_the_app_shows_what_the_child_loaded(tui_repo, monkeypatch):
    if not can_fork():
        pytest.skip("other threads run in this process now: the app would load itself")
    app = create_app(tui_repo)  # the child is forked here, with the real load
    import portfolio.files.loading

    def no_load_here(*_args, **_kwargs):
        raise AssertionError("the first load was not the child's")

    monkeypatch.setattr(portfolio.files.loading, "load_portfolio", no_load_here)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.portfolio is not None and len(app.screen.portfolio.projects) == 5
        table = app.screen.query_one("#projects")
        await pilot.press("slash")
        await type_text(pilot, "ladesaeulen")  # in the summary only: found by the child's search text
        await settle(pilot)
        assert column_text(table, 0) == ["e-mobilitaet"]
