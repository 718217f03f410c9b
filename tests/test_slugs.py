from portfolio.domain.ids import is_valid_id
from portfolio.domain.slugs import propose_id, slug_from_title


def test_slug_transliterates_german_and_drops_punctuation():
    assert slug_from_title("Mobilität für alle!") == "mobilitaet-fuer-alle"
    assert slug_from_title("  Straße & Café  ") == "strasse-cafe"


def test_slug_is_cut_at_a_word_boundary():
    slug = slug_from_title("Sehr " * 30)
    assert len(slug) <= 64 and not slug.endswith("-") and is_valid_id(slug)


def test_propose_id_numbers_collisions_case_insensitively():
    assert propose_id("Radweg", []) == "radweg"
    assert propose_id("Radweg", ["radweg"]) == "radweg-2"
    assert propose_id("Radweg", ["RADWEG", "radweg-2"]) == "radweg-3"


def test_propose_id_gives_nothing_for_titles_without_letters():
    assert propose_id("!!", []) == ""
    assert propose_id("a", []) == ""


def test_long_title_with_collision_stays_a_valid_id():
    title = "x" * 80
    first = propose_id(title, [])
    second = propose_id(title, [first])
    assert is_valid_id(second) and second.endswith("-2") and second != first
