"""Which code is running (portfolio.code_version): every source and catalog counts, nothing else."""

from __future__ import annotations

import os

import pytest

from portfolio import code_version as module


@pytest.fixture
def package(tmp_path, monkeypatch):
    root = tmp_path / "portfolio"
    for relative in (
        "a.py",
        "sub/b.py",
        "sub/deeper/c.py",
        "locale/de/m.mo",
        "notes.txt",
        "__pycache__/a.py",
        "_bundled/x.py",
    ):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(relative)
    monkeypatch.setattr(module, "_PACKAGE", str(root))
    module.code_version.cache_clear()
    yield root
    module.code_version.cache_clear()


def version() -> str:
    module.code_version.cache_clear()
    return module.code_version()


@pytest.mark.parametrize("relative", ["a.py", "sub/b.py", "sub/deeper/c.py", "locale/de/m.mo"])
def test_a_changed_source_or_catalog_is_another_version(package, relative):
    before = version()
    path = package / relative
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert version() != before
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert version() == before
    path.rename(package / (relative + ".gone"))
    assert version() != before


@pytest.mark.parametrize("relative", ["notes.txt", "__pycache__/a.py", "_bundled/x.py"])
def test_byte_code_bundled_data_and_other_files_do_not_count(package, relative):
    before = version()
    (package / relative).write_text("changed, and longer than before")
    assert version() == before


def test_a_file_moved_to_another_folder_is_another_version(package):
    before = version()
    (package / "sub" / "b.py").rename(package / "sub" / "deeper" / "b.py")
    assert version() != before
