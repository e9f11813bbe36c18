"""A disk with a few KB left: every command says the disk is full (issue 9, item 13).

With 16 KB or less free, opening the database cannot grow its shared-memory index (-shm,
32 KB steps): SQLite reports SQLITE_IOERR_SHMSIZE, which Python shows as a plain "disk I/O
error", and the program used to say 「ディスクの読み書きでエラー」. Now an I/O error on a
nearly full disk gives the disk-full message, the database is untouched, and the same intake
goes through once there is room. A real tmpfs is filled (root, as here and in CI; skipped if
mount is refused) to any amount of free space from 0 to 64 KB.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from counter_app.cli import main
from counter_app.errors import DiskFull
from counter_app.services.samples import SAMPLE_STAFF, sample_self_intake
from counter_app.store.engine import open_database
from counter_app.store.errors import DiskIOError
from counter_app.store.models import Request
from counter_app.store.sqlite.errors import translate_db_error
from tests.tmpfs import fill, small_tmpfs

from .conftest import TEMPLATE_KEY, forget_anchor


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs folder (unmounted afterwards)."""
    with small_tmpfs(tmp_path / "small", "1m") as mount_point:
        yield mount_point


def leave_free(folder: Path, free: int) -> Path:
    """Fill the file system of ``folder`` so that about ``free`` bytes stay free."""
    filler = folder / "filler.bin"
    filler.unlink(missing_ok=True)
    return fill(filler, (65536, 4096), leave=free)


def requests(data: Path) -> int:
    """How many requests the database holds (integrity checked on the way)."""
    db = open_database(data, key=TEMPLATE_KEY)
    try:
        with db.unit_of_work(read_only=True) as uow:
            connection = uow.session.connection()
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            return uow.session.scalar(select(func.count()).select_from(Request))
    finally:
        db.close()


def test_an_intake_on_a_nearly_full_disk_says_the_disk_is_full(
    small_disk, counter_template, capsys, monkeypatch, tmp_path
):
    import keyring

    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER

    source, _ = counter_template
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_STAFF.password)
    intake = tmp_path / "intake.json"  # on a disk with room: the typed intake is kept
    intake.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False))
    data = small_disk / "data"
    command = ["--data-dir", str(data), "intake", str(intake), "--user", SAMPLE_STAFF.username]

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.integers(0, 64 * 1024))
    @example(16 * 1024)  # the case found from outside
    @example(0)
    def check(free):
        import shutil

        shutil.rmtree(data, ignore_errors=True)
        (small_disk / "filler.bin").unlink(missing_ok=True)
        shutil.copytree(source, data)
        forget_anchor(data)  # each example starts from the template, not a rollback of the last
        before = requests(data)
        filler = leave_free(small_disk, free)
        code = main(command)
        err = capsys.readouterr().err
        filler.unlink()
        if code != 0:  # there may be just enough room when more than 32 KB is free
            assert code == 2, err
            assert "空き容量が不足" in err, (free, err)
            assert "読み書きでエラー" not in err
            assert requests(data) == before  # nothing half-stored
            assert main(command) == 0, capsys.readouterr().err  # once there is room
        assert requests(data) == before + 1

    check()


class _IoError(Exception):
    def __init__(self) -> None:
        super().__init__("disk I/O error")
        self.sqlite_errorname = "SQLITE_IOERR"


def test_an_io_error_on_a_roomy_disk_stays_an_io_error(tmp_path):
    translated = translate_db_error(_IoError(), str(tmp_path / "counter.db"))
    assert isinstance(translated, DiskIOError) and not isinstance(translated, DiskFull)


def test_an_io_error_on_a_full_disk_is_disk_full(small_disk):
    leave_free(small_disk, 0)
    translated = translate_db_error(_IoError(), str(small_disk / "data" / "counter.db"))
    assert isinstance(translated, DiskFull)
    assert "空き容量" in translated.message
