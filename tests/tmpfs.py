"""A small tmpfs for the tests of a full or nearly full disk.

Mounting needs root (as here and in CI); where mount is refused the test is skipped.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_tmpfs(mount_point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (mount's spelling: ``64k``, ``2m``) mounted at the new folder
    ``mount_point`` for the ``with`` block, unmounted afterwards."""
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def fill(filler: Path, sizes: tuple[int, ...] = (65536, 4096, 512, 1), *, leave: int = 0) -> Path:
    """Write zeros to ``filler`` until its file system refuses, in blocks of each of
    ``sizes`` in turn; then give back ``leave`` bytes (about that much stays free)."""
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in sizes:
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
        if leave:
            os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
    finally:
        os.close(fd)
    return filler
