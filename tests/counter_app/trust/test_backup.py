"""Backups: encrypted like the database, checked against their manifest, pruned to the
configured number, restored with proof that the restored database matches."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlcipher3
from sqlalchemy import func, select

from counter_app.errors import StorageError
from counter_app.services.audit_verify import verify_audit
from counter_app.services.backup.folder import backup_anchors, backup_folder, list_backups
from counter_app.services.backup.manifest import BackupInvalid
from counter_app.services.backup.restore import restore_backup
from counter_app.services.backup.take import take_backup
from counter_app.services.backup.verify import verify_backup
from counter_app.services.database import open_database
from counter_app.services.samples import sample_proxy_intake, sample_self_intake
from counter_app.store.errors import DatabaseLocked
from counter_app.store.models import AuditEntry, Request

from .conftest import TEMPLATE_KEY, register


def count_requests(db):
    with db.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(Request))


def test_backup_is_encrypted_and_matches_its_manifest(counter):
    register(counter, sample_self_intake())
    register(counter, sample_proxy_intake())
    info = take_backup(counter.db, counter.admin)
    assert info.path.parent == backup_folder(counter.db.folder)
    data = info.path.read_bytes()
    # as unreadable as the database: no name, no SQLite header, no plaintext
    for secret in ("山田", "髙橋", "花子", "茨城県"):
        assert secret.encode("utf-8") not in data
    assert not data.startswith(b"SQLite format 3")
    for module in (sqlite3, sqlcipher3):
        conn = module.connect(str(info.path))
        with pytest.raises(module.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
    wrong = sqlcipher3.connect(str(info.path))
    wrong.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        wrong.execute("SELECT count(*) FROM sqlite_master").fetchone()
    wrong.close()
    # the manifest holds counts and the audit head, never personal data
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    assert manifest["counts"]["requests"] == 2 and manifest["counts"]["people"] >= 3
    with counter.db.unit_of_work(read_only=True) as uow:
        head = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        # the backup's own audit row came after the copy
        assert head.action == "backup.create"
        assert manifest["audit_seq"] == head.seq - 1
    assert "山田" not in info.manifest_path.read_text(encoding="utf-8")
    assert verify_backup(info.path, key=TEMPLATE_KEY)["sha256"] == info.sha256


def test_keep_only_the_newest_n(counter):
    import datetime as dt

    start = dt.datetime(2025, 6, 2, 1, 0, tzinfo=dt.UTC)
    names = []
    for i in range(5):
        info = take_backup(counter.db, counter.admin, keep=3, at=start + dt.timedelta(days=i))
        names.append(info.path.name)
    kept = [p.name for p in list_backups(backup_folder(counter.db.folder))]
    assert kept == names[-3:]
    assert sorted(p.name for p in backup_folder(counter.db.folder).iterdir()) == sorted(
        kept + [n.replace(".db", ".json") for n in kept]
    )
    assert len(backup_anchors(backup_folder(counter.db.folder))) == 3


def test_restore_brings_back_the_backup_and_proves_it(counter):
    first = register(counter, sample_self_intake())
    info = take_backup(counter.db, counter.admin)
    register(counter, sample_proxy_intake())  # after the backup: will be rolled back
    assert count_requests(counter.db) == 2
    folder = counter.db.folder
    counter.db.close()

    report = restore_backup(folder, info.path, actor_id=counter.admin.staff_id)
    assert report.sha256 == info.sha256
    assert report.counts == info.counts
    assert (report.audit_seq, report.audit_hash) == (info.audit_seq, info.audit_hash)
    # the replaced database is kept, not deleted
    assert report.previous_kept_in is not None
    assert (report.previous_kept_in / "counter.db").exists()

    db = open_database(folder)
    try:
        assert count_requests(db) == 1
        with db.unit_of_work(read_only=True) as uow:
            numbers = list(uow.session.scalars(select(Request.number)))
            verdict = verify_audit(uow)
            last = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert numbers == [first.request_number]
        assert verdict.ok, verdict.text()
        assert last.action == "backup.restore" and last.actor_id == counter.admin.staff_id
        # numbering continues above the number printed after the backup (issue 9: never hand
        # out a number twice; the restore's audit row records 000002 as not reused)
        again = register(
            type(counter)(db, counter.admin, counter.staff, counter.supervisor),
            sample_proxy_intake(),
        )
        assert again.request_number.endswith("000003")
    finally:
        db.close()


def test_a_tampered_backup_is_refused_and_nothing_changes(counter):
    register(counter, sample_self_intake())
    info = take_backup(counter.db, counter.admin)
    folder = counter.db.folder
    counter.db.close()
    live_before = (folder / "counter.db").read_bytes()
    data = bytearray(info.path.read_bytes())
    data[5000] ^= 0xFF
    info.path.write_bytes(bytes(data))
    with pytest.raises(BackupInvalid) as refused:
        restore_backup(folder, info.path)
    assert "一致しません" in refused.value.message
    assert (folder / "counter.db").read_bytes() == live_before
    # an edited manifest fails its MAC
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    from counter_app.services.backup.files import file_sha256
    from counter_app.services.backup.manifest import write_manifest

    manifest["sha256"] = file_sha256(info.path)
    info.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BackupInvalid) as edited:
        restore_backup(folder, info.path)
    assert "改変されています" in edited.value.message
    # even with a matching manifest signed with the key, a corrupt page is found by the key
    # check/integrity check
    write_manifest(info.manifest_path, manifest, TEMPLATE_KEY)
    with pytest.raises(StorageError) as corrupt:
        restore_backup(folder, info.path)
    assert f"バックアップ {info.path.name} は使えません: ファイルが壊れています" in (
        corrupt.value.message
    )
    assert "現在のデータベースは変更していません" in corrupt.value.hint
    assert (folder / "counter.db").read_bytes() == live_before


def test_restore_refuses_while_the_database_is_in_use(counter):
    register(counter, sample_self_intake())
    info = take_backup(counter.db, counter.admin)
    register(counter, sample_proxy_intake())  # after the backup: a restore would drop it
    before = sorted(p.name for p in counter.db.folder.iterdir())
    holder = sqlcipher3.connect(str(counter.db.path), isolation_level=None)
    holder.execute(f"PRAGMA key = \"x'{TEMPLATE_KEY.hex()}'\"")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute(
        "INSERT INTO number_counters (branch_code, series, fiscal_year, last_value) "
        "VALUES ('ZZ', 'x', 2000, 1)"
    )
    try:
        with pytest.raises(DatabaseLocked) as refused:
            restore_backup(counter.db.folder, info.path)
        assert "使用中のため、復元を始められませんでした" in refused.value.message
        assert "今のデータベースはそのままです" in refused.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # nothing was replaced: no copy of the old database, both requests still there
    assert sorted(p.name for p in counter.db.folder.iterdir()) == before
    assert count_requests(counter.db) == 2
    with counter.db.unit_of_work(read_only=True) as uow:
        assert verify_audit(uow).ok


def test_anchor_from_a_backup_catches_a_cut_tail(counter):
    """Rows cut off the end after a backup are found even if the head is forged too."""
    from sqlalchemy import text

    register(counter, sample_self_intake())
    info = take_backup(counter.db, counter.admin)
    with counter.db.unit_of_work() as uow:
        conn = uow.session.connection()
        for trigger in ("audit_log_no_delete", "audit_head_forward_only", "audit_head_no_delete"):
            conn.execute(text(f"DROP TRIGGER {trigger}"))
        conn.execute(text(f"DELETE FROM audit_log WHERE seq >= {info.audit_seq}"))
        conn.execute(
            text(
                "UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_log), "
                "hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)"
            )
        )
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        assert verify_audit(uow).ok  # chain and forged head agree...
        verdict = verify_audit(uow, backup_anchors(backup_folder(counter.db.folder)))
    assert not verdict.ok and verdict.first_broken == info.audit_seq  # ...the backup does not
