"""An invalid id is refused data (exit 1) in every command that takes one, with the same message."""

from __future__ import annotations

import pytest
from history_fixtures import save


@pytest.mark.parametrize(
    "args",
    [
        ("new", "Bad_Id", "--title", "Ein Titel", "--module", "2", "--municipality", "rheine", "--field", "verwaltung"),
        ("set", "Bad_Id", "status=idea"),
        ("show", "Bad_Id"),
        ("rename", "radweg", "Bad_Id"),
        ("restore", "Bad_Id"),
    ],
    ids=["new", "set", "show", "rename", "restore"],
)
def test_an_invalid_id_exits_1(run, portfolio_root, args):
    save(portfolio_root, "radweg", "Add radweg")
    result = run(*args)

    assert result.exit_code == 1, result.output
    assert "'Bad_Id' is not a valid project id" in result.output
