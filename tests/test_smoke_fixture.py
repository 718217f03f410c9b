from factories import write_project


def test_fixture_portfolio_checks_clean_and_lists_a_written_project(run, portfolio_root):
    write_project(portfolio_root, "buergerdienste")
    result = run("list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"id": "buergerdienste"' in result.output
