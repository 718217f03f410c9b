"""The output of ``portfolio log`` and ``history`` is streamed: written in pieces, newest first, byte for byte
what writing it whole gives, and a reader that goes away (``| head``) ends the command quietly."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from history_fixtures import git, project_text, save
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.cli.history import _event_text
from portfolio.cli.history_output import FIRST_WRITE, write_streamed
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.git.scaffold import init_portfolio
from portfolio.history import load_history
from portfolio.history.indented_json import BATCH, FIRST_BATCH, indented_json, json_list_pieces
from portfolio.history.json_floats import floats_alike
from portfolio.history.texts import ChangeLines, change_lines
from portfolio.i18n import reset_language, use_language
from portfolio.textsafety import json_text

# Texts with what json_text must make safe: C0 and C1 controls, DEL, bidi overrides, line separators.
TEXTS = st.text(st.characters(codec="utf-8") | st.sampled_from('\x00\x1b\x7f\x85\u202e\u2028\ufeff"\\\n'))
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXTS
)
KEYS = TEXTS | st.integers(min_value=-(10**6), max_value=10**6) | st.booleans() | st.none() | st.floats()
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=25
)


def shifted(text: str, depth: int) -> str:
    return text.replace("\n", "\n" + "  " * depth)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=3))
def test_indented_json_is_what_json_text_writes(value, depth):
    assert indented_json(value, depth) == shifted(json_text(value, indent=2), depth)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=3))
def test_a_value_whose_floats_are_alike_is_written_by_msgspec_as_json_text_writes_it(value, depth):
    assert indented_json(value, depth, alike=floats_alike(value)) == shifted(json_text(value, indent=2), depth)


@pytest.mark.parametrize("number", [1e16, -1e16, 1.5e300, 5e-05, 1e-07, 0.0001, 0.00012, 123.0, -0.0, 5e-324, 9.99e15])
def test_floats_are_alike_only_where_msgspec_spells_them_as_json_dumps(number):
    value = [{"baseline": number}, number, {number: "as a key"}]
    assert floats_alike(value) == (number == 0 or 1e-4 <= abs(number) < 1e16)
    if floats_alike(value):
        assert indented_json(value, alike=True) == json_text(value, indent=2)
    assert indented_json(value, alike=floats_alike(value)) == json_text(value, indent=2)
    assert not floats_alike([math.nan]) and not floats_alike({"x": [math.inf]})


def test_values_alike_are_not_written_by_json_dumps(monkeypatch):
    """The fast way is the one taken: json_text (json.dumps) is not asked for such values."""
    import portfolio.history.indented_json as module

    value = [
        {"id": "p-1", "changes": {"kpis": [[{"baseline": 12.5}], [{"baseline": 80.0}]], "title": ["A \u202e", "B"]}}
    ]
    expected = json_text(value, indent=2)
    monkeypatch.setattr(module, "json_text", lambda *_args, **_kwargs: pytest.fail("json_text called"))
    assert indented_json(value, alike=True) == expected
    assert "".join(json_list_pieces(value, alike=floats_alike)) == expected


def test_the_log_with_floats_of_every_spelling_is_written_as_json_text_writes_it(tmp_path):
    """KPI baselines with and without an exponent: events are written by msgspec where alike, else by json.dumps."""
    root = init_portfolio(tmp_path / "portfolio", example=False, commit=True)
    baselines = [12.5, 1e16, 5e-05, 0.0, 80.0, 1.5e-7, 2.0]
    for number, baseline in enumerate(baselines):
        kpis = [{"name": "Nutzer", "unit": "Personen", "baseline": baseline, "target": 100.5}]
        save(
            root,
            "projekt-00",
            f"KPI {number}",
            text=project_text(kpis=kpis),
            when=f"2026-01-0{number + 1}T10:00:00+01:00",
        )
    events = load_history(root).events
    expected = json_text([event.to_json(with_id=True) for event in events], indent=2) + "\n"
    assert "1e+16" in expected and "5e-05" in expected and "12.5" in expected
    child = portfolio(root, "log", "--format", "json")
    out, errors = child.communicate()
    assert child.returncode == 0, errors
    assert out.decode() == expected


def test_a_float_that_is_not_json_is_written_as_json_text_writes_it():
    value = {"kpi": [math.nan, math.inf, -math.inf, 1e16, 1e-7]}
    assert indented_json(value) == json_text(value, indent=2)
    assert "NaN" in indented_json(value) and "1e+16" in indented_json(value)


def test_a_lone_surrogate_is_written_as_json_text_writes_it():
    value = {"author": "B\udcffrbel", "list": ["\ud800"]}
    assert indented_json(value, 1) == shifted(json_text(value, indent=2), 1)


@pytest.mark.parametrize("count", [0, 1, FIRST_BATCH, FIRST_BATCH + 1, FIRST_BATCH + BATCH, FIRST_BATCH + BATCH + 3])
@pytest.mark.parametrize("depth", [0, 1])
def test_a_list_in_pieces_is_the_list_written_whole(count, depth):
    values = [{"n": number, "text": f"Ereignis {number} \u202e", "list": [number, None]} for number in range(count)]
    pieces = list(json_list_pieces(iter(values), depth))
    assert "".join(pieces) == shifted(json_text(values, indent=2), depth)
    assert len(pieces) == 1 + (count > 0) + (count > FIRST_BATCH) + (count > FIRST_BATCH + BATCH)


def test_the_first_pieces_are_written_before_the_rest_is_made(capsys):
    """What is written already reaches standard output while later pieces are still being made."""
    written_when: list[int] = []

    def pieces():
        for number in range(200):
            written_when.append(len(capsys.readouterr().out))
            yield f"line {number:04d} " + "x" * 90 + "\n"

    write_streamed(pieces(), ["end\n"])
    # the first write comes once FIRST_WRITE characters are made, long before the 200th piece
    first = next(index for index, seen in enumerate(written_when) if seen)
    assert first * 100 <= FIRST_WRITE + 100 < 200 * 100
    assert written_when[first] >= FIRST_WRITE


def test_streamed_pieces_join_to_the_whole(capsys):
    parts = [f"{number}\n" for number in range(5000)]
    write_streamed(iter(parts[:10]), iter(parts[10:]))
    assert capsys.readouterr().out == "".join(parts)


# -- the real command, in a new process --------------------------------------------------------
COMMITS = 400  # events enough for an output of several pipe buffers (64 KB) and many writes


def project_of(commit_number: int) -> str:
    """Two commits in three change projekt-00 (a long history of one project), the others 37 more."""
    return f"projekt-{commit_number % 37:02d}" if commit_number % 3 == 0 else "projekt-00"


@pytest.fixture(scope="module")
def long_history(tmp_path_factory) -> Path:
    """A portfolio whose history has COMMITS commits, made by git fast-import (seconds, not minutes)."""
    root = init_portfolio(tmp_path_factory.mktemp("streaming") / "portfolio", example=False, commit=True)
    branch = git(root, "symbolic-ref", "--short", "HEAD")
    stream = [f"reset refs/heads/{branch}\nfrom {git(root, 'rev-parse', 'HEAD')}\n\n"]
    statuses = ["idea", "planning", "implementation"]
    for number in range(COMMITS):
        project = project_of(number)
        text = project_text(
            title=f"Projekt {number % 37} Fassung {number} – äöü",
            status=statuses[number % 3],
            summary=("Ein längerer Text, damit jedes Ereignis etwas zu schreiben hat. " * 3).strip(),
        ).encode()
        message = f"Update {project} ({number})".encode()
        stamp = 1767600000 + 3600 * number
        stream.append(
            f"commit refs/heads/{branch}\n"
            f"author Anna Albers <anna@example.org> {stamp} +0100\n"
            f"committer Anna Albers <anna@example.org> {stamp} +0100\n"
            f"data {len(message)}\n{message.decode()}\n"
            f"M 100644 inline projects/{project}.toml\ndata {len(text)}\n{text.decode()}\n\n"
        )
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(), check=True)
    git(root, "checkout", "-q", "-f", branch)
    return root


def portfolio(root: Path, *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "portfolio", "--lang", "en", "--repo", str(root), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def whole_outputs(root: Path, project: str) -> dict[tuple[str, ...], str]:
    """Each output made whole, as the commands wrote it before they streamed (and as json_text writes it)."""
    history = load_history(root)
    vocabulary = load_vocabulary(root)
    events, project_events = history.events, history.project_events(project)
    return {
        ("log", "--format", "json"): json_text([event.to_json(with_id=True) for event in events], indent=2) + "\n",
        ("log",): "\n\n".join(_event_text(event, vocabulary, with_id=True) for event in events) + "\n",
        ("history", project, "--format", "json"): json_text(
            {"id": project, "events": [event.to_json() for event in project_events]}, indent=2
        )
        + "\n",
        ("history", project): "\n\n".join(_event_text(event, vocabulary, with_id=False) for event in project_events)
        + "\n",
        ("history", project, "--reverse"): "\n\n".join(
            _event_text(event, vocabulary, with_id=False) for event in reversed(project_events)
        )
        + "\n",
    }


def test_the_streamed_output_is_the_whole_output(long_history):
    use_language("en")
    try:
        expected = whole_outputs(long_history, "projekt-00")
    finally:
        reset_language()
    assert len(expected["log", "--format", "json"]) > 2 * 65536
    for arguments, whole in expected.items():
        child = portfolio(long_history, *arguments)
        out, errors = child.communicate()
        assert child.returncode == 0, errors
        assert out.decode() == whole, arguments
    assert len(json.loads(expected["log", "--format", "json"])) == COMMITS


@pytest.mark.parametrize(
    "arguments", [("log",), ("log", "--format", "json"), ("history", "projekt-00", "--format", "json")]
)
def test_a_reader_that_goes_away_ends_the_command_quietly(long_history, arguments):
    """``portfolio log | head -n 1``: the pipe is closed after the first line; no traceback, no message."""
    child = portfolio(long_history, *arguments)
    first = child.stdout.readline()
    child.stdout.close()
    errors = child.stderr.read()
    child.wait(timeout=60)
    assert first.strip()
    assert errors == b""
    assert child.returncode == 141  # as a shell reports a command ended by SIGPIPE (128 + 13)


def test_head_gets_the_first_lines_of_a_real_pipe(long_history):
    """Through a shell, as a user types it; the newest event comes first."""
    shell = subprocess.run(
        f"'{sys.executable}' -m portfolio --lang en --repo '{long_history}' log | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shell.stderr == ""
    assert shell.stdout.splitlines()[1].endswith(f"Update {project_of(COMMITS - 1)} ({COMMITS - 1})")


def test_change_lines_kept_for_an_output_are_the_lines_made_each_time(portfolio_root):
    """The same change told again comes from what was kept; equal keys written differently are not mixed."""
    vocabulary = load_vocabulary(portfolio_root)
    use_language("en")
    try:
        kept = ChangeLines(vocabulary)
        changes = [
            {"status": ["idea", "planning"]},
            {"status": ["idea", "planning"], "budget_eur": [1000, 2000]},
            {"public": [True, False]},
            {"public": [1, 0]},  # equal to True and False as keys, written as numbers
            {"budget_eur": [0.0, -0.0]},
            {"municipalities": [["rheine"], ["rheine", "greven"]]},
            {"municipalities": [["rheine"], ["greven"]]},
            {"municipalities": [["greven"], ["rheine"]]},  # the same objects the other way round
            {"kpis": [None, [{"name": "Nutzer", "baseline": 1.5}]]},
            {"kpis": [None, [{"name": "Nutzer", "baseline": 2.5}]]},
            {"status": ["idea", "planning"]},
        ]
        rheine, greven = changes[6]["municipalities"]
        changes[7]["municipalities"] = [greven, rheine]
        for change in changes * 2:
            assert kept(change) == change_lines(vocabulary, change)
    finally:
        reset_language()
