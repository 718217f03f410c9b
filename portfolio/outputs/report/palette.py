"""The colours of the statuses in the report, chosen for WCAG 2.1 (1.4.11 non-text contrast).

Colours are presentation, not vocabulary: the n-th status gets the n-th colour. Light and dark
colours alternate, so that every colour has at least 3:1 against the white page and against the
colour of the status before and after it (neighbouring areas of the chart, also across the wrap
to the first colour when a vocabulary has more statuses than colours). The chart also separates
its areas with white lines and names them in text, so colour is never the only sign (1.4.1).
"""

from __future__ import annotations

PALETTE = (
    "#b7791f",  # ochre
    "#15345f",  # navy
    "#3b8fd6",  # blue
    "#6b2410",  # brown
    "#2f9c58",  # green
    "#083a20",  # dark green
    "#a975c8",  # violet
    "#333333",  # dark grey
)
BACKGROUND = "#ffffff"


def status_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    darker, lighter = sorted((relative_luminance(first), relative_luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (labels written on a chart area)."""
    return "#000000" if contrast_ratio(colour, "#000000") >= contrast_ratio(colour, "#ffffff") else "#ffffff"
