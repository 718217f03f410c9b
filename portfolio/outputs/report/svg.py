"""The cumulative-flow chart of statuses over time as inline SVG (no script, no font, no network).

Statuses are stacked in reverse vocabulary order, so that finished work lies at the bottom and new
ideas on top, as cumulative-flow diagrams are read. Colours are presentation, not vocabulary: the
n-th status gets the n-th colour of a palette chosen to stay distinguishable in print.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from portfolio.history import TimelinePeriod

PALETTE = (
    "#7fb3d5",
    "#76d7c4",
    "#f7dc6f",
    "#f0b27a",
    "#58d68d",
    "#2e86c1",
    "#a6acaf",
    "#cd6155",
    "#af7ac5",
    "#45b39d",
    "#dc7633",
    "#5d6d7e",
)
WIDTH, HEIGHT = 800, 360
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def status_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _nice_step(maximum: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if maximum / step <= 6:
            return step
    return max(1, maximum // 5)


def _area_path(
    count: int, above: list[int], below: list[int], x: Callable[[int], float], y: Callable[[float], float]
) -> str:
    """The outline of one status's band between the counts below it and above it (a bar for one period)."""
    if count == 1:
        points = [
            (x(0) - 20, y(above[0])),
            (x(0) + 20, y(above[0])),
            (x(0) + 20, y(below[0])),
            (x(0) - 20, y(below[0])),
        ]
    else:
        points = [(x(i), y(above[i])) for i in range(count)]
        points += [(x(i), y(below[i])) for i in reversed(range(count))]
    return "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in points) + " Z"


def _year_ticks(periods: Sequence[TimelinePeriod], x: Callable[[int], float], base: float) -> list[str]:
    """A tick and the year under the first period of each year."""
    labelled = [i for i, period in enumerate(periods) if i == 0 or period.start.year != periods[i - 1].start.year]
    if len(labelled) > 1 and x(labelled[1]) - x(labelled[0]) < 40:
        labelled.pop(0)  # a short first year: its label would run into the next one
    return [
        f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{base:.1f}" y2="{base + 5:.1f}" class="axis"/>'
        f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">{periods[i].start.year}</text>'
        for i in labelled
    ]


def flow_chart(
    periods: Sequence[TimelinePeriod],
    statuses: Sequence[str],
    label: Callable[[str], str],
    title: str,
    number: Callable[[int], str],
) -> str:
    """An SVG element; ``label`` names a status, ``number`` formats an axis number."""
    if not periods:
        return ""
    totals = [sum(period.counts.get(slug, 0) for slug in statuses) for period in periods]
    top = max(max(totals), 1)
    step = _nice_step(top)
    top = -(-top // step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(periods)

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" class="flow-chart"><title>{escape(title)}</title>'
    ]
    for value in range(0, top + 1, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
            f"{escape(number(value))}</text>"
        )
    below = [0] * count
    order = list(reversed(list(enumerate(statuses))))
    for index, slug in order:
        above = [below[i] + periods[i].counts.get(slug, 0) for i in range(count)]
        if any(above[i] != below[i] for i in range(count)):
            path = _area_path(count, above, below, x, y)
            parts.append(
                f'<path d="{path}" fill="{status_colour(index)}" class="area">'
                f"<title>{escape(label(slug))}</title></path>"
            )
        below = above
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="axis"/>')
    parts.extend(_year_ticks(periods, x, y(0)))
    parts.append("</svg>")
    return "".join(parts)
