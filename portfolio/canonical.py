"""The canonical form of a project file: one way to write each project, so diffs stay small.

``tomli_w`` with multi-line strings, keys in the model's order, optional empty values left out,
arrays one item per line (which keeps merges line-local).
"""

from __future__ import annotations

import tomli_w

from .model import Project


def canonical_text(project: Project) -> str:
    return tomli_w.dumps(project.to_data(), multiline_strings=True)
