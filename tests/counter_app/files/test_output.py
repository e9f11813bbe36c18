"""The guarded output writer: never into the data folder, never over a file unasked,
never half a file.

Protected targets are drawn by class: every kind of file a data folder holds (the database,
its WAL and SHM, backups, manifests, logs, drafts, a name not there yet), each spelled
directly, through ``..``, through a symbolic link to the folder and through a symbolic link
to the file; ``force`` never opens them. Bad paths (over-long, NUL, missing folder, folder,
FIFO, link to a device, link loop) are refused with or without ``force``.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.errors import DiskFull
from counter_app.files.output import write_output_file
from counter_app.files.paths import FileRefused
from tests.time_limit import time_limit
from tests.tmpfs import fill, small_tmpfs

from .path_classes import NAME_CHARS, Playground, bad_output_paths

DATA_FILES = [
    "counter.db",
    "counter.db-wal",
    "counter.db-shm",
    "backups/counter-20250602-010000-manual.db",
    "backups/counter-20250602-010000-manual.json",
    "logs/counter-app.log",
    "drafts/intake-tanaka.draft",
]


@pytest.fixture(autouse=True)
def never_hang():
    with time_limit(20, "the writer waited (a FIFO?)"):
        yield


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: the content of small regular files, size and time of
    large ones (the playground's sparse 5 GB file), the kind of everything else."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        name = str(path.relative_to(folder))
        if not stat.S_ISREG(info.st_mode):
            out[name] = stat.S_IFMT(info.st_mode)
        elif info.st_size > 1024 * 1024:
            out[name] = (info.st_size, info.st_mtime_ns)
        else:
            out[name] = path.read_bytes()
    return out


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    """A data folder with one file of each kind, and an outside folder with links into it."""
    root = tmp_path_factory.mktemp("output")
    data = root / "data"
    for i, name in enumerate(DATA_FILES):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes(f"keep {i}".encode())
    outside = root / "outside"
    outside.mkdir()
    os.symlink(data, outside / "link-to-data")
    for i, name in enumerate(DATA_FILES):
        os.symlink(data / name, outside / f"link-{i}")
    return root, data, outside


def spellings(data: Path, outside: Path, index: int, name: str) -> list[str]:
    return [
        str(data / name),
        str(outside / ".." / "data" / name),
        str(outside / "link-to-data" / name),
        str(outside / f"link-{index}"),
    ]


@st.composite
def protected_targets(draw, data: Path, outside: Path) -> str:
    if draw(st.booleans()):
        index = draw(st.integers(0, len(DATA_FILES) - 1))
        return draw(st.sampled_from(spellings(data, outside, index, DATA_FILES[index])))
    new_name = draw(st.text(NAME_CHARS, min_size=1, max_size=30)).strip(". ") or "x"
    return draw(
        st.sampled_from(
            [
                str(data / new_name),
                str(data / "backups" / new_name),
                str(outside / "link-to-data" / new_name),
            ]
        )
    )


def test_nothing_is_written_into_the_data_folder(layout):
    root, data, outside = layout
    before = snapshot(root)

    @settings(max_examples=200, deadline=None)
    @given(protected_targets(data, outside), st.booleans(), st.binary(max_size=64))
    def check(target, force, payload):
        with pytest.raises(FileRefused) as refused:
            write_output_file(target, payload, protected=[data], force=force)
        assert "データフォルダ" in refused.value.message
        assert snapshot(root) == before

    check()


def test_a_backup_folder_elsewhere_is_protected_too(tmp_path):
    data, backups = tmp_path / "data", tmp_path / "elsewhere" / "backups"
    backups.mkdir(parents=True)
    (backups / "counter-1.db").write_bytes(b"backup")
    data.mkdir()
    with pytest.raises(FileRefused):
        write_output_file(backups / "counter-1.db", b"csv", protected=[data, backups], force=True)
    assert (backups / "counter-1.db").read_bytes() == b"backup"


def test_every_bad_path_is_refused_and_nothing_is_left(tmp_path_factory):
    ground = Playground.build(tmp_path_factory.getbasetemp() / "output-playground")
    before = snapshot(ground.folder)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(bad_output_paths(ground), st.booleans())
    def check(case, force):
        kind, path = case
        with pytest.raises(FileRefused) as refused:
            write_output_file(path, b"data", force=force)
        assert any("\u3040" <= ch <= "\u30ff" for ch in refused.value.message), kind
        assert snapshot(ground.folder) == before, kind

    check()


def test_an_existing_file_is_replaced_only_when_asked(tmp_path):
    target = tmp_path / "2025-06-02.csv"
    target.write_bytes(b"earlier export")
    with pytest.raises(FileRefused, match="すでにあります") as refused:
        write_output_file(target, b"new", protected=[tmp_path / "data"])
    assert "--force" in (refused.value.hint or "")
    assert target.read_bytes() == b"earlier export"
    write_output_file(target, b"new", protected=[tmp_path / "data"], force=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025-06-02.csv"]


def test_a_new_file_is_private_to_its_owner(tmp_path):
    written = write_output_file(tmp_path / "new.csv", b"a,b\r\n")
    assert written.read_bytes() == b"a,b\r\n"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


@given(st.sampled_from([errno.ENOSPC, errno.EIO, errno.EDQUOT]), st.booleans())
def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path_factory, code, exists):
    folder = tmp_path_factory.mktemp("fail")
    target = folder / "out.csv"
    if exists:
        target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(code, os.strerror(code))

    real = os.fsync
    os.fsync = broken_fsync
    try:
        with pytest.raises((DiskFull, FileRefused)) as failed:
            write_output_file(target, b"x" * 10_000, force=True)
    finally:
        os.fsync = real
    assert isinstance(failed.value, DiskFull) == (code in (errno.ENOSPC, errno.EDQUOT))
    assert [p.name for p in folder.iterdir()] == (["out.csv"] if exists else [])
    if exists:
        assert target.read_bytes() == b"old"


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KB tmpfs filled to the last byte (root only; unmounted afterwards)."""
    with small_tmpfs(tmp_path / "full", "64k") as mount_point:
        fill(mount_point / "filler", (4096, 1))
        yield mount_point


def test_a_full_disk_says_so_and_leaves_nothing(full_disk):
    with pytest.raises(DiskFull) as full:
        write_output_file(full_disk / "2025-06-02.csv", b"x" * 50_000)
    assert "空き容量" in full.value.message and "2025-06-02.csv" in full.value.message
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


@pytest.fixture
def bound_data(tmp_path):
    """The data folder seen at a second place through a bind mount (root only): no spelling
    of the second path shows it is the data folder, only the folder's identity does."""
    data, bound = tmp_path / "data", tmp_path / "bound"
    for i, name in enumerate(DATA_FILES):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes(f"keep {i}".encode())
    bound.mkdir()
    done = subprocess.run(
        ["mount", "--bind", str(data), str(bound)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here (needs root): {done.stderr.strip()}")
    try:
        yield data, bound
    finally:
        subprocess.run(["umount", "-l", str(bound)], capture_output=True)


def test_the_data_folder_seen_through_a_bind_mount_is_protected(bound_data):
    data, bound = bound_data
    before = snapshot(data)

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from([*DATA_FILES, "new.csv", "backups/new.csv"]), st.booleans())
    def check(name, force):
        with pytest.raises(FileRefused, match="データフォルダ"):
            write_output_file(bound / name, b"csv", protected=[data], force=force)
        assert snapshot(data) == before

    check()
