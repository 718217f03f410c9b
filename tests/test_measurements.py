"""KPIs measured over time: each measurement names one of the project's KPIs; progress and sparkline."""

from __future__ import annotations

from datetime import date

import pytest
from checked_file import check_errors, errors_of, position_of, write_file

from portfolio.domain.kpi_progress import kpi_progress, kpi_series, sparkline
from portfolio.domain.model import Kpi, Measurement

KPIS = """kpis = [
    { name = "Sensoren", unit = "Stück", baseline = 0, target = 200 },
    { name = "Stromverbrauch", unit = "MWh/a", baseline = 2400, target = 900 },
]
"""


def test_measurements_of_known_kpis_pass_and_show_tells_progress(run, portfolio_root):
    write_file(
        portfolio_root,
        "messung",
        KPIS + "measurements = [\n"
        '    { kpi = "Sensoren", date = 2026-06-30, value = 150 },\n'
        '    { kpi = "Sensoren", date = 2025-12-31, value = 40, note = "Zählung im Netzserver" },\n'
        '    { kpi = "Stromverbrauch", date = 2025-12-31, value = 1650.5 },\n'
        "]\n",
    )
    assert check_errors(run, strict=True) == []
    shown = run("--lang", "en", "show", "messung").stdout
    # The latest value by date (not by place in the file), its progress from baseline to target.
    assert "Sensoren: 0 -> 200 Stück  ▁█ now 150 (2026-06-30) 75 %" in shown
    # A target below the baseline: less is progress.
    assert "Stromverbrauch: 2,400 -> 900 MWh/a  ▅ now 1,650.5 (2025-12-31) 50 %" in shown
    assert "2025-12-31 Sensoren: 40 Stück (Zählung im Netzserver)" in shown


def test_a_measurement_of_an_unknown_kpi_is_refused_at_its_name(run, portfolio_root):
    text = write_file(
        portfolio_root,
        "messung",
        KPIS + 'measurements = [\n    { kpi = "Sensorn", date = 2026-06-30, value = 150 },\n]\n',
    )
    found = errors_of(run, "messung", "unknown-kpi")
    assert [(line, column) for line, column, _ in found] == [position_of(text, '"Sensorn"')]
    assert "did you mean 'Sensoren'" in found[0][2]


@pytest.mark.parametrize(
    "entry, code, needle",
    [
        ('{ kpi = "Sensoren", date = 2026-06-30, value = "viele" }', "number-type", '"viele"'),
        ('{ kpi = "Sensoren", value = 3 }', "missing-key", "{ kpi"),
        ('{ kpi = "Sensoren", date = 2026-06-30, value = 3, einheit = "x" }', "unknown-key", "einheit"),
    ],
)
def test_each_refusal_points_at_its_value(run, portfolio_root, entry, code, needle):
    text = write_file(portfolio_root, "messung", KPIS + f"measurements = [\n    {entry},\n]\n")
    found = errors_of(run, "messung", code)
    assert found, check_errors(run)
    assert (found[0][0], found[0][1]) == position_of(text, needle)


def test_one_kpi_measured_twice_on_one_day_is_refused(run, portfolio_root):
    row = '{ kpi = "Sensoren", date = 2026-06-30, value = 150 }'
    text = write_file(portfolio_root, "messung", KPIS + f"measurements = [\n    {row},\n    {row},\n]\n")
    found = errors_of(run, "messung", "duplicate")
    assert [(line, column) for line, column, _ in found] == [position_of(text, "2026-06-30", 2)]


def test_progress_needs_a_measurement_a_baseline_and_a_different_target():
    kpi = Kpi(name="Plätze", baseline=180, target=420)
    series = kpi_series(kpi, [Measurement(kpi="Plätze", date=date(2025, 1, 1), value=300)])
    assert kpi_progress(kpi, series) == 50
    assert kpi_progress(kpi, []) is None
    assert kpi_progress(Kpi(name="Plätze", target=420), series) is None
    assert kpi_progress(Kpi(name="Plätze", baseline=420, target=420), series) is None
    # Past the target and the wrong way are told as they are, not cut.
    beyond = [Measurement(kpi="Plätze", date=date(2025, 1, 1), value=540)]
    assert kpi_progress(kpi, beyond) == 150


def test_the_sparkline_has_one_bar_per_value_lowest_to_highest():
    assert sparkline([]) == ""
    assert sparkline([1, 8]) == "▁█"
    assert sparkline([0, 50, 100, 50]) == "▁▅█▅"
    assert sparkline([3, 3, 3]) == "▅▅▅"
