"""``check`` remembers that ``schema/project.schema.json`` is what the model and vocabulary generate,
per bytes of both; other bytes are judged again, so an outdated schema is always reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from portfolio.domain.vocabulary import load_vocabulary
from portfolio.domain.vocabulary_verdicts import verdicts_dir
from portfolio.files.schema_file import schema_file_problems

SCRIPT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from portfolio.domain.vocabulary import load_vocabulary\n"
    "from portfolio.files.schema_file import schema_file_problems\n"
    "root = Path(sys.argv[1])\n"
    "print(len(schema_file_problems(root, load_vocabulary(root))), 'pydantic' in sys.modules)\n"
)


def _outdated(root: Path) -> bool:
    return [problem.code for problem in schema_file_problems(root, load_vocabulary(root))] == ["schema-outdated"]


def test_a_current_schema_is_judged_once_then_without_pydantic(portfolio_root):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    for kind in ("vocabulary", "schema"):
        shutil.rmtree(verdicts_dir(kind), ignore_errors=True)
    runs = [
        subprocess.run([sys.executable, "-c", SCRIPT, str(portfolio_root)], env=env, capture_output=True, text=True)
        for _first_then_second in range(2)
    ]
    assert [run.stdout.split() for run in runs] == [["0", "True"], ["0", "False"]], [run.stderr for run in runs]
    assert len(list(verdicts_dir("schema").iterdir())) == 1


def test_an_edited_schema_file_is_reported_after_a_verdict(portfolio_root):
    assert not _outdated(portfolio_root)
    schema = portfolio_root / "schema" / "project.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title"', '"titel"', 1), encoding="utf-8")
    assert _outdated(portfolio_root) and _outdated(portfolio_root)  # a refusal is never remembered


def test_a_new_municipality_makes_the_remembered_schema_outdated(portfolio_root):
    assert not _outdated(portfolio_root)
    municipalities = portfolio_root / "schema" / "municipalities.toml"
    municipalities.write_text(
        municipalities.read_text(encoding="utf-8")
        + '\n[[municipality]]\nslug = "neustadt"\nname = "Neustadt"\nkind = "Stadt"\nags = "05566099"\n',
        encoding="utf-8",
    )
    assert _outdated(portfolio_root)
