"""The widths of the table's texts, each project measured once (tui.widgets.project_texts.TextWidthsMemo):
for any subset, mark and changed record, what ``text_widths`` measures anew."""

from __future__ import annotations

import dataclasses
import itertools
import threading

import pytest
from factories import write_project

import tui.widgets.project_texts as project_texts
from portfolio.files.loading import load_portfolio
from tui.widgets.project_texts import TextWidthsMemo, text_widths


def test_the_memo_measures_what_text_widths_measures_and_each_project_once(portfolio_root, monkeypatch):
    titles = ["Kurz", "Ein deutlich längerer Titel", "東京 Straße 🚲", "Mittel lang"]
    for number, title in enumerate(titles):
        write_project(portfolio_root, f"projekt-{number}", title=title)
    portfolio = load_portfolio(portfolio_root)
    projects, vocabulary = list(portfolio.projects.values()), portfolio.vocabulary
    measured = []
    row_widths = project_texts.row_widths
    monkeypatch.setattr(
        project_texts, "row_widths", lambda item, *rest: measured.append(item.id) or row_widths(item, *rest)
    )
    memo = TextWidthsMemo()
    by_memo = 0
    for size in range(1, len(projects) + 1):
        for subset in itertools.combinations(projects, size):
            for marked in (frozenset(), frozenset({subset[0].id})):
                expected = text_widths(subset, vocabulary, marked)
                before = len(measured)
                assert memo(subset, vocabulary, marked) == expected, (subset, marked)
                by_memo += len(measured) - before
    # The memo measured each project once unmarked and once marked, however often it was asked.
    assert by_memo == 2 * len(projects)
    # A project saved with a longer title is another record, in the same vocabulary: measured again.
    first = projects[0]
    longer = dataclasses.replace(
        first, project=first.project.model_copy(update={"title": "Kurz, jetzt aber ein sehr viel längerer Titel"})
    )
    changed = [longer, *projects[1:]]
    assert memo(changed, vocabulary) == text_widths(changed, vocabulary)
    assert memo(changed, vocabulary).title > memo(projects, vocabulary).title


def test_a_primed_memo_measures_nothing_more_when_asked_and_forgets_another_vocabulary(portfolio_root, monkeypatch):
    for number, title in enumerate(["Kurz", "Ein deutlich längerer Titel", "Mittel"]):
        write_project(portfolio_root, f"projekt-{number}", title=title)
    portfolio = load_portfolio(portfolio_root)
    projects, vocabulary = list(portfolio.projects.values()), portfolio.vocabulary
    memo = TextWidthsMemo()
    memo(projects[:1], load_portfolio(portfolio_root).vocabulary)  # a vocabulary of an earlier load
    marked = frozenset({projects[0].id})  # marked rows are measured when asked for, not primed
    expected = [text_widths(projects, vocabulary), text_widths(projects[1:], vocabulary)]
    expected_marked = text_widths(projects, vocabulary, marked)
    measured = []
    row_widths = project_texts.row_widths
    monkeypatch.setattr(
        project_texts, "row_widths", lambda item, *rest: measured.append(item.id) or row_widths(item, *rest)
    )
    memo.prime(projects, vocabulary)
    assert sorted(measured) == sorted(stored.id for stored in projects)
    measured.clear()
    assert [memo(projects, vocabulary), memo(projects[1:], vocabulary)] == expected
    assert measured == []
    assert memo(projects, vocabulary, marked) == expected_marked
    assert measured == [projects[0].id]


def test_an_adopting_memo_takes_widths_measured_elsewhere_for_the_projects_it_is_given(portfolio_root, monkeypatch):
    for number, title in enumerate(["Kurz", "Ein deutlich längerer Titel"]):
        write_project(portfolio_root, f"projekt-{number}", title=title)
    portfolio = load_portfolio(portfolio_root)
    elsewhere = load_portfolio(portfolio_root)  # the loading child's records: equal, not the same
    sent = {
        project_id: project_texts.row_widths(stored, elsewhere.vocabulary)
        for project_id, stored in elsewhere.projects.items()
    }
    expected = text_widths(list(portfolio.projects.values()), portfolio.vocabulary)
    measured = []
    row_widths = project_texts.row_widths
    monkeypatch.setattr(
        project_texts, "row_widths", lambda item, *rest: measured.append(item.id) or row_widths(item, *rest)
    )
    memo = TextWidthsMemo()
    memo.adopt({**sent, "gone-meanwhile": (1, 1, 1)}, portfolio.projects, portfolio.vocabulary)
    assert memo(list(portfolio.projects.values()), portfolio.vocabulary) == expected
    assert measured == []


@pytest.mark.parametrize("child_from_files", [1, 10_000], ids=["child", "no-child"])
async def test_the_validated_table_is_filled_without_measuring_rows_on_the_event_loop(
    tui_repo, monkeypatch, child_from_files
):
    """The load's worker takes the widths from the loading child (or measures them) before the
    validated table is filled: measured by the table, 1,000 rows were 20 ms of its longest stall."""
    from tui_helpers import settle

    import tui.load_process
    from tui.app import create_app

    monkeypatch.setattr(tui.load_process, "CHILD_FROM_FILES", child_from_files)
    # In the first look, not validated: the table is filled anew, not updated in place.
    write_project(tui_repo, "falscher-status", title="Falscher Status", status="fertig")
    on_the_loop = []
    row_widths = project_texts.row_widths

    def measuring(item, *rest):
        if threading.current_thread() is threading.main_thread():
            on_the_loop.append(item.id)
        return row_widths(item, *rest)

    monkeypatch.setattr(project_texts, "row_widths", measuring)
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.portfolio is not None and app.screen.query_one("#projects").row_count == 5
    assert on_the_loop == []
