"""Building project files and data for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w


def minimal_project(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Digitale Bürgerdienste",
        "module": 2,
        "status": "idea",
        "municipalities": ["rheine"],
        "fields_of_action": ["verwaltung"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def write_project(root: Path, project_id: str, text: str | None = None, **fields: Any) -> Path:
    """Write a project file as a contributor would (canonical when built from fields)."""
    path = root / "projects" / f"{project_id}.toml"
    if text is None:
        text = tomli_w.dumps(minimal_project(**fields), multiline_strings=True)
    path.write_text(text, encoding="utf-8")
    return path
