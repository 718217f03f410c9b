"""The canonical form keeps every array one item per line, also for long tables."""

from datetime import date

from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.canonical import canonical_text

VOCABULARY = load_vocabulary()
BASE = {
    "title": "Pegel-Frühwarnsystem",
    "module": 3,
    "status": "operation",
    "municipalities": ["rheine"],
    "fields_of_action": ["umwelt"],
}


def test_long_tables_stay_inline_in_key_order():
    long_title = "Ein sehr langer Meilenstein, der weit über hundert Zeichen hinausgeht, damit die Zeile lang wird"
    project = parse_project(
        {
            **BASE,
            "milestones": [{"title": long_title, "due": date(2026, 1, 31), "done": True}, {"title": "Kurz"}],
            "links": ["https://www.rheine.de"],
            "notes": "Zum Schluss",
        },
        VOCABULARY,
    )
    text = canonical_text(project)
    assert "[[" not in text
    assert text.endswith(
        "milestones = [\n"
        f'    {{ title = "{long_title}", due = 2026-01-31, done = true }},\n'
        '    { title = "Kurz" },\n'
        "]\n"
        "links = [\n"
        '    "https://www.rheine.de",\n'
        "]\n"
        'notes = "Zum Schluss"\n'
    )


def test_text_with_line_breaks_is_a_multiline_string_and_quotes_are_escaped():
    project = parse_project({**BASE, "description": 'Zeile "eins"\nZeile zwei'}, VOCABULARY)
    assert 'description = """\nZeile \\"eins\\"\nZeile zwei"""\n' in canonical_text(project)
