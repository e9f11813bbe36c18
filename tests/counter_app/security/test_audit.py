"""The audit hash chain: appended in the transaction, verified, tampering found."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from counter_app.security.audit import (
    GENESIS_HASH,
    append_audit,
    canonical_json,
    row_hash,
    verify_audit_chain,
)
from counter_app.services.database import open_database
from counter_app.store.models import AuditEntry

AT = dt.datetime(2025, 6, 2, 1, 2, 3, 456789, tzinfo=dt.UTC)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "data")
    yield database
    database.close()


def append_rows(db, count, *, commit=True):
    with db.unit_of_work() as uow:
        for i in range(count):
            append_audit(
                uow.session,
                action="test.action",
                branch_code="BR01",
                actor_id="s1",
                at=AT,
                request_id=f"r{i}",
                detail={"n": i, "code": "disclosure"},
            )
        if commit:
            uow.commit()


def test_chain_links_rows(db):
    append_rows(db, 3)
    with db.unit_of_work(read_only=True) as uow:
        rows = uow.session.query(AuditEntry).order_by(AuditEntry.seq).all()
        assert verify_audit_chain(uow) is None
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS_HASH
    assert rows[1].prev_hash == rows[0].hash
    content = {
        "seq": 1,
        "at_utc": "2025-06-02T01:02:03.456789Z",
        "branch_code": "BR01",
        "actor_id": "s1",
        "approver_id": None,
        "action": "test.action",
        "request_id": "r0",
        "detail": {"code": "disclosure", "n": 0},
    }
    assert rows[0].hash == row_hash(GENESIS_HASH, content)
    assert rows[0].detail == '{"code":"disclosure","n":0}'


def test_canonical_json_sorts_keys_and_keeps_japanese():
    assert canonical_json({"b": 1, "a": "開示"}) == '{"a":"開示","b":1}'


def test_rolled_back_rows_leave_no_trace(db):
    append_rows(db, 2)
    append_rows(db, 2, commit=False)
    append_rows(db, 1)
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session.query(AuditEntry).count() == 3
        assert verify_audit_chain(uow) is None


def test_update_and_delete_are_refused_by_the_database(db):
    append_rows(db, 2)
    with pytest.raises(IntegrityError, match="audit_log is append-only"), db.unit_of_work() as uow:
        uow.session.execute(text("UPDATE audit_log SET action = 'x' WHERE seq = 1"))
    with pytest.raises(IntegrityError, match="audit_log is append-only"), db.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM audit_log WHERE seq = 2"))


def tamper(db, statement):
    with db.unit_of_work() as uow:
        uow.session.execute(text("DROP TRIGGER audit_log_no_update"))
        uow.session.execute(text("DROP TRIGGER audit_log_no_delete"))
        uow.session.connection().exec_driver_sql(statement)
        uow.commit()


@pytest.mark.parametrize(
    ("statement", "broken"),
    [
        ("UPDATE audit_log SET action = 'forged' WHERE seq = 3", 3),
        ('UPDATE audit_log SET detail = \'{"code":"x","n":1}\' WHERE seq = 2', 2),
        ("UPDATE audit_log SET at_utc = '2025-06-03T00:00:00.000000Z' WHERE seq = 4", 4),
        ("DELETE FROM audit_log WHERE seq = 2", 2),
        ("DELETE FROM audit_log WHERE seq = 5", None),  # the last row: undetectable alone
    ],
)
def test_tampering_is_found(db, statement, broken):
    append_rows(db, 5)
    tamper(db, statement)
    with db.unit_of_work(read_only=True) as uow:
        assert verify_audit_chain(uow) == broken


def test_recomputed_hash_after_edit_breaks_the_next_row(db):
    append_rows(db, 3)
    with db.unit_of_work(read_only=True) as uow:
        second = uow.session.get(AuditEntry, 2)
        content = {
            "seq": 2,
            "at_utc": "2025-06-02T01:02:03.456789Z",
            "branch_code": "BR01",
            "actor_id": "s1",
            "approver_id": None,
            "action": "forged",
            "request_id": "r1",
            "detail": json.loads(second.detail),
        }
        forged = row_hash(second.prev_hash, content)
    tamper(db, f"UPDATE audit_log SET action = 'forged', hash = '{forged}' WHERE seq = 2")
    with db.unit_of_work(read_only=True) as uow:
        assert verify_audit_chain(uow) == 3
