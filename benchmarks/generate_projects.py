"""Deterministic generator of a portfolio with N realistic, valid, canonical project files.

python benchmarks/generate_projects.py DEST [--count 5000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from portfolio.domain.parsing import parse_project
from portfolio.domain.vocabulary import SCHEMA_FILES, load_vocabulary
from portfolio.files.canonical import canonical_text
from portfolio.resources import bundled_dir

WORDS = ("Digitale", "Smarte", "Vernetzte", "Offene", "Nachhaltige", "Regionale", "Mobile", "Sichere")
THINGS = (
    "Bürgerdienste",
    "Straßenbeleuchtung",
    "Mobilstation",
    "Energieberatung",
    "Sensorik",
    "Bildungsplattform",
    "Gründerförderung",
    "Datenplattform",
    "Radwegeplanung",
    "Gesundheitskiosk",
    "Kulturangebote",
    "Ehrenamtsbörse",
)
SENTENCE = (
    "Das Projekt verbindet Kommunen, Unternehmen und Bürgerinnen und Bürger im Kreis Steinfurt "
    "und schafft eine gemeinsame digitale Grundlage für {thing}."
)


def project_data(index: int, rng: random.Random, vocabulary) -> dict:
    thing = rng.choice(THINGS)
    start = date(2021, 11, 1) + timedelta(days=rng.randrange(0, 1500))
    data = {
        "title": f"{rng.choice(WORDS)} {thing} {index}",
        "module": rng.choice(vocabulary.module_numbers),
        "status": rng.choice(vocabulary.status_slugs),
        "municipalities": rng.sample(vocabulary.municipality_slugs, rng.randint(1, 4)),
        "fields_of_action": rng.sample(vocabulary.field_slugs, rng.randint(1, 3)),
        "summary": SENTENCE.format(thing=thing),
        "description": "\n".join(SENTENCE.format(thing=rng.choice(THINGS)) for _ in range(rng.randint(1, 4))),
        "priority": rng.choice(vocabulary.priority_slugs),
        "lead": "Kreis Steinfurt",
        "partners": rng.sample(["WESt mbH", "Stadtwerke", "Hochschule", "IHK", "Handwerkskammer"], 2),
        "topics": rng.sample(["open-data", "lorawan", "klimaschutz", "ozg", "bildung", "inklusion"], 2),
        "start": start,
        "end": start + timedelta(days=rng.randrange(90, 1200)),
        "budget_eur": rng.randrange(5_000, 2_000_000, 500),
        "milestones": [
            {"title": f"Meilenstein {m}", "due": start + timedelta(days=60 * m), "done": rng.random() < 0.5}
            for m in range(1, rng.randint(2, 4))
        ],
        "kpis": [
            {"name": "Nutzerinnen und Nutzer", "unit": "Personen", "baseline": 0, "target": rng.randrange(100, 5000)}
        ],
    }
    return data


def generate_portfolio(dest: Path, count: int, seed: int = 1) -> Path:
    """A portfolio folder (schema/ + projects/) with ``count`` valid canonical projects."""
    rng = random.Random(seed)
    (dest / "schema").mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_FILES:
        shutil.copyfile(bundled_dir("schema") / name, dest / "schema" / name)
    vocabulary = load_vocabulary(dest)
    projects = dest / "projects"
    projects.mkdir(exist_ok=True)
    for index in range(count):
        project = parse_project(project_data(index, rng, vocabulary), vocabulary)
        (projects / f"projekt-{index:05d}.toml").write_text(canonical_text(project), encoding="utf-8")
    return dest


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    generate_portfolio(arguments.dest, arguments.count, arguments.seed)
    print(f"{arguments.count} projects in {arguments.dest / 'projects'}")
