"""The down path: head office's own rows for a branch, pulled after a commit-ordered mark;
reads of personal data audited."""

from __future__ import annotations

import threading

import psycopg
import pytest

from counter_app.sync.protocol import TerminalId
from tests.headoffice.batches import TerminalLog


def publish(admin, branch: str, kind: str, item_id: str, payload: str, request_id=None) -> int:
    return admin.execute(
        "SELECT hq.publish(%s, %s, %s, %s::jsonb, %s)", (branch, kind, item_id, payload, request_id)
    ).fetchone()[0]


def test_pull_pages_through_the_branch_rows_and_sees_each_item_once_at_its_latest(
    enrol, fresh_branch, admin
):
    branch = fresh_branch()
    transport = enrol(branch, 1).transport()
    try:
        for n in range(5):
            publish(admin, branch, "staff", f"staff-{n}", f'{{"name": "職員{n}"}}')
        publish(admin, branch, "decision", "dec-1", '{"result": "全部開示"}', "0190r1")
        publish(admin, branch, "staff", "staff-0", '{"name": "職員0", "active": false}')
        seen, mark = [], 0
        while True:
            page = transport.pull(mark, 3)
            seen += [(item.kind, item.item_id, item.version) for item in page.items]
            assert all(item.mark > mark for item in page.items)
            mark = page.mark
            if not page.more:
                break
        assert seen == [
            ("staff", "staff-1", 1),
            ("staff", "staff-2", 1),
            ("staff", "staff-3", 1),
            ("staff", "staff-4", 1),
            ("decision", "dec-1", 1),
            ("staff", "staff-0", 2),
        ]
        assert transport.pull(mark, 3).items == ()
        assert transport.pull(mark, 3).mark == mark == 7
    finally:
        transport.close()


def test_a_mark_is_taken_in_commit_order(hq_db, enrol, fresh_branch):
    """A publisher holding its mark uncommitted makes the next one wait: a terminal that
    pulled past a mark can never miss a row committed later with a smaller one."""
    branch = fresh_branch()
    enrol(branch, 1)
    slow = psycopg.connect(hq_db.admin_dsn)
    slow.execute("SELECT hq.publish(%s, 'staff', 'slow', '{}'::jsonb)", (branch,))
    taken: list[int] = []

    def second() -> None:
        with psycopg.connect(hq_db.admin_dsn, autocommit=True) as fast:
            taken.append(
                fast.execute(
                    "SELECT hq.publish(%s, 'staff', 'fast', '{}'::jsonb)", (branch,)
                ).fetchone()[0]
            )

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=1.0)
    assert thread.is_alive() and taken == []  # waiting for the first to commit
    slow.commit()
    slow.close()
    thread.join(timeout=10)
    assert taken == [2]


def test_head_office_cannot_move_an_item_to_another_branch(enrol, fresh_branch, admin):
    first, second = fresh_branch(), fresh_branch()
    publish(admin, first, "decision", f"dec-{first}", "{}", "0190q1")
    with pytest.raises(psycopg.DatabaseError) as refused:
        publish(admin, second, "decision", f"dec-{first}", "{}", "0190q1")
    assert refused.value.sqlstate == "CA006"


def test_reading_a_terminals_row_is_recorded_with_its_purpose(hq_db, enrol, fresh_branch, admin):
    branch = fresh_branch()
    enrolled = enrol(branch, 1)
    log = TerminalLog(TerminalId(branch, 1))
    transport = enrolled.transport()
    transport.push(log.batch(log.request("0190p1", name="髙橋 一郎")))
    transport.close()
    clerk = f"office_{branch.lower()}"
    admin.execute(f"CREATE ROLE {clerk} NOLOGIN IN ROLE hq_office; GRANT {clerk} TO hq_admin")
    admin.execute(f"SET ROLE {clerk}")
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            admin.execute("SELECT payload FROM hq.aggregates")
        with pytest.raises(psycopg.DatabaseError):
            admin.execute(
                "SELECT hq.read_aggregate(%s, 'request', '0190p1', '  ')", (log.terminal.text,)
            )
        payload = admin.execute(
            "SELECT hq.read_aggregate(%s, 'request', '0190p1', '開示決定の確認')",
            (log.terminal.text,),
        ).fetchone()[0]
    finally:
        admin.execute("RESET ROLE")
    assert payload["name"] == "髙橋 一郎"
    assert admin.execute(
        "SELECT reader, purpose FROM hq.pii_reads WHERE item_id = '0190p1'"
    ).fetchall() == [("hq_admin", "開示決定の確認")]


def test_a_decision_names_the_request_it_answers(enrol, fresh_branch, admin):
    branch = fresh_branch()
    with pytest.raises(psycopg.DatabaseError) as refused:
        publish(admin, branch, "decision", f"dec-{branch}", '{"result": "全部開示"}')
    assert refused.value.sqlstate == "CA006"
    publish(admin, branch, "decision", f"dec-{branch}", '{"request_id": "0190s1"}')
    assert admin.execute(
        "SELECT request_id FROM hq.office_rows WHERE item_id = %s", (f"dec-{branch}",)
    ).fetchone() == ("0190s1",)
