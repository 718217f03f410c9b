"""Whatever bytes a project file holds, reading it reports problems and never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.files.reading import parse_project_bytes

VOCABULARY = load_vocabulary()
TOML_ISH = st.text(st.sampled_from(list("abc =[]{}\"'#\n,.:-_0123456789\\ätrue\t\x1b\u202e")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=300) | TOML_ISH.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_a_project_or_problems_with_valid_positions(raw):
    parsed = parse_project_bytes(raw, "projects/x.toml", VOCABULARY, lint=True)
    assert (parsed.project is not None) or parsed.errors
    for problem in parsed.problems:
        assert problem.path == "projects/x.toml" and problem.message
        assert problem.line is None or problem.line >= 1
        assert problem.column is None or problem.column >= 1


def test_a_broken_vocabulary_file_is_an_environment_error_naming_the_file(run, portfolio_root):
    (portfolio_root / "schema" / "statuses.toml").write_text("[[status]]\nslug = 'Idee!'\nlabel = {de = 'x'}\n")
    result = run("check")
    assert result.exit_code == 2
    assert "statuses.toml" in result.stderr and "Traceback" not in result.output
