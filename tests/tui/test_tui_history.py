"""History tab, Blame view and the cumulative-flow chart (need the history engine, issue 3)."""

from __future__ import annotations

from textual.widgets import DataTable, Static
from tui_helpers import column_text, commit, highlight, open_history, settle

from tui.app import create_app


async def test_history_of_a_project_with_several_commits(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        history = await open_history(pilot, "solarkataster")
        assert history.row_count == 3, str(app.screen.query_one("#history-note", Static).content)
        assert column_text(history, 0) == ["2026-03-07 09:00", "2026-02-07 09:00", "2026-01-07 09:00"]
        assert set(column_text(history, 2)) == {"Test Author"}
        changes = column_text(history, 1)
        assert changes[0] == "Status: Konzeption -> Umsetzung"  # labels and arrows as `portfolio history` writes them
        assert changes[1] == "Status: Idee -> Konzeption"
        assert changes[2].startswith("created")
        assert column_text(history, 3)[0] == "Status of solarkataster: concept -> implementation"
        assert "3 changes" in str(app.screen.query_one("#history-note", Static).content)
        blame = app.screen.query_one("#blame", DataTable)
        by_field = dict(zip(column_text(blame, 0), column_text(blame, 2)))
        assert by_field["Status"] == "2026-03-07 09:00"
        assert by_field["Title"] == "2026-01-07 09:00"
        # Moving to another project shows its history instead.
        await highlight(pilot, "buergerdienste")
        await settle(pilot)
        assert history.row_count == 1


async def test_region_view_shows_the_cumulative_flow(tui_repo):
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        chart = str(app.screen.query_one("#flow", Static).content)
        assert "2026-01" in chart and "2026-03" in chart
        # At the end of March: solarkataster is in implementation, the others unchanged.
        lines = chart.splitlines()
        march = next(line for line in lines if line.startswith("2026-03"))
        assert march.rstrip().endswith(" 5")
        # Periods after the last change are one line, "now", so the chart does not depend on today's date.
        assert lines[-1].startswith("now") and not any(line.startswith("2026-04") for line in lines)


async def test_history_names_the_merged_pull_request(tui_repo):
    import git

    repo = git.Repo(tui_repo)
    try:
        repo.git.switch("-c", "status-update")
        path = tui_repo / "projects" / "wlan-rathaus.toml"
        path.write_text(path.read_text(encoding="utf-8").replace('"completed"', '"operation"'), encoding="utf-8")
        commit(
            tui_repo,
            ["projects/wlan-rathaus.toml"],
            "Status of wlan-rathaus: completed -> operation",
            "2026-04-01T10:00:00+02:00",
        )
        repo.git.switch("main")
        repo.git.merge(
            "--no-ff",
            "-m",
            "Merge pull request #7 from status-update",
            "status-update",
            env={"GIT_AUTHOR_DATE": "2026-04-02T10:00:00+02:00", "GIT_COMMITTER_DATE": "2026-04-02T10:00:00+02:00"},
        )
    finally:
        repo.close()
    app = create_app(tui_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        history = await open_history(pilot, "wlan-rathaus")
        assert column_text(history, 1)[0] == "Status: Abgeschlossen -> Betrieb"
        assert column_text(history, 4)[0] == "Merge pull request #7 from status-update"
