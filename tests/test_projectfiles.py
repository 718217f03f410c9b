"""Reading a project file: exactly its bytes, up to one more than the size limit, never through a symlink."""

from __future__ import annotations

import pytest

from portfolio.errors import UnsafeFile
from portfolio.files.listing import MAX_FILE_BYTES, read_file_bytes


@pytest.mark.parametrize("size", [0, 1, 4096, 65536, MAX_FILE_BYTES, MAX_FILE_BYTES + 1, 3 * MAX_FILE_BYTES])
def test_a_file_is_read_whole_up_to_one_byte_over_the_limit(tmp_path, size):
    path = tmp_path / "p.toml"
    content = bytes(index % 251 for index in range(size))
    path.write_bytes(content)
    assert read_file_bytes(path) == content[: MAX_FILE_BYTES + 1]


def test_a_symlink_or_a_folder_is_refused(tmp_path):
    target = tmp_path / "real.toml"
    target.write_text('title = "x"\n', encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(target)
    with pytest.raises(UnsafeFile, match="symbolic link"):
        read_file_bytes(tmp_path / "link.toml")
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(UnsafeFile):
        read_file_bytes(tmp_path / "folder.toml")
