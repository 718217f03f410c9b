"""Any valid project survives save -> load unchanged, and saving twice gives identical bytes."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.domain.model import SUMMARY_MAX, TITLE_MAX, TITLE_MIN
from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.canonical import canonical_text
from portfolio.files.loading import load_project
from portfolio.files.store import save_project
from portfolio.textsafety import find_unsafe

VOCABULARY = load_vocabulary()

# Letters of every script, digits, punctuation incl. TOML's own quote/escape/comment characters, emoji.
_CHARACTERS = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    include_characters="\"'\\#[]{}=,. äöüß€",
)


def single_line(min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    return (
        st.text(_CHARACTERS, min_size=min_size, max_size=max_size)
        .map(str.strip)
        .filter(lambda text: len(text) >= min_size and find_unsafe(text) is None)
    )


multi_line = (
    st.lists(st.text(_CHARACTERS | st.just("\t"), max_size=40), min_size=1, max_size=5)
    .map("\n".join)
    .filter(lambda text: text.strip() != "" and find_unsafe(text, multiline=True) is None)
)
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
project_id = st.from_regex(r"[a-z0-9][a-z0-9-]{1,20}[a-z0-9]", fullmatch=True)
numbers = st.integers(min_value=-(10**12), max_value=10**12) | st.floats(allow_nan=False, allow_infinity=False)
amounts = st.integers(min_value=0, max_value=10**15)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def unique_subset(values) -> st.SearchStrategy[list]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True)


@st.composite
def projects(draw):
    start = draw(optional(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))))
    end = draw(optional(st.dates(min_value=start or date(2000, 1, 1), max_value=date(2100, 12, 31))))
    data = {
        "title": draw(single_line(TITLE_MIN, TITLE_MAX)),
        "module": draw(st.sampled_from(VOCABULARY.module_numbers)),
        "status": draw(st.sampled_from(VOCABULARY.status_slugs)),
        "municipalities": draw(unique_subset(VOCABULARY.municipality_slugs)),
        "fields_of_action": draw(unique_subset(VOCABULARY.field_slugs)),
        "summary": draw(optional(single_line(1, SUMMARY_MAX))),
        "description": draw(optional(multi_line)),
        "priority": draw(optional(st.sampled_from(VOCABULARY.priority_slugs))),
        "lead": draw(optional(single_line())),
        "contact": draw(optional(single_line())),
        "partners": draw(st.lists(single_line(), max_size=4, unique=True)),
        "topics": draw(st.lists(slug, max_size=4, unique=True)),
        "start": start,
        "end": end,
        "budget_eur": draw(optional(amounts)),
        "funding": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"source": single_line()},
                    optional={
                        "programme": single_line(),
                        "amount_eur": amounts,
                        "status": st.sampled_from(VOCABULARY.funding_status_slugs),
                    },
                ),
                max_size=3,
                unique_by=lambda item: item["source"],
            )
        ),
        "milestones": draw(
            st.lists(
                st.fixed_dictionaries({"title": single_line()}, optional={"due": st.dates(), "done": st.booleans()}),
                max_size=3,
                unique_by=lambda item: item["title"],
            )
        ),
        "kpis": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"name": single_line()}, optional={"unit": single_line(), "baseline": numbers, "target": numbers}
                ),
                max_size=3,
                unique_by=lambda item: item["name"],
            )
        ),
        "links": draw(st.lists(slug.map(lambda s: f"https://{s}.example.org/{s}"), max_size=3, unique=True)),
        "depends_on": draw(st.lists(project_id, max_size=3, unique=True)),
        "notes": draw(optional(multi_line)),
    }
    return parse_project({key: value for key, value in data.items() if value is not None}, VOCABULARY)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects(), project_id=project_id)
def test_any_valid_project_survives_save_and_load_unchanged(project, project_id):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "projects").mkdir()
        first = save_project(root, project_id, project, expected_fingerprint=None)
        loaded = load_project(root, project_id, VOCABULARY)
        assert loaded.project == project
        first_bytes = (root / "projects" / f"{project_id}.toml").read_bytes()

        save_project(root, project_id, loaded.project, expected_fingerprint=loaded.fingerprint)
        assert (root / "projects" / f"{project_id}.toml").read_bytes() == first_bytes
        assert first.text == canonical_text(loaded.project) == first_bytes.decode("utf-8")
