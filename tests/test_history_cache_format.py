"""The history cache's format (3): events as columns, shared values, damage in each part, reuse after a rebase."""

from __future__ import annotations

import dataclasses
import marshal
import threading
from pathlib import Path

import git as gitpython
import pytest
from history_fixtures import git, save

import portfolio.history.cache as cache_module
import portfolio.history.engine as engine
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.git.catfile import BlobReader
from portfolio.history.cache import fingerprint, load_cache
from portfolio.history.cache_place import CACHE_NAME, JOURNAL_NAME
from portfolio.history.engine import compute
from portfolio.history.events import Event, MergeInfo, make_event
from portfolio.history.versions import SharedValues
from portfolio.history.views import History


def _events(root: Path, **options) -> list[dict]:
    return [event.to_json(with_id=True) for event in History(compute(root, **options)).events]


def _fresh(root: Path) -> list[dict]:
    return _events(root, use_cache=False)


def _cache_dir(root: Path) -> Path:
    return root / ".git" / "portfolio"


def _split(path: Path) -> tuple[bytes, bytes]:
    """(magic and header lines, the marshalled data) of a cache file."""
    raw = path.read_bytes()
    magic_end = raw.index(b"\n") + 1
    header_end = raw.index(b"\n", magic_end) + 1
    return raw[:header_end], raw[header_end:]


@pytest.fixture
def repo(portfolio_root: Path) -> Path:
    save(portfolio_root, "radweg", "Add radweg", title="Radweg-Netz", municipalities=["rheine", "emsdetten"])
    save(
        portfolio_root,
        "radweg",
        "Plan radweg",
        author="bernd",
        title="Radweg-Netz",
        status="planning",
        municipalities=["rheine", "emsdetten"],
    )
    return portfolio_root


def test_events_built_the_fast_way_are_ordinary_frozen_events():
    values = (
        "radweg",
        "projects/radweg.toml",
        None,
        "a" * 40,
        "Anna",
        "anna@example.org",
        "2026-01-05T10:00:00+01:00",
        "Plan",
        "changed",
        {"status": ["idea", "planning"]},
        None,
        MergeInfo("b" * 40, "Merge pull request #1"),
        {"status": "planning"},
        "2026-01-05T10:00:00+01:00",
    )
    event = make_event(*values)
    assert type(event) is Event and event == Event(*values)
    assert event.to_json(with_id=True) == Event(*values).to_json(with_id=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.kind = "created"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del event.values
    assert dataclasses.replace(event, kind="created").kind == "created" and event.kind == "changed"


def test_shared_values_tell_numbers_booleans_and_key_orders_apart():
    shared = SharedValues()
    first = shared.share({"title": "A", "kpis": [{"name": "x", "baseline": 1}], "topics": ["a", "b"]})
    same = shared.share({"title": "A", "kpis": [{"name": "x", "baseline": 1}], "topics": ["a", "b"]})
    assert same["kpis"] is first["kpis"] and same["topics"] is first["topics"] and same["title"] is first["title"]
    as_float = shared.share({"kpis": [{"name": "x", "baseline": 1.0}]})
    as_bool = shared.share({"kpis": [{"name": "x", "baseline": True}]})
    assert type(as_float["kpis"][0]["baseline"]) is float and type(as_bool["kpis"][0]["baseline"]) is bool
    reordered = shared.share({"kpis": [{"baseline": 1, "name": "x"}]})
    assert list(reordered["kpis"][0]) == ["baseline", "name"]


def test_unchanged_values_are_one_object_across_versions_cold_and_loaded(repo):
    for state in (compute(repo, use_cache=False), compute(repo), compute(repo)):  # cold, written, loaded
        planned, added = History(state).project_events("radweg")
        assert planned.changes == {"status": ["idea", "planning"]}
        assert planned.values["municipalities"] is added.values["municipalities"]
        assert planned.values["title"] is added.values["title"]
    loaded = load_cache(_cache_dir(repo) / CACHE_NAME, fingerprint(load_vocabulary(repo)))
    assert loaded is not None and loaded.tip == git(repo, "rev-parse", "HEAD")
    assert all(type(event) is Event for event in loaded.events)


def test_a_damaged_body_behind_a_good_header_is_ignored_and_rewritten(repo):
    expected = _events(repo)
    path = _cache_dir(repo) / CACHE_NAME
    header, body = _split(path)
    key = fingerprint(load_vocabulary(repo))
    wrong_shapes = [
        body[: len(body) // 2],  # cut short
        marshal.dumps({"versions": {}, "events": [[1], []]}),  # readable, but not a history
        marshal.dumps(
            {
                "versions": {},
                "events": [() for _ in range(14)],
                "mainline": ["x"],
                "mainline_dates": [],
                "branch_links": {},
                "path_history": {},
                "invalid_before": {},
                "deleted": {},
                "aliases": {},
            }
        ),
    ]
    for damaged in wrong_shapes:
        path.write_bytes(header + damaged)
        assert load_cache(path, key) is None
        assert _events(repo) == expected
        assert load_cache(path, key) is not None  # written again


def test_a_damaged_journal_is_ignored_and_its_commits_are_read_again(repo):
    _events(repo)
    save(
        repo,
        "radweg",
        "Build radweg",
        title="Radweg-Netz",
        status="implementation",
        municipalities=["rheine", "emsdetten"],
    )
    _events(repo)
    journal = _cache_dir(repo) / JOURNAL_NAME
    header, body = _split(journal)
    journal.write_bytes(header + body[: len(body) // 2])
    events = _events(repo)
    assert events == _fresh(repo) and events[0]["subject"] == "Build radweg"


def test_a_journal_made_on_another_base_is_ignored(repo, monkeypatch):
    _events(repo)
    save(
        repo,
        "radweg",
        "Build radweg",
        title="Radweg-Netz",
        status="implementation",
        municipalities=["rheine", "emsdetten"],
    )
    _events(repo)
    journal = _cache_dir(repo) / JOURNAL_NAME
    old_journal = journal.read_bytes()
    monkeypatch.setattr(cache_module, "MAX_JOURNAL", 0)  # the next commit rewrites the whole cache
    save(
        repo, "radweg", "Finish radweg", title="Radweg-Netz", status="completed", municipalities=["rheine", "emsdetten"]
    )
    _events(repo)
    assert not journal.exists()
    journal.write_bytes(old_journal)  # its base is two commits back
    events = _events(repo)
    assert events == _fresh(repo) and [event["subject"] for event in events[:2]] == ["Finish radweg", "Build radweg"]


def test_cache_files_of_the_previous_format_are_removed(repo):
    folder = _cache_dir(repo)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("history-v1.cache", "history-v1.journal"):
        (folder / name).write_bytes(b"portfolio-history\nold")
    _events(repo)
    assert sorted(path.name for path in folder.iterdir()) == [CACHE_NAME]


def test_a_rebase_reuses_the_versions_already_parsed(repo, monkeypatch):
    parsed: list[bytes] = []

    class RecordingBlobReader(BlobReader):
        def __init__(self, repo, vocabulary, versions, parse):
            def recording(raw, vocabulary):
                parsed.append(raw)
                return parse(raw, vocabulary)

            super().__init__(repo, vocabulary, versions, recording)

    monkeypatch.setattr(engine, "BlobReader", RecordingBlobReader)
    git(repo, "switch", "-q", "-c", "feature")
    save(repo, "schulen", "Add schulen", author="cem", title="Digitale Schulen")
    _events(repo)
    git(repo, "switch", "-q", "main")
    save(
        repo,
        "radweg",
        "Build radweg",
        title="Radweg-Netz",
        status="implementation",
        municipalities=["rheine", "emsdetten"],
    )
    git(repo, "switch", "-q", "feature")
    parsed.clear()
    git(repo, "rebase", "-q", "main")
    rebased = _events(repo)
    assert [event["subject"] for event in rebased[:2]] == ["Add schulen", "Build radweg"]
    assert len(parsed) == 1 and b'status = "implementation"' in parsed[0]  # only the version the cache lacked
    monkeypatch.undo()
    assert rebased == _fresh(repo)


def test_a_failing_parse_stops_git_instead_of_hanging(tmp_path):
    root = tmp_path / "blobs"
    git(tmp_path, "init", "-q", str(root))
    for number in range(40):  # far more than a pipe holds, so git would block if nobody read its answers
        (root / f"file-{number}.txt").write_text(f"{number}\n" + "x" * 16000, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "blobs")
    shas = [line.split()[2] for line in git(root, "ls-tree", "HEAD").splitlines()]

    def broken(raw, vocabulary):
        raise ValueError("cannot parse this")

    outcome: dict[str, BaseException] = {}

    def read() -> None:
        try:
            with gitpython.Repo(root) as repository, BlobReader(repository, None, {}, broken) as reader:
                for sha in shas:
                    reader.request(sha)
                reader.finish()
        except BaseException as error:  # noqa: BLE001 - the test looks at what came out
            outcome["error"] = error

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "reading blobs hung after a parse failed"
    assert isinstance(outcome.get("error"), ValueError) and "cannot parse this" in str(outcome["error"])
