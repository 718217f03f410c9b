"""The log's event filter as a value, without the command line: each option narrows, bad options are named."""

from __future__ import annotations

import json

import pytest
from history_fixtures import save

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.history.event_filter import BadFilter, EventFilter
from portfolio.history.events import Event


def _event(date: str, author: str = "Anna", email: str = "anna@example.org", **values) -> Event:
    return Event(
        id="p",
        path="projects/p.toml",
        old_path=None,
        commit="c" * 40,
        author=author,
        email=email,
        date=date,
        subject="s",
        kind="changed",
        changes={},
        invalid=None,
        merged_in=None,
        values=values or None,
        commit_date=date,
    )


def test_each_option_narrows_the_events_and_days_compare_with_the_event_s_own_day() -> None:
    vocabulary = load_vocabulary()
    late = _event(
        "2025-03-01T23:30:00+01:00", status="planning", municipalities=["rheine"], fields_of_action=["umwelt"]
    )
    early = _event("2025-02-28T09:00:00+01:00", author="Bert", email="bert@example.org", status="idea")
    events = [late, early]
    assert EventFilter.from_options(vocabulary, since="2025-03-01").select(events) == [late]
    assert EventFilter.from_options(vocabulary, until="2025-02-28").select(events) == [early]
    # A moment is compared as a moment: 23:30 +01:00 is 22:30 UTC, after 22:00 UTC.
    assert EventFilter.from_options(vocabulary, since="2025-03-01T22:00:00").select(events) == [late]
    assert EventFilter.from_options(vocabulary, author="BERT@").select(events) == [early]
    assert EventFilter.from_options(vocabulary, status="planning").select(events) == [late]
    assert EventFilter.from_options(vocabulary, municipality="rheine", field="umwelt").select(events) == [late]
    assert EventFilter.from_options(vocabulary, field="energie").select(events) == []
    assert EventFilter().select(events) == events


@pytest.mark.parametrize(
    "options,named",
    [
        ({"since": "01.03.2025x"}, "--since"),
        ({"status": "planing"}, "--status"),
        ({"municipality": "muenster", "since": "nonsense"}, "--municipality"),
    ],
)
def test_a_bad_option_is_a_usage_error_that_names_it(options: dict, named: str) -> None:
    with pytest.raises(BadFilter) as caught:
        EventFilter.from_options(load_vocabulary(), **options)
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith(named)


def test_a_repeated_option_means_any_of_its_values(run, portfolio_root):
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz", municipalities=["rheine"])
    save(portfolio_root, "laden", "Add laden", title="Ladesäulen", municipalities=["greven"])
    save(portfolio_root, "bus", "Add bus", title="Bürgerbus", municipalities=["ochtrup"])
    result = run("log", "--format", "json", "--municipality", "rheine", "--municipality", "greven")
    assert result.exit_code == 0, result.output
    assert sorted(event["id"] for event in json.loads(result.output)) == ["laden", "radweg"]
    refused = run("log", "--municipality", "rheine", "--municipality", "atlantis")
    assert refused.exit_code != 0 and "atlantis" in refused.output
