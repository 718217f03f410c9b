from factories import write_project

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.region import region_counts, shade_level
from portfolio.files.loading import load_portfolio


def test_cell_counts_equal_what_the_filter_selects(portfolio_root):
    write_project(portfolio_root, "a-one", municipalities=["rheine", "greven"], fields_of_action=["energie", "umwelt"])
    write_project(portfolio_root, "b-two", municipalities=["rheine"], fields_of_action=["energie"], status="planning")
    write_project(portfolio_root, "c-three", municipalities=["greven"], fields_of_action=["verwaltung"])
    portfolio = load_portfolio(portfolio_root)
    counts = region_counts(portfolio.projects.values(), portfolio.vocabulary)
    assert counts.cell("rheine", "energie") == 2
    assert counts.cell("greven", "umwelt") == 1
    assert counts.cell("ochtrup", "energie") == 0
    assert counts.total == 3 and counts.largest_cell == 2
    assert counts.by_status["idea"] == 2 and counts.by_status["planning"] == 1
    assert list(counts.by_status) == list(portfolio.vocabulary.status_slugs)
    for municipality in portfolio.vocabulary.municipality_slugs:
        for field in portfolio.vocabulary.field_slugs:
            chosen = ProjectFilter(municipalities={municipality}, fields={field}, district_wide=False)
            expected = len(chosen.select(portfolio.projects.values(), portfolio.vocabulary))
            assert counts.cell(municipality, field) == expected


def test_shade_levels():
    assert shade_level(0, 10) == 0
    assert shade_level(1, 10) == 1
    assert shade_level(10, 10) == 5
    assert shade_level(6, 10) == 3
