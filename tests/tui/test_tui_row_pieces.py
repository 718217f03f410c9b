"""How a table's rows are split into pieces (tui.widgets.row_pieces): a table that fits in one piece
is done at once, a longer one by time from its first piece on."""

from __future__ import annotations

import asyncio

import pytest

from tui.widgets import row_pieces
from tui.widgets.row_pieces import FIRST_PIECE_ROWS, ROWS_A_STEP, first_piece, other_pieces


class Clock:
    """``time.perf_counter`` for the pieces: each step takes ``per_step`` seconds."""

    def __init__(self, per_step: float) -> None:
        self.now = 100.0
        self.per_step = per_step

    def __call__(self) -> float:
        return self.now


def recording_step(clock: Clock, steps: list[tuple[int, int]], says_yes_at: int | None = None):
    def step(start: int, end: int) -> bool:
        steps.append((start, end))
        clock.now += clock.per_step
        return says_yes_at is not None and start <= says_yes_at < end

    return step


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(per_step=0.003)
    monkeypatch.setattr(row_pieces.time, "perf_counter", clock)
    return clock


@pytest.mark.parametrize("total", [0, 1, ROWS_A_STEP + 1, FIRST_PIECE_ROWS])
def test_a_table_that_fits_in_one_piece_is_done_at_once(clock, total):
    steps: list[tuple[int, int]] = []
    said, start = first_piece(recording_step(clock, steps, says_yes_at=total - 1), total)
    assert (said, start) == (total > 0, total)
    assert steps == [(0, total)]


def test_a_longer_table_starts_with_a_piece_of_its_time(clock):
    """8 ms a piece, 3 ms a step: three steps of 100 rows (the third ends past the 8 ms)."""
    total = FIRST_PIECE_ROWS + 1
    steps: list[tuple[int, int]] = []
    said, start = first_piece(recording_step(clock, steps, says_yes_at=250), total)
    assert steps == [(0, ROWS_A_STEP), (ROWS_A_STEP, 2 * ROWS_A_STEP), (2 * ROWS_A_STEP, 3 * ROWS_A_STEP)]
    assert (said, start) == (True, 3 * ROWS_A_STEP)


def test_a_table_filled_again_starts_with_a_piece_of_its_time_however_short(clock):
    steps: list[tuple[int, int]] = []
    said, start = first_piece(recording_step(clock, steps, says_yes_at=5), FIRST_PIECE_ROWS, refill=True)
    assert steps == [(0, ROWS_A_STEP), (ROWS_A_STEP, 2 * ROWS_A_STEP), (2 * ROWS_A_STEP, 3 * ROWS_A_STEP)]
    assert (said, start) == (True, 3 * ROWS_A_STEP)
    steps.clear()
    assert first_piece(recording_step(clock, steps), 40, refill=True) == (False, 40)
    assert steps == [(0, 40)]


def test_a_slow_step_is_still_a_piece_of_one_step(clock):
    clock.per_step = 1.0
    steps: list[tuple[int, int]] = []
    assert first_piece(recording_step(clock, steps), 5000) == (False, ROWS_A_STEP)
    assert steps == [(0, ROWS_A_STEP)]


def test_the_other_pieces_go_on_to_the_last_row_and_tell_whether_any_step_said_yes(clock, monkeypatch):
    monkeypatch.setattr(row_pieces, "PIECE_PAUSE", 0)
    total = FIRST_PIECE_ROWS + 50
    steps: list[tuple[int, int]] = []
    step = recording_step(clock, steps, says_yes_at=total - 1)
    said, start = first_piece(step, total)
    assert not said
    assert asyncio.run(other_pieces(step, start, total, lambda: True)) is True
    assert [end for _start, end in steps] == [*range(ROWS_A_STEP, total, ROWS_A_STEP), total]


def test_other_pieces_stop_when_a_newer_fill_replaced_theirs(clock, monkeypatch):
    monkeypatch.setattr(row_pieces, "PIECE_PAUSE", 0)
    steps: list[tuple[int, int]] = []
    assert asyncio.run(other_pieces(recording_step(clock, steps), 300, 5000, lambda: False)) is None
    assert steps == []
