"""Random tampering with the audit trail — modify, delete, insert, reorder a row — is
detected every time, and the first broken link reported is the tampered one.

The attacker here has the key and drops every guard trigger first (the worst case short of
recomputing the whole chain, which only an outside anchor can catch: see the last test).
Figures: ``pytest -s`` prints how many tamperings of each kind were tried and detected.
"""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter as Tally
from types import SimpleNamespace

import pytest
import sqlcipher3
from sqlalchemy import text
from sqlalchemy.orm import Session

from counter_app.security.audit import canonical_json, row_hash
from counter_app.services.audit_verify import verify_audit
from counter_app.services.backup.folder import backup_anchors, backup_folder
from counter_app.services.backup.take import take_backup
from counter_app.services.samples import (
    sample_correction_intake,
    sample_proxy_intake,
    sample_self_intake,
)
from counter_app.store.engine import Database
from counter_app.store.sqlite.engine import build_engine

from .conftest import TEMPLATE_KEY, register

TRIALS_PER_KIND = 100
KINDS = ("modify", "delete", "insert", "reorder", "truncate")
COLUMNS = (
    "at_utc",
    "branch_code",
    "actor_id",
    "approver_id",
    "action",
    "request_id",
    "detail",
    "prev_hash",
    "hash",
    "seq",
)
TRIGGERS = (
    "audit_log_no_update",
    "audit_log_no_delete",
    "audit_head_advance",
    "audit_head_forward_only",
    "audit_head_no_delete",
)


@pytest.fixture(scope="module")
def chain_file(tmp_path_factory, counter_template):
    """A database whose audit trail has a few dozen real rows (intakes, logins, voids...)."""
    import keyring

    from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
    from counter_app.services.receipts import reprint_receipt

    from .conftest import copy_counter

    folder = tmp_path_factory.mktemp("chain") / "data"
    keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEMPLATE_KEY.hex())
    counter = copy_counter(counter_template, folder)
    for _ in range(4):
        done = register(counter, sample_self_intake())
        register(counter, sample_proxy_intake())
        register(counter, sample_correction_intake())
        with counter.db.unit_of_work() as uow:
            reprint_receipt(uow, counter.staff, done.receipt_id)
            uow.commit()
    counter.db.close()  # checkpoints the WAL into the file
    return folder / "counter.db"


def raw(path):
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{TEMPLATE_KEY.hex()}'\"")
    return conn


def verdict_of(path):
    engine = build_engine(path, TEMPLATE_KEY)
    try:
        with Database(path, engine).unit_of_work(read_only=True) as uow:
            return verify_audit(uow)
    finally:
        engine.dispose()


def rows_of(conn):
    cur = conn.execute("SELECT * FROM audit_log ORDER BY seq")
    names = list(cur.keys()) if hasattr(cur, "keys") else [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def content_hash(prev_hash, row):
    content = {
        k: row[k]
        for k in ("seq", "at_utc", "branch_code", "actor_id", "approver_id", "action", "request_id")
    }
    content["detail"] = json.loads(row["detail"])
    return row_hash(prev_hash, content)


def changed_value(rng, column, value):
    if column == "seq":
        return 10_000 + rng.randrange(1000)
    if column in ("prev_hash", "hash"):
        return "".join(rng.choice("0123456789abcdef") for _ in range(64))
    if column == "detail":
        detail = json.loads(value)
        detail[rng.choice(["amount", "staff_id", "x"])] = rng.randrange(1, 10**6)
        return canonical_json(detail)
    if column == "at_utc":
        return value[:11] + f"{rng.randrange(24):02d}" + value[13:-1] + "1Z"
    return (value or "") + rng.choice(["x", "改", "0"])


def tamper(conn, rng, kind):
    """Apply one tampering; return the seq where the chain must be reported broken."""
    rows = rows_of(conn)
    last = len(rows)
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    if kind == "modify":
        k = rng.randrange(1, last + 1)
        column = rng.choice(COLUMNS)
        new = changed_value(rng, column, rows[k - 1][column])
        conn.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (new, k))
        return k
    if kind == "delete":
        k = rng.randrange(1, last + 1)
        conn.execute("DELETE FROM audit_log WHERE seq = ?", (k,))
        return k
    if kind == "truncate":
        count = rng.randrange(1, 4)
        conn.execute("DELETE FROM audit_log WHERE seq > ?", (last - count,))
        return last - count + 1
    if kind == "insert":
        k = rng.randrange(1, last + 2)  # anywhere, the end included
        conn.execute("UPDATE audit_log SET seq = -seq WHERE seq >= ?", (k,))
        conn.execute("UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0")
        prev = rows[k - 2]["hash"] if k > 1 else "0" * 64
        forged = dict(rows[rng.randrange(last)], seq=k, prev_hash=prev, detail='{"forged":1}')
        smart = rng.random() < 0.5  # a forger who knows the hash formula
        forged["hash"] = content_hash(prev, forged) if smart else "f" * 64
        conn.execute(
            "INSERT INTO audit_log VALUES (:seq, :at_utc, :branch_code, :actor_id, :approver_id,"
            " :action, :request_id, :detail, :prev_hash, :hash)",
            forged,
        )
        if not smart or k > last:
            return k
        return k + 1  # the forged row itself checks out; the next one no longer links
    if kind == "reorder":
        i, j = sorted(rng.sample(range(1, last + 1), 2))
        conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = ?", (i,))
        conn.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (i, j))
        conn.execute("UPDATE audit_log SET seq = ? WHERE seq = -1", (j,))
        return i
    raise AssertionError(kind)


class _Raw:
    """The DBAPI connection under a SQLAlchemy connection, with the calls tamper() uses."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, params=()):
        return self.conn.exec_driver_sql(sql, params)


def test_random_tampering_is_always_detected(chain_file):
    """Each trial tampers inside a transaction, verifies, and rolls back (DDL included)."""
    rng = random.Random(20261126)
    tried, detected = Tally(), Tally()
    misses = []
    assert verdict_of(chain_file).ok
    engine = build_engine(chain_file, TEMPLATE_KEY)
    try:
        with engine.connect() as conn:
            conn.rollback()
            assert len(rows_of(_Raw(conn))) >= 25
            conn.rollback()
            for kind in KINDS:
                for trial in range(TRIALS_PER_KIND):
                    with conn.begin() as transaction:
                        expected = tamper(_Raw(conn), rng, kind)
                        verdict = verify_audit(SimpleNamespace(session=Session(bind=conn)))
                        transaction.rollback()
                    tried[kind] += 1
                    if not verdict.ok:
                        detected[kind] += 1
                    if verdict.first_broken != expected:
                        misses.append((kind, trial, expected, verdict.first_broken))
            assert verify_audit(SimpleNamespace(session=Session(bind=conn))).ok
            conn.rollback()
    finally:
        engine.dispose()
    print(f"\naudit tampering: tried {dict(tried)}, detected {dict(detected)}")
    assert misses == []
    assert detected == tried
    assert sum(detected.values()) == len(KINDS) * TRIALS_PER_KIND


def test_japanese_report_names_the_first_broken_row(chain_file, tmp_path):
    path = tmp_path / "c.db"
    shutil.copyfile(chain_file, path)
    with raw(path) as conn:
        tamper(conn, random.Random(1), "delete")
    verdict = verdict_of(path)
    assert verdict.text().startswith("操作記録に不整合があります: 番号")
    assert str(verdict.first_broken) in verdict.text()


def test_a_rewritten_history_is_caught_by_a_backup_anchor(counter):
    """Recomputing every later hash and the head defeats the chain alone; a backup's anchor
    still shows it."""
    for _ in range(3):
        register(counter, sample_self_intake())
    take_backup(counter.db, counter.admin)
    with counter.db.unit_of_work() as uow:
        conn = uow.session.connection()
        for trigger in TRIGGERS:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        cur = conn.exec_driver_sql("SELECT * FROM audit_log ORDER BY seq")
        names = list(cur.keys())
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        rows[2]["action"] = "forged"
        prev = rows[1]["hash"]
        for row in rows[2:]:
            row["prev_hash"] = prev
            row["hash"] = prev = content_hash(prev, row)
            conn.execute(
                text(
                    "UPDATE audit_log SET action=:action, prev_hash=:prev_hash, hash=:hash "
                    "WHERE seq=:seq"
                ),
                row,
            )
        conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
        uow.commit()
    with counter.db.unit_of_work(read_only=True) as uow:
        alone = verify_audit(uow)
        anchored = verify_audit(uow, backup_anchors(backup_folder(counter.db.folder)))
    assert alone.ok  # honest: a full recomputation fools the chain alone
    assert not anchored.ok and anchored.first_broken is not None
    assert anchored.first_broken >= 3
