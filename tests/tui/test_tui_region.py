"""The region view: municipalities x fields of action; choosing a cell filters the table."""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static
from tui_helpers import cell_text, column_text, settle

from tui.app import create_app


async def test_region_matrix_counts_and_cell_filtering(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        region = app.screen
        assert region.id == "region"
        matrix = region.query_one("#region-matrix", DataTable)
        vocabulary = app.main_screen.portfolio.vocabulary
        row = vocabulary.municipality_slugs.index("rheine")
        column = vocabulary.field_slugs.index("umwelt") + 1
        assert cell_text(matrix, row, 0) == "Rheine"
        assert cell_text(matrix, row, column).strip() == "1"
        empty = vocabulary.field_slugs.index("wirtschaft") + 1
        assert cell_text(matrix, row, empty).strip() == "·"
        counts = str(region.query_one("#status-counts", Static).content)
        assert "1. Idee: 1" in counts and "2. Konzeption: 1" in counts and "total: 5" in counts
        matrix.move_cursor(row=row, column=vocabulary.field_slugs.index("umwelt") + 1)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "main"
        table = app.screen.query_one("#projects", DataTable)
        assert column_text(table, 0) == ["gruenflaechen"]
        chosen = app.screen.project_filter
        assert chosen.municipalities == {"rheine"} and chosen.fields == {"umwelt"}
        assert not chosen.district_wide  # as the cell counts: Rheine's own projects
        assert str(app.screen.query_one("#filter-municipalities", Static).content) == "Rheine ▾"
        assert str(app.screen.query_one("#status-line", Static).content).startswith("1 of 5 projects")


async def test_region_cell_with_several_projects_and_escape_goes_back(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        matrix = app.screen.query_one("#region-matrix", DataTable)
        vocabulary = app.main_screen.portfolio.vocabulary
        shades = {
            cell_text(matrix, vocabulary.municipality_slugs.index("kreis-steinfurt"), c).strip()
            for c in range(1, len(vocabulary.field_slugs) + 1)
        }
        assert "1" in shades
        value = matrix.get_cell_at(
            Coordinate(
                vocabulary.municipality_slugs.index("kreis-steinfurt"), vocabulary.field_slugs.index("energie") + 1
            )
        )
        assert value.style  # a non-empty cell is shaded
        await pilot.press("escape")
        assert app.screen.id == "main"
        assert app.screen.query_one("#projects", DataTable).row_count == 5
