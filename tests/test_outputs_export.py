"""The core calls behind ``export`` and ``report``: bytes, whether they are binary, and what was left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from report_fixtures import example_root  # noqa: F401 - a fixture

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.outputs.export import BadReportOption, export_portfolio, report_day, write_report
from portfolio.typed_input import parse_date


def test_export_names_the_broken_file_it_left_out_and_keeps_the_rest(example_root: Path) -> None:  # noqa: F811
    (example_root / "projects" / "kaputt.toml").write_text("title = \n", encoding="utf-8")
    vocabulary = load_vocabulary(example_root)
    written = export_portfolio(example_root, vocabulary, "csv", plain=True)
    assert list(written.broken) == ["projects/kaputt.toml"] and not written.binary
    lines = written.data.decode("utf-8").splitlines()
    assert lines[0].startswith("id,title,") and len([line for line in lines if line.startswith("solarkataster")]) == 1
    xlsx = export_portfolio(example_root, vocabulary, "xlsx")
    assert xlsx.binary and xlsx.data.startswith(b"PK\x03\x04")


def test_report_takes_a_day_as_people_type_it(example_root: Path) -> None:  # noqa: F811
    assert parse_date("2026-03-01") == parse_date("01.03.2026") == report_day("1.3.2026", "--since") == date(2026, 3, 1)
    assert report_day(None, "--since") is None
    for wrong in ("1.3.26", "2026-13-01", "next week", "01.03.2026.1"):
        with pytest.raises(BadReportOption) as caught:
            report_day(wrong, "--since")
        assert caught.value.exit_code == 2 and caught.value.message.startswith("--since")
    html = write_report(example_root, load_vocabulary(example_root), "html", since="01.01.2024").data
    assert html.startswith(b"<!DOCTYPE html>") or html.lower().startswith(b"<!doctype html>")
