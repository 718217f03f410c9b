import tomllib

from portfolio.positions import has_comment, scan

TEXT = '''# leading comment
title = "Hallo # kein Kommentar"
"quoted key" = 'x'
municipalities = [
    "rheine",  # trailing comment
    "greven",
]
description = """
Zeile mit "Anführungszeichen" und # Raute
Ende""\"""
funding = [
    { source = "EU", amount_eur = 5 },
    { source = "Land", programme = "X" },
]
[[milestones]]
title = "a"
due = 2024-01-01

[[milestones]]
title = "b"
'''


def test_scanner_maps_keys_values_and_list_items_to_lines_and_columns():
    tomllib.loads(TEXT)  # the scanner only ever sees valid TOML
    source = scan(TEXT)
    assert (source.values[("title",)].line, source.values[("title",)].column) == (2, 9)
    assert source.keys[("quoted key",)].line == 3
    assert (source.values[("municipalities", 1)].line, source.values[("municipalities", 1)].column) == (6, 5)
    assert source.values[("funding", 1, "programme")].line == 13
    assert source.values[("milestones", 1, "title")].line == 20
    assert source.values[("milestones", 0, "due")].line == 17


def test_scanner_finds_only_real_comments():
    source = scan(TEXT)
    assert [(c.line, c.column) for c in source.comments] == [(1, 1), (5, 16)]
    assert not has_comment('title = "# no comment"\n')
    assert has_comment('title = "x" # yes\n')


def test_find_falls_back_to_the_enclosing_key():
    source = scan(TEXT)
    assert source.find(("municipalities", 7)).line == 4
    assert source.find(("nowhere",)) is None
