"""The digest of kept files' keys (portfolio.digests) is hashlib's BLAKE2b, without loading hashlib."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from portfolio.digests import key_digest


def test_the_key_digest_is_hashlibs_blake2b_of_32_bytes():
    data = b"portfolio-output:1\0schema/portfolio.toml\0" + bytes(range(256))
    assert key_digest(data).hexdigest() == hashlib.blake2b(data, digest_size=32).hexdigest()
    grown = key_digest(b"a")
    grown.update(b"b")
    assert grown.digest() == hashlib.blake2b(b"ab", digest_size=32).digest()
    assert len(key_digest().digest()) == 32


def test_importing_it_loads_no_openssl():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, portfolio.digests; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "portfolio.digests" in loaded
    assert not {"hashlib", "_hashlib"} & set(loaded)
