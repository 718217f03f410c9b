"""How wide each column of a table is, so that every column fits the width the table has.

Textual's DataTable sizes a column to its widest cell and scrolls sideways when the columns do not
fit; a project manager at 120 columns then saw only the id and the title. Here each column says how
wide its content is (``natural``), how narrow it may get (``minimum``) and how much of the spare
room it wants (``weight``); a cell longer than its column ends in an ellipsis (the full text is in
the detail pane).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnNeed:
    natural: int  # the widest content (cells and caption)
    minimum: int = 4
    weight: int = 1  # share of the room left when not every column gets its natural width


def fit_widths(available: int, needs: list[ColumnNeed]) -> list[int]:
    """A width per column whose sum is at most ``available`` (1 at least, however narrow).

    Columns that need no more than their minimum keep their natural width; the rest of the room is
    shared by weight, and a column never gets more than its natural width while another still
    wants more. Room left over when every column has its natural width goes to the widest weight.
    """
    widths = [min(need.natural, max(need.minimum, 1)) for need in needs]
    if sum(widths) > available and widths:
        # Not even the minimums fit (a very narrow terminal): every column gives up the same share.
        scale = max(available, 0) / sum(widths)
        return [max(1, int(width * scale)) for width in widths]
    room = available - sum(widths)
    wanting = [index for index, need in enumerate(needs) if need.natural > widths[index]]
    while room > 0 and wanting:
        total_weight = sum(needs[index].weight for index in wanting)
        shares = {index: max(1, room * needs[index].weight // total_weight) for index in wanting}
        for index in wanting:
            grant = min(shares[index], needs[index].natural - widths[index], room)
            widths[index] += grant
            room -= grant
            if room <= 0:
                break
        wanting = [index for index in wanting if needs[index].natural > widths[index]]
    if room > 0 and needs:
        widest = max(range(len(needs)), key=lambda index: needs[index].weight)
        widths[widest] += room
    return widths


def columns_that_fit(
    available: int, needs: dict[str, ColumnNeed], gives_way: tuple[str, ...], padding: int
) -> list[str]:
    """The columns (keys of ``needs``, in order) whose minimums fit ``available`` cells, each with its
    ``padding``: the columns of ``gives_way`` are left out, first to last, until the rest fit."""
    kept = list(needs)
    for key in gives_way:
        if sum(min(needs[k].natural, needs[k].minimum) + padding for k in kept) <= available:
            break
        if key in kept and len(kept) > 1:
            kept.remove(key)
    return kept
