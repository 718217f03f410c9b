"""A cache file that is not what it says: a FIFO, a device, flipped bytes, crafted lengths."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from history_fixtures import fresh_events

import portfolio.history.cache_file as cache_file_module
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.history.cache import fingerprint, load_cache
from portfolio.history.cache_place import CACHE_NAME
from portfolio.history.engine import compute
from portfolio.history.views import History

SOURCES = str(Path(__file__).resolve().parents[1])


def _events(root: Path) -> list[dict]:
    return [event.to_json(with_id=True) for event in History(compute(root)).events]


def _cache(root: Path) -> Path:
    return root / ".git" / "portfolio" / CACHE_NAME


def _history_bounded(root: Path) -> subprocess.CompletedProcess:
    """`portfolio history radweg` in a process of at most 2 GiB that must answer within 30 s."""
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        from portfolio.cli.app import cli
        sys.argv = ["portfolio", "--repo", {str(root)!r}, "history", "radweg"]
        cli()
        """
    )
    env = {**os.environ, "PYTHONPATH": SOURCES}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=30, check=False
    )


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_fifo_or_a_device_as_the_cache_answers_quickly_and_right(repo, kind):
    compute(repo)  # the cache exists, so the command reads it (it does not read one project alone)
    expected = _history_bounded(repo)
    assert expected.returncode == 0 and "bernd" in expected.stdout
    shutil.rmtree(repo / ".git" / "portfolio" / "outputs")  # not answered as kept: the cache is read
    path = _cache(repo)
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = _history_bounded(repo)
    assert (result.returncode, result.stdout) == (0, expected.stdout), result.stderr
    assert "Traceback" not in result.stderr


def test_a_flipped_byte_in_the_payload_never_gives_wrong_history(repo):
    expected = _events(repo)
    path = _cache(repo)
    raw = path.read_bytes()
    at = raw.rindex(b"bernd")
    path.write_bytes(raw[:at] + b"berne" + raw[at + 5 :])
    assert _events(repo) == expected == fresh_events(repo)
    assert load_cache(path, fingerprint(load_vocabulary(repo))) is not None  # written again


def test_a_header_declaring_a_huge_length_is_damage(repo):
    expected = _events(repo)
    path = _cache(repo)
    raw = path.read_bytes()
    magic_end = raw.index(b"\n") + 1
    header_end = raw.index(b"\n", magic_end) + 1
    fields = raw[magic_end : header_end - 1].split()
    fields[2] = str(1 << 60).encode()
    path.write_bytes(raw[:magic_end] + b" ".join(fields) + b"\n" + raw[header_end:])
    assert load_cache(path, fingerprint(load_vocabulary(repo))) is None
    assert _events(repo) == expected


def test_memory_error_while_loading_is_damage(repo, monkeypatch):
    expected = _events(repo)
    vocabulary = fingerprint(load_vocabulary(repo))  # before marshal is broken: the vocabulary uses it too

    def exhausted(data):
        raise MemoryError

    monkeypatch.setattr(cache_file_module.marshal, "loads", exhausted)
    assert load_cache(_cache(repo), vocabulary) is None
    assert _events(repo) == expected
