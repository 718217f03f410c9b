"""Search and filters of the core (shared by the CLI and the UI): umlauts and their spellings, several
words, several values per filter, active only, district-wide projects under a municipality."""

from __future__ import annotations

import time

import pytest
from factories import write_project

from portfolio.domain.filters import ProjectFilter
from portfolio.domain.search import SearchIndex, matched_spans, search_words, text_forms, words_in
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.loading import load_portfolio


def finds(needle: str, text: str) -> bool:
    return words_in(search_words(needle), "\n".join(text_forms(text)))


@pytest.mark.parametrize("needle", ["Bürger", "bürger", "BUERGER", "buerger", "burger", "Burger"])
@pytest.mark.parametrize("text", ["Bürgerbus", "Buergerportal", "buergerdienste"])
def test_umlauts_their_spellings_and_the_plain_vowel_are_alike(needle, text):
    assert finds(needle, text)


@pytest.mark.parametrize("needle", ["Ibbenbüren", "ibbenbueren", "ibbenburen", "IBBEN"])
def test_a_municipality_in_any_spelling(needle):
    assert finds(needle, "Ibbenbüren") and finds(needle, "ibbenbueren")


def test_sharp_s_and_ss_find_each_other_and_other_letters_do_not():
    assert finds("strasse", "Hauptstraße") and finds("Straße", "Hauptstrasse")
    assert finds("GRÜNFLÄCHEN", "gruenflaechen-monitoring")
    assert not finds("bürger", "Burgenland") and not finds("ost", "West")
    assert finds("energie", "Bauenergie") and finds("kirchen", "Neuenkirchen")  # no false negatives mid-word


def test_every_word_must_be_found_somewhere():
    assert finds("bürger portal", "Bürgerportal des Kreises")
    assert finds("kreis bürger", "Bürgerportal des Kreises")
    assert not finds("bürger rathaus", "Bürgerportal des Kreises")
    assert search_words("   ") == ()


def test_matched_spans_point_at_the_text_as_written():
    text = "Gemeinsames Bürgerportal (buergerportal)"
    spans = matched_spans(text, search_words("burger"))
    assert [text[start:end] for start, end in spans] == ["Bürger", "buerger"]
    street = "Hauptstraße"
    assert [street[a:b] for a, b in matched_spans(street, search_words("strasse"))] == ["straße"]


@pytest.fixture
def portfolio(portfolio_root):
    write_project(
        portfolio_root,
        "bodenfeuchte",
        title="Bodenfeuchtesensoren für Stadtbäume",
        municipalities=["ibbenbueren", "lengerich"],
        fields_of_action=["umwelt"],
        status="idea",
    )
    write_project(
        portfolio_root,
        "buergerbus",
        title="Bürgerbus",
        municipalities=["rheine"],
        fields_of_action=["mobilitaet"],
        status="operation",
        lead="Verkehrsverein Rheine",
        partners=["Stadtwerke Rheine"],
        topics=["ehrenamt"],
        description="Fährt auf der Hauptstraße.",
    )
    write_project(
        portfolio_root,
        "radwege-greven",
        title="Radwege",
        municipalities=["greven"],
        fields_of_action=["mobilitaet", "umwelt"],
        status="completed",
        module=3,
    )
    write_project(
        portfolio_root,
        "lorawan",
        title="LoRaWAN für alle",
        municipalities=["kreis-steinfurt"],
        fields_of_action=["technologie"],
        status="operation",
    )
    write_project(
        portfolio_root,
        "kreis-und-rheine",
        title="Gemeinsam",
        municipalities=["kreis-steinfurt", "rheine"],
        fields_of_action=["verwaltung"],
        status="discontinued",
    )
    return load_portfolio(portfolio_root)


def ids(portfolio, **chosen) -> list[str]:
    found = ProjectFilter(**chosen).select(portfolio.projects.values(), portfolio.vocabulary)
    return sorted(stored.id for stored in found)


def test_search_looks_at_municipalities_fields_lead_partners_topics_and_description(portfolio):
    assert ids(portfolio, text="Ibbenbüren") == ["bodenfeuchte"]
    assert ids(portfolio, text="ibbenburen") == ["bodenfeuchte"]
    assert ids(portfolio, text="lengerich") == ["bodenfeuchte"]  # a municipality's name ...
    assert ids(portfolio, text="kreis-steinfurt") == ["kreis-und-rheine", "lorawan"]  # ... and slug
    assert ids(portfolio, text="Mobilität") == ["buergerbus", "radwege-greven"]  # a field's German label ...
    assert ids(portfolio, text="mobility") == ["buergerbus", "radwege-greven"]  # ... and English
    assert ids(portfolio, text="verkehrsverein") == ["buergerbus"]  # lead
    assert ids(portfolio, text="stadtwerke") == ["buergerbus"]  # partners
    assert ids(portfolio, text="ehrenamt") == ["buergerbus"]  # topics
    assert ids(portfolio, text="hauptstrasse") == ["buergerbus"]  # description, ß as ss
    assert ids(portfolio, text="rheine bus") == ["buergerbus"]  # every word, anywhere
    assert ids(portfolio, text="rheine umwelt") == []


def test_several_values_are_any_of_and_filters_all_of(portfolio):
    own = ids(portfolio, municipalities={"greven", "ibbenbueren"}, district_wide=False)
    assert own == ["bodenfeuchte", "radwege-greven"]
    rheine_greven = ids(portfolio, municipalities={"rheine", "greven"}, district_wide=False)
    assert rheine_greven == ["buergerbus", "kreis-und-rheine", "radwege-greven"]
    assert ids(portfolio, statuses={"idea", "completed"}) == ["bodenfeuchte", "radwege-greven"]
    assert ids(portfolio, fields={"umwelt", "technologie"}) == ["bodenfeuchte", "lorawan", "radwege-greven"]
    assert ids(portfolio, fields={"umwelt"}, modules={3}) == ["radwege-greven"]
    assert ids(portfolio, fields={"mobilitaet"}, statuses={"operation"}, text="bürger") == ["buergerbus"]
    assert ids(portfolio, modules=[2, 3]) == ids(portfolio)
    assert ProjectFilter(municipalities="rheine").municipalities == frozenset({"rheine"})


def test_active_only_leaves_out_the_statuses_marked_terminal(portfolio):
    assert portfolio.vocabulary.terminal_statuses == frozenset({"completed", "discontinued"})
    assert ids(portfolio, active_only=True) == ["bodenfeuchte", "buergerbus", "lorawan"]
    assert ids(portfolio, active_only=True, statuses={"completed", "idea"}) == ["bodenfeuchte"]


def test_a_municipality_filter_brings_the_district_wide_projects_marked_unless_switched_off(portfolio):
    vocabulary = portfolio.vocabulary
    assert vocabulary.district_slugs == frozenset({"kreis-steinfurt"})
    assert ids(portfolio, municipalities={"greven"}) == ["kreis-und-rheine", "lorawan", "radwege-greven"]
    assert ids(portfolio, municipalities={"greven"}, district_wide=False) == ["radwege-greven"]
    bound = ProjectFilter(municipalities={"rheine"}).bound(vocabulary)
    marked = {stored.id for stored in bound.select(portfolio.projects.values()) if bound.by_district(stored)}
    assert marked == {"lorawan"}  # kreis-und-rheine is Rheine's own project too
    district = ProjectFilter(municipalities={"kreis-steinfurt"}).bound(vocabulary)
    assert not any(district.by_district(stored) for stored in portfolio.projects.values())
    assert ids(portfolio, district_wide=False) == ids(portfolio)  # without a municipality: no effect


def test_which_municipality_is_district_wide_is_data(portfolio_root):
    path = portfolio_root / "schema" / "municipalities.toml"
    text = path.read_text(encoding="utf-8").replace("district = true\n", "")
    text = text.replace('ags = "05566012"\n', 'ags = "05566012"\ndistrict = true\n')
    path.write_text(text, encoding="utf-8")
    vocabulary = load_vocabulary(portfolio_root)
    assert vocabulary.district_slugs == frozenset({"greven"})
    assert load_vocabulary().district_slugs == frozenset({"kreis-steinfurt"})  # the bundled default


def test_the_index_folds_each_project_once_and_again_after_a_change(portfolio, portfolio_root):
    index = SearchIndex.of(portfolio)
    assert SearchIndex.of(portfolio) is index
    stored = portfolio.projects["buergerbus"]
    assert index.text(stored) is index.text(stored)
    write_project(portfolio_root, "buergerbus", title="Anrufsammeltaxi")
    changed = load_portfolio(portfolio_root).projects["buergerbus"]
    assert index.finds(changed, search_words("taxi")) and not index.finds(changed, search_words("verkehrsverein"))


def test_filtering_5000_projects_stays_fast_enough_for_typing(portfolio):
    """Every keystroke filters the whole portfolio in the UI's event loop."""
    from dataclasses import replace

    template = portfolio.projects["buergerbus"]
    projects = [replace(template, id=f"projekt-{number:04d}") for number in range(5000)]
    index = SearchIndex(portfolio.vocabulary).build(projects)
    chosen = ProjectFilter(text="bürger rheine", municipalities={"rheine", "greven"}, active_only=True)
    started = time.perf_counter()
    for _ in range(5):
        found = chosen.bound(portfolio.vocabulary, index).select(projects)
    per_keystroke = (time.perf_counter() - started) / 5
    assert len(found) == 5000
    assert per_keystroke < 0.1, per_keystroke  # measured: about 10 ms on 2 cores


def _every_kind_of_search(portfolio) -> list[str]:
    """Words from the portfolio's own texts (whole, cut, in other spellings), and words found nowhere."""
    index = SearchIndex(portfolio.vocabulary)
    words = set()
    for stored in portfolio.projects.values():
        for text in index.texts_of(stored):
            for word in text.split()[:4]:
                words.update({word, word[:1], word[:3], word[1:4], word.upper(), word.replace("ü", "ue")})
    words = sorted(word for word in words if word.strip())
    searches = [*words, "zzzz-nirgends", "rheine bürger", "ae", "ß", "strasse", "e r", "bus taxi"]
    searches += [f"{a} {b}" for a, b in zip(words[::7], words[3::11])]
    return searches


def test_the_whole_portfolio_searched_at_once_finds_what_each_project_tested_alone_finds(portfolio):
    from pathlib import Path

    bundled = load_portfolio(Path(__file__).resolve().parents[1])
    for loaded in (portfolio, bundled):
        index = SearchIndex(loaded.vocabulary)
        projects = list(loaded.projects.values())
        searches = _every_kind_of_search(loaded)
        assert len(searches) > 100
        for text in searches:
            words = search_words(text)
            alone = {position for position, stored in enumerate(projects) if index.finds(stored, words)}
            assert index.found(projects, words) == alone, text
        assert index.found(projects, ()) == set(range(len(projects)))  # no words: every project


def test_the_texts_searched_at_once_follow_a_changed_project_and_another_order(portfolio, portfolio_root):
    index = SearchIndex.of(portfolio)
    projects = list(portfolio.projects.values())
    taxi = search_words("anrufsammeltaxi")
    assert index.found(projects, taxi) == set()
    write_project(portfolio_root, "buergerbus", title="Anrufsammeltaxi")
    changed = [load_portfolio(portfolio_root).projects["buergerbus"] if p.id == "buergerbus" else p for p in projects]
    assert [changed[i].id for i in index.found(changed, taxi)] == ["buergerbus"]
    backwards = changed[::-1]
    assert [backwards[i].id for i in index.found(backwards, taxi)] == ["buergerbus"]
    radwege = [stored for stored in backwards if stored.id in ("radwege-greven", "buergerbus")]
    assert [radwege[i].id for i in index.found(radwege, search_words("radwege"))] == ["radwege-greven"]


def test_a_search_folds_only_the_projects_the_other_choices_let_through(portfolio, monkeypatch):
    folded = []
    texts_of = SearchIndex.texts_of
    monkeypatch.setattr(
        SearchIndex, "texts_of", lambda index, stored: folded.append(stored.id) or texts_of(index, stored)
    )
    index = SearchIndex(portfolio.vocabulary)
    found = ProjectFilter(text="rheine", statuses={"operation"}).select(
        portfolio.projects.values(), portfolio.vocabulary, index
    )
    operating = sorted(stored.id for stored in portfolio.projects.values() if stored.project.status == "operation")
    assert [stored.id for stored in found] == ["buergerbus"]
    assert sorted(folded) == operating and len(operating) < len(portfolio.projects)
