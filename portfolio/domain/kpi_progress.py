"""How far a KPI has come: its measurements in order, the latest one's place between baseline and target.

Progress is ``(latest - baseline) / (target - baseline)`` as a percentage: 0 % at the baseline, 100 %
at the target, whichever way the target lies (fewer tonnes of CO2 as much as more sensors). It is
not cut at either end: 120 % has gone past the target, -10 % went the wrong way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portfolio.domain.model import Kpi, Measurement

SPARK_BARS = "▁▂▃▄▅▆▇█"


def kpi_series(kpi: Kpi, measurements: Iterable[Measurement]) -> list[Measurement]:
    """The measurements of ``kpi``, oldest first."""
    return sorted((m for m in measurements if m.kpi == kpi.name), key=lambda m: m.date)


def kpi_progress(kpi: Kpi, series: Sequence[Measurement]) -> float | None:
    """The latest value's progress from baseline to target in percent; None without a measurement,
    a baseline and a target that differs from it."""
    if not series or kpi.baseline is None or kpi.target is None or kpi.target == kpi.baseline:
        return None
    return (series[-1].value - kpi.baseline) / (kpi.target - kpi.baseline) * 100


def sparkline(values: Sequence[float]) -> str:
    """One character per value, its height between the smallest and the largest value ("" for none)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK_BARS[len(SPARK_BARS) // 2] * len(values)
    steps = len(SPARK_BARS) - 1
    return "".join(SPARK_BARS[round((value - low) / (high - low) * steps)] for value in values)
