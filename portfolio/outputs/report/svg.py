"""The cumulative-flow chart of statuses over time as inline SVG (no script, no font, no network).

Statuses are stacked in reverse vocabulary order, so that finished work lies at the bottom and new
ideas on top, as cumulative-flow diagrams are read. The colours come from ``palette``; white lines
separate the areas and each area wide enough carries its status's name, so that colour is not the
only sign. ``desc`` says in words what the chart shows; the report gives its data as tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from portfolio.history import TimelinePeriod
from portfolio.outputs.report.palette import status_colour, text_colour_on

WIDTH, HEIGHT = 800, 360
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
MIN_LABEL_HEIGHT = 16  # an area lower than this at the right end has no room for its name


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


def _direct_label(text: str, colour: str, right: float, above: float, below: float) -> str:
    """The status's name written on its area at the right end, where the area is tall enough."""
    if below - above < MIN_LABEL_HEIGHT:
        return ""
    return (
        f'<text x="{right - 6:.1f}" y="{(above + below) / 2 + 4:.1f}" text-anchor="end" '
        f'class="direct-label" fill="{text_colour_on(colour)}">{escape(text)}</text>'
    )


def flow_chart(
    periods: Sequence[TimelinePeriod],
    statuses: Sequence[str],
    label: Callable[[str], str],
    title: str,
    number: Callable[[int], str],
    desc: str = "",
) -> str:
    """An SVG element; ``label`` names a status, ``number`` formats an axis number, ``desc`` says
    in words what the chart shows (read by screen readers with the title)."""
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
        f'aria-labelledby="flow-chart-title flow-chart-desc" class="flow-chart">'
        f'<title id="flow-chart-title">{escape(title)}</title><desc id="flow-chart-desc">{escape(desc)}</desc>'
    ]
    for value in range(0, top + 1, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
            f"{escape(number(value))}</text>"
        )
    below = [0] * count
    labels = []
    for index, slug in reversed(list(enumerate(statuses))):
        above = [below[i] + periods[i].counts.get(slug, 0) for i in range(count)]
        if any(above[i] != below[i] for i in range(count)):
            colour = status_colour(index)
            parts.append(
                f'<path d="{_area_path(count, above, below, x, y)}" fill="{colour}" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round" class="area">'
                f"<title>{escape(label(slug))}</title></path>"
            )
            if count > 1:
                labels.append(_direct_label(label(slug), colour, x(count - 1), y(above[-1]), y(below[-1])))
        below = above
    parts.extend(labels)  # after every area, so that no area covers a label
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="axis"/>')
    parts.extend(_year_ticks(periods, x, y(0)))
    parts.append("</svg>")
    return "".join(parts)
