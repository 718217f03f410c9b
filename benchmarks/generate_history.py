"""Generate a portfolio repository with a long, realistic history (deterministic for a seed).

N projects, C commits: status moves and other edits by several authors over the years, new
projects, renames, deletions and restorations, invalid versions fixed by a later commit, and
side branches merged with merge commits (one in ten merges resolves a conflict by hand). Built
with ``git fast-import``, so 10,000 commits take seconds.

    python benchmarks/generate_history.py PATH --projects 1000 --commits 10000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portfolio.domain.vocabulary import SCHEMA_FILES, load_vocabulary  # noqa: E402
from portfolio.resources import bundled_dir  # noqa: E402

AUTHORS = [
    ("Anna Albers", "anna@example.org"),
    ("Bernd Brandt", "bernd@example.org"),
    ("Cem Çelik", "cem@example.org"),
    ("Dana Dörr", "dana@example.org"),
    ("Erik Ems", "erik@example.org"),
    ("Fatma Fuchs", "fatma@example.org"),
]
WORDS = [
    "Digitale",
    "Bürgerdienste",
    "Smarte",
    "Mobilität",
    "Energie",
    "Plattform",
    "Quartier",
    "Daten",
    "Sensorik",
    "Schule",
    "Verwaltung",
    "Radwege",
    "Wärme",
    "Netz",
    "Portal",
    "Dorf",
    "Lab",
    "Region",
]


class Generator:
    def __init__(
        self,
        projects: int,
        commits: int,
        seed: int,
        merge_every: int = 40,
        *,
        sharded: bool = False,
        same_second: bool = False,
    ) -> None:
        self.rng = random.Random(seed)
        self.sharded = sharded
        self.vocabulary = load_vocabulary()
        self.target_projects = projects
        self.target_commits = commits
        self.merge_every = merge_every
        self.serial = 0
        self.when = datetime(2021, 9, 3, 9, 0, tzinfo=timezone(timedelta(hours=2)))
        # same_second: every commit made in one second (as a scripted import makes them), where git's
        # order among commits is no longer the order of their dates
        self.step = timedelta(0) if same_second else timedelta(days=4 * 365) / max(commits, 1)
        self.main: dict[str, str] = {}  # path -> text, the tree of main
        self.data: dict[str, dict] = {}  # path -> last valid data (per path, shared by branches)
        self.deleted: list[tuple[str, dict]] = []
        self.out: list[bytes] = []
        self.mark = 0
        self.commits = 0
        self.next_id = 0

    # -- content ---------------------------------------------------------------------------
    def new_project(self) -> dict:
        rng, v = self.rng, self.vocabulary
        data = {
            "title": " ".join(rng.sample(WORDS, 3)) + f" {self.next_id}",
            "module": rng.choice(v.module_numbers),
            "status": v.status_slugs[0],
            "municipalities": rng.sample(v.municipality_slugs, rng.randint(1, 3)),
            "fields_of_action": rng.sample(v.field_slugs, rng.randint(1, 2)),
            "summary": 'Ein Projekt der Smart Region mit "Zitat" und Umlauten: äöü.',
        }
        if rng.random() < 0.5:
            data["budget_eur"] = rng.randrange(10_000, 2_000_000, 1000)
        return data

    def edit(self, data: dict) -> dict:
        rng, v = self.rng, self.vocabulary
        data = dict(data)
        choice = rng.random()
        if choice < 0.45:
            statuses = v.status_slugs
            index = statuses.index(data["status"])
            data["status"] = statuses[min(index + 1, len(statuses) - 1)] if rng.random() < 0.8 else rng.choice(statuses)
        elif choice < 0.6:
            data["title"] = " ".join(rng.sample(WORDS, 3)) + f" {rng.randint(1, 99)}"
        elif choice < 0.75:
            data["municipalities"] = rng.sample(v.municipality_slugs, rng.randint(1, 4))
        elif choice < 0.85:
            data["budget_eur"] = rng.randrange(10_000, 2_000_000, 1000)
        elif choice < 0.93:
            data["milestones"] = [
                {
                    "title": f"Meilenstein {i}",
                    "due": f"202{rng.randint(2, 8)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    "done": rng.random() < 0.5,
                }
                for i in range(rng.randint(1, 3))
            ]
        else:
            data["description"] = "Erste Zeile.\nZweite Zeile mit 'Apostroph'.\n"
        return data

    def text(self, data: dict) -> str:
        from datetime import date

        prepared = dict(data)
        if "milestones" in prepared:
            # canonical form leaves defaults out: done = false is not written
            prepared["milestones"] = [
                {
                    key: value
                    for key, value in dict(m, due=date.fromisoformat(m["due"])).items()
                    if not (key == "done" and value is False)
                }
                for m in prepared["milestones"]
            ]
        order = [
            "title",
            "module",
            "status",
            "municipalities",
            "fields_of_action",
            "summary",
            "description",
            "budget_eur",
            "milestones",
        ]
        return tomli_w.dumps({key: prepared[key] for key in order if key in prepared}, multiline_strings=True)

    def invalid_text(self, data: dict) -> str:
        self.serial += 1
        kind = self.rng.choice(["status", "syntax", "missing"])
        if kind == "status":
            return self.text(data).replace(f'status = "{data["status"]}"', f'status = "in-arbeit-{self.serial}"')
        if kind == "syntax":
            return self.text(data) + f"broken = [ # {self.serial}\n"
        return self.text({k: v for k, v in data.items() if k != "municipalities"}) + f"# {self.serial}\n"

    # -- fast-import -----------------------------------------------------------------------
    def emit_commit(self, ref: str, message: str, changes: list[tuple], parents: list[int]) -> int:
        self.mark += 1
        self.commits += 1
        self.when += self.step * self.rng.uniform(0.5, 1.5)
        name, email = self.rng.choice(AUTHORS)
        stamp = f"{int(self.when.timestamp())} +0200"
        message_bytes = message.encode()
        lines = [
            f"commit {ref}",
            f"mark :{self.mark}",
            f"author {name} <{email}> {stamp}",
            f"committer {name} <{email}> {stamp}",
            f"data {len(message_bytes)}",
        ]
        self.out.append(("\n".join(lines) + "\n").encode() + message_bytes + b"\n")
        if parents:
            self.out.append(f"from :{parents[0]}\n".encode())
            for parent in parents[1:]:
                self.out.append(f"merge :{parent}\n".encode())
        for change in changes:
            if change[0] == "M":
                raw = change[2].encode()
                self.out.append(f"M 100644 inline {change[1]}\ndata {len(raw)}\n".encode() + raw + b"\n")
            elif change[0] == "D":
                self.out.append(f"D {change[1]}\n".encode())
            elif change[0] == "R":
                self.out.append(f"R {change[1]} {change[2]}\n".encode())
        self.out.append(b"\n")
        return self.mark

    def path_for_new(self) -> str:
        self.next_id += 1
        if self.sharded:
            # Sharded layout (a layout the tool does not read yet; for measuring git's floor): a
            # hundred subfolders by the id's last two digits, so a commit rewrites the top tree of
            # ~100 entries and one of ~N/100 instead of one tree of N entries.
            return f"projects/{self.next_id % 100:02d}/projekt-{self.next_id:05d}.toml"
        return f"projects/projekt-{self.next_id:05d}.toml"

    def one_change(self, tree: dict[str, str], busy: set[str], *, on_main: bool = True) -> tuple[str, list[tuple]]:
        """One commit's worth of change to ``tree`` (applied), avoiding paths in ``busy``.

        Deletions and restorations happen on main only, so that a restored project was deleted
        in its own history (not on a branch merged later).
        """
        rng = self.rng
        roll = rng.random()
        free = [path for path in tree if path not in busy]
        if len(tree) < self.target_projects and (roll < 0.08 or not free):
            path = self.path_for_new()
            data = self.new_project()
            self.data[path] = data
            tree[path] = self.text(data)
            busy.add(path)
            return f"Add project {Path(path).stem}: {data['title']}", [("M", path, tree[path])]
        path = rng.choice(free) if free else rng.choice(list(tree))
        busy.add(path)
        if roll < 0.10 and len(tree) > 10:
            new_path = self.path_for_new()
            tree[new_path] = tree.pop(path)
            self.data[new_path] = self.data[path]
            busy.add(new_path)
            return f"Rename {Path(path).stem} to {Path(new_path).stem}", [("R", path, new_path)]
        if roll < 0.12 and len(tree) > 10 and on_main:
            del tree[path]
            self.deleted.append((path, self.data[path]))
            return f"Remove project {Path(path).stem}", [("D", path)]
        if roll < 0.135 and self.deleted and on_main:
            old_path, data = self.deleted.pop(rng.randrange(len(self.deleted)))
            if old_path not in tree and old_path not in busy:
                busy.add(old_path)
                tree[old_path] = self.text(data)
                self.data[old_path] = data
                return f"Restore project {Path(old_path).stem}", [("M", old_path, tree[old_path])]
        if roll < 0.17:
            tree[path] = self.invalid_text(self.data[path])
            return f"Edit {Path(path).stem} (work in progress)", [("M", path, tree[path])]
        data = self.edit(self.data[path])
        self.data[path] = data
        tree[path] = self.text(data)
        return f"Update {Path(path).stem}: status {data['status']}", [("M", path, tree[path])]

    def generate(self) -> bytes:
        schema = [
            ("M", f"schema/{name}", (bundled_dir("schema") / name).read_text(encoding="utf-8")) for name in SCHEMA_FILES
        ]
        initial = []
        for _index in range(self.target_projects // 2):
            path = self.path_for_new()
            data = self.new_project()
            self.data[path] = data
            self.main[path] = self.text(data)
            initial.append(("M", path, self.main[path]))
        head = self.emit_commit("refs/heads/main", "Start the portfolio", schema + initial, [])
        while self.commits < self.target_commits:
            if self.commits % self.merge_every == 0 and self.target_commits - self.commits > 12:
                head = self.branch_and_merge(head)
                continue
            message, changes = self.one_change(self.main, set())
            head = self.emit_commit("refs/heads/main", message, changes, [head])
        self.out.append(b"done\n")
        return b"".join(self.out)

    def branch_and_merge(self, head: int) -> int:
        rng = self.rng
        side = dict(self.main)
        side_busy: set[str] = set()
        main_busy: set[str] = set()
        side_head = head
        conflict = rng.random() < 0.1 and self.main
        shared = rng.choice(sorted(self.main)) if conflict else None
        for _index in range(rng.randint(2, 5)):
            message, changes = self.one_change(side, side_busy | main_busy, on_main=False)
            side_head = self.emit_commit("refs/heads/side", message, changes, [side_head])
            main_message, main_changes = self.one_change(self.main, main_busy | side_busy)
            head = self.emit_commit("refs/heads/main", main_message, main_changes, [head])
        if shared and shared in side and shared in self.main:
            base = self.data[shared]
            side[shared] = self.text(dict(base, status=self.vocabulary.status_slugs[2]))
            side_head = self.emit_commit(
                "refs/heads/side", f"Plan {Path(shared).stem}", [("M", shared, side[shared])], [side_head]
            )
            self.main[shared] = self.text(dict(base, status=self.vocabulary.status_slugs[1]))
            head = self.emit_commit(
                "refs/heads/main", f"Concept for {Path(shared).stem}", [("M", shared, self.main[shared])], [head]
            )
        # The merge: main's tree plus what the side branch changed (they touched different files).
        base_paths = set(side_busy)
        changes = []
        for path in sorted(base_paths):
            if path in side and side.get(path) != self.main.get(path):
                self.main[path] = side[path]
                changes.append(("M", path, side[path]))
            elif path not in side and path in self.main:
                del self.main[path]
                changes.append(("D", path))
        if shared and shared in side and shared in self.main:
            resolved = dict(
                self.data[shared], status=self.vocabulary.status_slugs[3], title="Gelöst " + str(self.serial)
            )
            self.data[shared] = resolved
            self.main[shared] = self.text(resolved)
            changes.append(("M", shared, self.main[shared]))
        number = self.commits
        return self.emit_commit(
            "refs/heads/main", f"Merge pull request #{number} from side", changes, [head, side_head]
        )


def generate(
    path: Path,
    projects: int,
    commits: int,
    seed: int = 1,
    merge_every: int = 40,
    *,
    sharded: bool = False,
    same_second: bool = False,
) -> Path:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=False)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    stream = Generator(projects, commits, seed, merge_every, sharded=sharded, same_second=same_second).generate()
    subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=path, input=stream, check=True)
    subprocess.run(["git", "branch", "-q", "-D", "side"], cwd=path, check=False, capture_output=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=path, check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--merge-every", type=int, default=40)
    parser.add_argument(
        "--sharded",
        action="store_true",
        help="put each file in projects/NN/ (NN: the id's last two digits); for measuring git's floor only",
    )
    arguments = parser.parse_args()
    generate(
        arguments.path,
        arguments.projects,
        arguments.commits,
        arguments.seed,
        arguments.merge_every,
        sharded=arguments.sharded,
    )
    print(f"generated {arguments.path}")


if __name__ == "__main__":
    main()
