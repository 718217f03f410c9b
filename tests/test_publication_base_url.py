"""The address the open-data files are published under (``export --format dcat --base-url``, or
``base_url`` in ``[open_data]``): parsed, https with a host, nothing a catalogue reader could trip on."""

from __future__ import annotations

import json

import pytest
from report_fixtures import example, example_root  # noqa: F401


@pytest.mark.parametrize(
    "url",
    [
        "https://region.example.org/portfolio\nX-Injected: 1",
        "https://region.example.org/port folio/",
        "https://region.example.org/\tportfolio/",
        "https://region.example.org/\x1b[31mportfolio/",
        "https://region.example.org/\u202eportfolio/",
        "http://region.example.org/portfolio/",
        "https:///portfolio/",
        "https://",
        "https:region.example.org",
        "ftp://region.example.org/portfolio/",
        "javascript:alert(1)//",
        "https://user:secret@region.example.org/portfolio/",
        "https://region.example.org/portfolio/?page=1",
        "https://region.example.org/portfolio/#top",
        "https://region.example.org:99999/portfolio/",
    ],
)
def test_a_base_url_that_is_not_a_plain_https_address_is_refused_clearly(example, url):
    result = example("export", "--format", "dcat", "--base-url", url)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "--base-url" in result.stderr and "Traceback" not in result.output
    assert "https://HOST/PATH/" in result.stderr


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://region.example.org/portfolio", "https://region.example.org/portfolio/"),
        ("HTTPS://Region.Example.org/portfolio/", "HTTPS://Region.Example.org/portfolio/"),
        ("https://region.example.org:8443/p/", "https://region.example.org:8443/p/"),
        ("http://localhost:8000/", "http://localhost:8000/"),
        ("http://127.0.0.1:8000/site", "http://127.0.0.1:8000/site/"),
        ("http://[::1]:8000/", "http://[::1]:8000/"),
    ],
)
def test_an_https_address_and_a_local_preview_are_taken(example, url, base):
    result = example("export", "--format", "dcat", "--base-url", url)
    assert result.exit_code == 0, result.output
    assert f'"{base}portfolio.csv"' in result.stdout
    json.loads(result.stdout)


def test_the_base_url_in_portfolio_toml_is_checked_alike_with_its_place(example):
    settings = example.root / "schema" / "portfolio.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("[open_data]\n", '[open_data]\nbase_url = "http://region.example.org/"\n'), encoding="utf-8"
    )
    result = example("export", "--format", "dcat")
    assert result.exit_code == 2, result.output
    assert "schema/portfolio.toml:" in result.stderr and "open_data.base_url" in result.stderr
    assert "https://HOST/PATH/" in result.stderr and "Traceback" not in result.output
