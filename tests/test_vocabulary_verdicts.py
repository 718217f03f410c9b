"""A vocabulary whose exact bytes passed its rules before is read without them (and without pydantic);
any other bytes are checked again, and a refused file is refused every time."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.domain import vocabulary as plain
from portfolio.domain import vocabulary_files as rules
from portfolio.domain.publication import Publication
from portfolio.domain.vocabulary import load_vocabulary
from portfolio.domain.vocabulary_verdicts import verdicts_dir
from portfolio.errors import VocabularyError

PAIRS = [
    (plain.Municipality, rules.Municipality),
    (plain.FieldOfAction, rules.FieldOfAction),
    (plain.Status, rules.Status),
    (plain.Module, rules.Module),
    (plain.Term, rules.Term),
    (plain.Goal, rules.Goal),
    (plain.OpenData, rules.OpenData),
    (Publication, rules.Publication),
]


@pytest.mark.parametrize(("entry", "model"), PAIRS, ids=[entry.__name__ for entry, _model in PAIRS])
def test_each_entry_has_the_fields_and_defaults_of_its_rules(entry, model):
    fields = {field.name: field for field in dataclasses.fields(entry)}
    assert list(fields) == list(model.model_fields)
    for name, rule in model.model_fields.items():
        if rule.is_required():
            assert fields[name].default is dataclasses.MISSING and fields[name].default_factory is dataclasses.MISSING
        else:
            default = fields[name].default
            if default is dataclasses.MISSING:
                default = fields[name].default_factory()
            assert default == rule.get_default(), name


def test_a_remembered_vocabulary_is_the_vocabulary_the_rules_read(portfolio_root):
    checked = load_vocabulary(portfolio_root)
    assert len(list(verdicts_dir().iterdir())) == 1
    remembered = load_vocabulary(portfolio_root)
    assert remembered == checked
    assert remembered.publication == checked.publication and remembered.open_data == checked.open_data


def test_a_broken_kept_reading_is_read_from_the_files_again(portfolio_root):
    checked = load_vocabulary(portfolio_root)
    (verdict,) = verdicts_dir().iterdir()
    verdict.write_bytes(b"\x00not marshal")
    assert load_vocabulary(portfolio_root) == checked
    assert verdict.read_bytes() != b"\x00not marshal"  # kept anew


def test_changed_bytes_are_checked_again_and_a_refusal_is_never_remembered(portfolio_root):
    statuses = portfolio_root / "schema" / "statuses.toml"
    load_vocabulary(portfolio_root)
    statuses.write_text(statuses.read_text(encoding="utf-8") + "\n[[status]]\nslug = 'Idee!'\nlabel = {de = 'x'}\n")
    for _attempt in range(2):
        with pytest.raises(VocabularyError, match="statuses.toml"):
            load_vocabulary(portfolio_root)
    assert len(list(verdicts_dir().iterdir())) == 1


def test_a_cache_that_cannot_be_written_only_costs_time(portfolio_root, monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_vocabulary(portfolio_root) == load_vocabulary(portfolio_root)


def test_a_command_reads_a_remembered_vocabulary_without_pydantic_or_a_toml_parser(portfolio_root):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from portfolio.domain.vocabulary import load_vocabulary\n"
        "load_vocabulary(Path(sys.argv[1]))\n"
        "print('pydantic' in sys.modules, 'tomllib' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    shutil.rmtree(verdicts_dir(), ignore_errors=True)  # making the portfolio read its vocabulary already
    runs = [
        subprocess.run([sys.executable, "-c", script, str(portfolio_root)], env=env, capture_output=True, text=True)
        for _first_then_second in range(2)
    ]
    # the second reads neither the rules nor the TOML: what was read is kept with the verdict
    assert [run.stdout.split() for run in runs] == [["True", "True"], ["False", "False"]], [run.stderr for run in runs]
