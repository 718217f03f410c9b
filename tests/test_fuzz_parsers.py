"""Fuzz tests of the parsers that read input from outside: CSV, XLSX, the merge driver and the
history cache. Property: never an exception other than the tool's own refusal (PortfolioError),
never a hang. Fixed seed, bounded examples (each test a few seconds)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import tomli_w
from factories import minimal_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.errors import PortfolioError
from portfolio.git.merge_driver import merge_file_bytes
from portfolio.history.cache import fingerprint, load_cache
from portfolio.history.cache_place import CACHE_NAME
from portfolio.history.engine import compute
from portfolio.outputs.csv_reading import read_csv
from portfolio.outputs.spreadsheet import xlsx_bytes
from portfolio.outputs.xlsx_reading import read_xlsx

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PROJECT = tomli_w.dumps(minimal_project(), multiline_strings=True).encode()
XLSX = xlsx_bytes([["ID", "Title"], ["a-b", "x"], ["c-d", "=1+2"]], "s")


def mutated(raw: bytes):
    """``raw`` with a few bytes replaced, inserted or cut (a damaged file is mostly a good one)."""

    @st.composite
    def strategy(draw):
        data = bytearray(raw)
        for _edit in range(draw(st.integers(1, 4))):
            position = draw(st.integers(0, max(0, len(data) - 1)))
            action = draw(st.sampled_from(["replace", "insert", "cut"]))
            chunk = draw(st.binary(min_size=1, max_size=8))
            if action == "replace":
                data[position : position + len(chunk)] = chunk
            elif action == "insert":
                data[position:position] = chunk
            else:
                del data[position : position + len(chunk)]
        return bytes(data)

    return strategy()


CSV_PIECES = st.lists(st.sampled_from([";", ",", "\t", '"', "\n", "\r", "\r\n", "a", "ä", "=", "'", "\ufeff", "\x00"]))


@FUZZ
@given(st.one_of(st.binary(max_size=200), CSV_PIECES.map(lambda pieces: "".join(pieces).encode("utf-8"))))
def test_csv_reader_reads_or_refuses(raw):
    try:
        sheet = read_csv(raw, "fuzz.csv")
    except PortfolioError as error:
        assert error.message.startswith("fuzz.csv")
    else:
        assert all(isinstance(row, list) for row in sheet.rows)


@FUZZ
@given(st.one_of(mutated(XLSX), st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail)))
def test_xlsx_reader_reads_or_refuses(raw):
    try:
        read_xlsx(raw, "fuzz.xlsx")
    except PortfolioError as error:
        assert error.message.startswith("fuzz.xlsx")


def _xml_edit(part: str, xml: bytes, position: int, insert: bytes) -> bytes:
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(XLSX))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = data[:position] + insert + data[position:]
            target.writestr(info.filename, data)
    return buffer.getvalue()


PARTS = sorted(zipfile.ZipFile(io.BytesIO(XLSX)).namelist())


@FUZZ
@given(
    st.sampled_from(PARTS),
    st.integers(0, 2000),
    st.sampled_from([b"<", b">", b"&", b'"', b"<x>", b"&amp", b"\x00", b"<!DOCTYPE"]),
)
def test_xlsx_reader_refuses_damaged_xml_clearly(part, position, insert):
    raw = _xml_edit(part, b"", position, insert)
    try:
        read_xlsx(raw, "fuzz.xlsx")
    except PortfolioError as error:
        assert error.message.startswith("fuzz.xlsx")


@FUZZ
@given(st.one_of(mutated(PROJECT), st.binary(max_size=100)), mutated(PROJECT))
def test_merge_driver_merges_or_reports(ours, theirs):
    merge = merge_file_bytes(PROJECT, ours, theirs, "projects/a.toml")
    assert merge.result is None or isinstance(merge.result, bytes)
    merge.messages()


@pytest.fixture(scope="module")
def cached_history(tmp_path_factory) -> tuple[bytes, str]:
    from history_fixtures import save

    from portfolio.git.scaffold import init_portfolio

    root = init_portfolio(tmp_path_factory.mktemp("fuzz") / "portfolio", example=False, commit=True)
    save(root, "radweg", "Add radweg", title="Radweg-Netz")
    save(root, "radweg", "Edit radweg", title="Radweg-Netz 2")
    compute(root)
    path = root / ".git" / "portfolio" / CACHE_NAME
    return path.read_bytes(), fingerprint(load_vocabulary(root))


@FUZZ
@given(st.data())
def test_history_cache_loader_loads_or_ignores(cached_history, tmp_path_factory, data):
    raw, key = cached_history
    damaged = data.draw(st.one_of(mutated(raw), st.binary(max_size=200)))
    path = Path(tmp_path_factory.mktemp("cache")) / CACHE_NAME
    path.write_bytes(damaged)
    state = load_cache(path, key)
    assert state is None or state.tip is None or isinstance(state.tip, str)
