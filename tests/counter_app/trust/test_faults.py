"""Faults from the environment: disk full during a write, a read-only data folder, a database
locked by another process, a corrupt config file, a deleted keyring entry.

Each ends in a clear Japanese message (a StorageError/ConfigError, or exit 2 from the CLI
without a traceback), nothing half-written (integrity, counts, gapless numbers, audit chain
all as before), and nothing typed lost (the intake is still whole: the JSON file / the
encrypted UI draft survive, and the same intake registers once the fault is gone).
Disk-full and read-only use a small tmpfs (root, as here and in CI); skipped if mount is
refused. ``pytest -s`` prints how many faults were injected.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from counter_app.cli import main
from counter_app.errors import ConfigError, CounterAppError, StorageError
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
from counter_app.services.audit_verify import verify_audit
from counter_app.services.backup.take import take_backup
from counter_app.services.database import open_database
from counter_app.services.intake import register_intake
from counter_app.services.samples import SAMPLE_STAFF, sample_self_intake
from counter_app.store.errors import DatabaseLocked, KeyMissing, ReadOnlyStorage
from counter_app.store.models import AuditEntry, Person, Receipt, Request
from tests.tmpfs import fill, small_tmpfs

from .conftest import TEMPLATE_KEY, Counter, copy_counter, register

ROOT = Path(__file__).resolve().parents[3]
INJECTED: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def fault_figures():
    """After the module's tests: how many faults were injected (``pytest -s`` shows it)."""
    yield
    print(f"\nfaults injected: {len(INJECTED)} ({', '.join(sorted(set(INJECTED)))})")


def japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text)


def state(db):
    """What must not change when a write fails."""
    with db.unit_of_work(read_only=True) as uow:
        s = uow.session
        integrity = s.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        return {
            "integrity": integrity,
            "requests": s.scalar(select(func.count()).select_from(Request)),
            "people": s.scalar(select(func.count()).select_from(Person)),
            "receipts": s.scalar(select(func.count()).select_from(Receipt)),
            "audit": s.scalar(select(func.count()).select_from(AuditEntry)),
            "chain_ok": verify_audit(uow).ok,
        }


def seqs(db):
    with db.unit_of_work(read_only=True) as uow:
        return sorted(uow.session.scalars(select(Request.seq)))


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs folder (unmounted afterwards)."""
    with small_tmpfs(tmp_path / "small", "2m") as mount_point:
        yield mount_point


def fill_up(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte."""
    return fill(folder / "filler.bin")


def test_disk_full_during_an_intake(small_disk, counter_template):
    from ui.intake.drafts import DraftStore

    counter = copy_counter(counter_template, small_disk / "data")
    try:
        register(counter, sample_self_intake())
        before, numbers = state(counter.db), seqs(counter.db)
        drafts = DraftStore(small_disk / "data" / "drafts", "tanaka", lambda: b"A" * 43 + b"=")
        typed = {"requester": {"name": "山田 花子", "phone": "090-1234-5678"}}
        drafts.save(typed)

        filler = fill_up(small_disk)
        intake = sample_self_intake()
        failures = 0
        for _ in range(3):  # a few attempts, like a person pressing 登録 again
            with pytest.raises(StorageError) as full:
                register(counter, intake)
            failures += 1
            INJECTED.append("disk-full-intake")
            print("\n  disk full ->", type(full.value).__name__, full.value.message)
            assert japanese(full.value.message)
            assert "保存" in full.value.message or "ディスク" in full.value.message
        with pytest.raises(CounterAppError):  # a newer draft cannot be written...
            drafts.save({**typed, "more": "x" * 4096})
        assert drafts.load() == typed  # ...and the last one is intact
        with pytest.raises(StorageError) as no_backup:
            take_backup(counter.db, counter.admin, key=TEMPLATE_KEY)
        INJECTED.append("disk-full-backup")
        assert japanese(no_backup.value.message)
        assert not list((small_disk / "data" / "backups").glob("*.partial"))

        filler.unlink()
        assert state(counter.db) == before and seqs(counter.db) == numbers
        result = register(counter, intake)  # the same intake, once there is room again
        assert seqs(counter.db) == [*numbers, numbers[-1] + 1]
        assert result.request_number.endswith(f"{numbers[-1] + 1:06d}")
        assert state(counter.db)["chain_ok"] and failures == 3
    finally:
        counter.db.close()


def test_read_only_data_folder(small_disk, counter_template, capsys, monkeypatch, tmp_path):
    counter = copy_counter(counter_template, small_disk / "data")
    register(counter, sample_self_intake())
    counter.db.close()
    intake_file = tmp_path / "intake.json"
    intake_file.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False), "utf-8")
    typed = intake_file.read_bytes()
    before = (small_disk / "data" / "counter.db").read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    with pytest.raises(ReadOnlyStorage) as refused:  # said as such, not "cannot open"
        db = open_database(small_disk / "data")
        with db.unit_of_work() as uow:
            register_intake(uow, counter.staff, sample_self_intake())
            uow.commit()
    INJECTED.append("read-only-open")
    sys.__stdout__.write(
        f"\n  read-only -> {type(refused.value).__name__} {refused.value.message}\n"
    )
    assert japanese(refused.value.message)

    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_STAFF.password)
    code = main(
        ["--data-dir", str(small_disk / "data"), "intake", str(intake_file), "--user", "tanaka"]
    )
    _, err = capsys.readouterr()
    INJECTED.append("read-only-cli")
    assert code == 2 and japanese(err) and "Traceback" not in err
    assert intake_file.read_bytes() == typed  # what was typed is still there
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert (small_disk / "data" / "counter.db").read_bytes() == before


def test_database_locked_by_another_process(counter):
    register(counter, sample_self_intake())
    # a short busy timeout keeps the test quick (the program waits 10 s, checked in
    # test_engine); it is given when the database is opened: each connection is made with it
    counter.db.close()
    with open_database(counter.db.folder, busy_timeout_ms=300) as db:
        _locked_by_another_process(Counter(db, counter.admin, counter.staff, counter.supervisor))


def _locked_by_another_process(counter: Counter) -> None:
    with counter.db.unit_of_work(read_only=True) as uow:
        timeout = uow.session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar()
    assert timeout == 300
    before, numbers = state(counter.db), seqs(counter.db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlcipher3, sys\n"
            f"c = sqlcipher3.connect({str(counter.db.path)!r}, isolation_level=None)\n"
            f'c.execute("PRAGMA key = \\"x\'{TEMPLATE_KEY.hex()}\'\\"")\n'
            "c.execute('BEGIN IMMEDIATE')\n"
            "c.execute(\"INSERT INTO number_counters (branch_code, series, fiscal_year, last_value) VALUES ('ZZ', 'lock', 1999, 1)\")\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        intake = sample_self_intake()
        with pytest.raises(DatabaseLocked) as locked:
            register(counter, intake)
        INJECTED.append("locked-intake")
        assert "使用中" in locked.value.message
    finally:
        holder.communicate("\n", timeout=30)
    assert state(counter.db) == before and seqs(counter.db) == numbers
    register(counter, intake)  # the same intake once the other process is done
    assert seqs(counter.db) == [*numbers, numbers[-1] + 1]


def test_corrupt_config_file(counter, tmp_path, monkeypatch, capsys):
    register(counter, sample_self_intake())
    before, numbers = state(counter.db), seqs(counter.db)
    override = tmp_path / "head-office"
    override.mkdir()
    shutil.copy(ROOT / "resources" / "config" / "fees.toml", override / "fees.toml")
    (override / "fees.toml").write_bytes(b"[[schedule]\nhandling_fee = \xff\xfe broken")
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(override))
    intake = sample_self_intake(amount_received=5000)
    with pytest.raises(ConfigError) as bad:
        register(counter, intake)
    INJECTED.append("corrupt-fees.toml")
    assert bad.value.message.startswith("設定ファイルの誤り: fees.toml")
    assert state(counter.db) == before

    (override / "fees.toml").unlink()
    (override / "security.toml").write_text("[session\nidle_lock_minutes = ", encoding="utf-8")
    from counter_app.services.screen_lock import idle_lock_minutes

    with pytest.raises(ConfigError) as bad_security:
        idle_lock_minutes()
    INJECTED.append("corrupt-security.toml")
    assert "security.toml" in bad_security.value.message
    folder = counter.db.folder
    counter.db.close()
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "admin-pass-1")
    code = main(["--data-dir", str(folder), "backup", "--user", "admin"])
    _, err = capsys.readouterr()
    INJECTED.append("corrupt-security.toml-cli")
    assert code == 2 and "設定ファイルの誤り: security.toml" in err and "Traceback" not in err
    monkeypatch.delenv("COUNTER_APP_CONFIG_DIR")
    db = open_database(folder)
    try:
        assert seqs(db) == numbers
        register(Counter(db, counter.admin, counter.staff, counter.supervisor), intake)
        assert seqs(db) == [*numbers, numbers[-1] + 1]
    finally:
        db.close()


def test_deleted_keyring_entry(counter, capsys, monkeypatch, tmp_path):
    folder = counter.db.folder
    counter.db.close()
    before = (folder / "counter.db").read_bytes()
    keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    with pytest.raises(KeyMissing) as missing:
        open_database(folder)
    INJECTED.append("keyring-entry-deleted")
    assert "暗号鍵がキーリングに見つかりません" in missing.value.message
    intake_file = tmp_path / "intake.json"
    intake_file.write_text(json.dumps(sample_self_intake().to_dict(), ensure_ascii=False), "utf-8")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_STAFF.password)
    code = main(["--data-dir", str(folder), "intake", str(intake_file), "--user", "tanaka"])
    _, err = capsys.readouterr()
    INJECTED.append("keyring-entry-deleted-cli")
    assert code == 2 and "暗号鍵" in err and "Traceback" not in err
    # a wrong key in its place is refused too, and never overwrites the database
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, uuid.uuid4().hex * 2)
    with pytest.raises(StorageError) as wrong:
        open_database(folder)
    INJECTED.append("keyring-entry-wrong")
    assert "暗号鍵が一致しない" in wrong.value.message
    assert (folder / "counter.db").read_bytes() == before
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    db = open_database(folder)
    db.close()
