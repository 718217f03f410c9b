"""The cumulative-flow chart: per period, a bar of the projects in each status, stacked in status order."""

from __future__ import annotations

from textual.content import Content

from portfolio.domain.vocabulary import Vocabulary
from portfolio.i18n import _
from tui.history.rows import FlowPoint
from tui.text import literal
from tui.widgets.measured_static import MeasuredStatic

# One colour per position in the status order; a region with more statuses reuses them.
PALETTE = ("#6c757d", "#17a2b8", "#007bff", "#fd7e14", "#28a745", "#20c997", "#ffc107", "#dc3545")
BAR_WIDTH = 60


def trim_unchanged_tail(points: list[FlowPoint], now_label: str) -> list[FlowPoint]:
    """Drop the periods after the last change; their counts are shown once, as ``now_label``.

    The chart then ends where the portfolio last changed instead of at today's date.
    """
    end = len(points)
    while end > 1 and dict(points[end - 1].counts) == dict(points[end - 2].counts):
        end -= 1
    if end == len(points):
        return list(points)
    return [*points[:end], FlowPoint(now_label, points[-1].counts)]


def flow_content(points: list[FlowPoint], vocabulary: Vocabulary, width: int = BAR_WIDTH) -> Content:
    if not points:
        return literal(_("No status changes recorded yet."))
    points = trim_unchanged_tail(points, _("now"))
    label_width = max(len(point.when) for point in points)
    largest = max((sum(point.counts.values()) for point in points), default=0) or 1
    bar_width = max(10, width - label_width - 6)
    parts: list[Content] = []
    legend = [
        Content.styled(f"█ {vocabulary.label('status', slug)}  ", PALETTE[index % len(PALETTE)])
        for index, slug in enumerate(vocabulary.status_slugs)
    ]
    parts.append(Content("").join(legend))
    for point in points:
        line = [literal(f"{point.when:<{label_width}} ")]
        for index, slug in enumerate(vocabulary.status_slugs):
            count = point.counts.get(slug, 0)
            cells = round(count * bar_width / largest)
            if cells:
                line.append(Content.styled("█" * cells, PALETTE[index % len(PALETTE)]))
        line.append(literal(f" {sum(point.counts.values())}"))
        parts.append(Content("").join(line))
    return Content("\n").join(parts)


class FlowChart(MeasuredStatic):
    def show(self, points: list[FlowPoint], vocabulary: Vocabulary) -> None:
        width = self.content_size.width or BAR_WIDTH
        self.update(flow_content(points, vocabulary, width))

    def show_note(self, text: str) -> None:
        self.update(literal(text, multiline=True))
