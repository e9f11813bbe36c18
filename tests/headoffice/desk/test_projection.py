"""hq.requests: the terminals' request aggregates projected by hq.project_request."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.security.masking import mask_name, mask_phone
from counter_app.sync.protocol import SCHEMA_VERSION, Batch, Change, TerminalId
from tests.headoffice.batches import now_text


def row_of(admin, terminal: str, request_id: str) -> dict:
    cur = admin.execute(
        "SELECT * FROM hq.requests WHERE terminal = %s AND request_id = %s", (terminal, request_id)
    )
    names = [c.name for c in cur.description]
    row = cur.fetchone()
    return dict(zip(names, row, strict=True)) if row else {}


def test_a_request_pushed_by_a_terminal_is_projected_and_follows_its_newer_versions(
    enrol, fresh_branch, admin
):
    terminal = enrol(fresh_branch(), 1)
    tid = TerminalId(terminal.branch, 1)
    payload = {
        "number": f"R-{tid.text}-2026-000001",
        "status": "received",
        "received_at": "2026-05-01T01:30:00",
        "received_on": "2026-05-01",
        "target_on": "2026-05-15",
        "lawsuit_possible_from": "2026-05-15",
        "requester": "proxy",
        "proxy_kind": "voluntary",
        "items": [
            {"position": 1, "type": "disclosure", "outcome": None, "details": {}},
            {"position": 2, "type": "purpose_notice", "outcome": None, "details": {}},
        ],
        "principal": {"name": "髙橋 一郎", "phone": "03-1234-5678", "birth_date": "1970-03-04"},
        "fee_total": 800,
    }
    receipt = {"kind": "issued", "request_id": "req-1", "total": 800}
    transport = terminal.transport()
    try:
        transport.push(Batch(tid, SCHEMA_VERSION, (
            Change(1, "request", "req-1", 1, SCHEMA_VERSION, payload),
            Change(2, "receipt", "rc-1", 1, SCHEMA_VERSION, receipt),
        ), now_text()))  # fmt: skip
        row = row_of(admin, tid.text, "req-1")
        assert row["branch"] == terminal.branch
        assert row["types"] == ["disclosure", "purpose_notice"]
        assert row["requester_kind"] == "voluntary"
        assert row["received_on"] == dt.date(2026, 5, 1)
        assert row["due_on"] == dt.date(2026, 5, 15)
        assert row["name_masked"] == "髙橋 **"
        assert row["phone_masked"] == "03-****-5678"
        assert row["fee_collected"] == 800 and row["voids"] == 0
        assert row["match_key"] is not None and b"1970" not in row["match_key"]

        decided = payload | {
            "status": "decided",
            "decided_at": "2026-05-10T06:00:00",
            "extended_target_on": "2026-06-01",
            "items": [
                {"position": 1, "type": "disclosure", "outcome": "disclosed_partial"},
                {"position": 2, "type": "purpose_notice", "outcome": "notified"},
            ],
        }
        void = {"kind": "void", "request_id": "req-1", "voids_receipt_id": "rc-1", "total": -800}
        transport.push(Batch(tid, SCHEMA_VERSION, (
            Change(3, "request", "req-1", 2, SCHEMA_VERSION, decided),
            Change(4, "receipt", "rc-2", 1, SCHEMA_VERSION, void),
        ), now_text()))  # fmt: skip
    finally:
        transport.close()
    row = row_of(admin, tid.text, "req-1")
    assert row["status"] == "decided"
    assert row["decided_on"] == dt.date(2026, 5, 10)  # 15:00 in Japan
    assert row["due_on"] == dt.date(2026, 6, 1)
    assert row["outcomes"] == {"disclosure": "disclosed_partial", "purpose_notice": "notified"}
    assert row["fee_collected"] == 0 and row["voids"] == 1


def test_a_payload_the_projection_cannot_read_does_not_refuse_the_batch(enrol, fresh_branch, admin):
    terminal = enrol(fresh_branch(), 1)
    tid = TerminalId(terminal.branch, 1)
    odd = {"status": "received", "received_on": "2026-02-30", "items": "not a list",
           "principal": ["no"], "fee_total": "many"}  # fmt: skip
    transport = terminal.transport()
    try:
        ack = transport.push(
            Batch(
                tid,
                SCHEMA_VERSION,
                (Change(1, "request", "odd", 1, SCHEMA_VERSION, odd),),
                now_text(),
            )
        )
    finally:
        transport.close()
    assert ack.acked_seq == 1
    row = row_of(admin, tid.text, "odd")
    # the impossible date falls back to the day head office received it
    assert row["types"] == [] and row["received_on"] is not None and row["fee_total"] == 0


names = st.text(
    alphabet=st.sampled_from(list("山田花子髙橋一郎𠮷太 \u3000ab")), min_size=0, max_size=12
)
phones = st.lists(
    st.text(alphabet="0123456789", min_size=1, max_size=5), min_size=1, max_size=4
).map("-".join) | st.text(alphabet="0123456789 -()", max_size=14)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names, phone=phones)
def test_head_office_masks_names_and_phones_as_the_counter_does(admin, name, phone):
    got_name, got_phone = admin.execute(
        "SELECT hq.mask_name(%s), hq.mask_phone(%s)", (name, phone)
    ).fetchone()
    assert got_name == mask_name(name)
    assert got_phone == mask_phone(phone)


def test_a_terminal_cannot_use_the_desk(enrol, fresh_branch):
    terminal = enrol(fresh_branch(), 1)
    with psycopg.connect(
        host=terminal.server.host, port=terminal.server.port, dbname=terminal.server.dbname,
        user=terminal.role, sslmode="verify-full", sslrootcert=str(terminal.server.ca_cert),
        sslcert=str(terminal.cert_file), sslkey=str(terminal.key_file),
        sslpassword=terminal.passphrase, autocommit=True,
    ) as conn:  # fmt: skip
        for statement in (
            "SELECT count(*) FROM hq.requests",
            "SELECT count(*) FROM hq.decisions",
            "SELECT count(*) FROM hq.stats_types",
            "SELECT * FROM hq.desk_actor()",
            "SELECT hq.desk_approve(1, 2026)",
            "SELECT hq.desk_reveal(1, 'x')",
            "SELECT hq.project_request('x', 'y')",
            "SELECT hq.refresh_stats()",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_a_desk_account_may_not_push_pull_or_read_the_raw_aggregates(desk_accounts):
    conn = desk_accounts.conn("lead")
    for statement in (
        "SELECT count(*) FROM hq.aggregates",
        "SELECT count(*) FROM hq.desk_secret",
        "SELECT hq.ingest_batch('{}')",
        "SELECT hq.pull_changes(0, 10)",
        "SELECT hq.publish('X', 'decision', 'x', '{}')",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)


def test_the_deadline_in_force_is_never_before_the_day_of_receipt(seed, admin):
    terminal = seed.terminal(seed.branch())
    seed.request(terminal, "early", received_on="2026-04-10", target_on="2026-04-01")
    seed.request(terminal, "later", received_on="2026-04-10", target_on="2026-04-24",
                 extended_target_on="2026-05-20")  # fmt: skip
    dues = dict(
        admin.execute(
            "SELECT request_id, due_on FROM hq.requests WHERE terminal = %s", (terminal,)
        ).fetchall()
    )
    assert dues == {"early": dt.date(2026, 4, 10), "later": dt.date(2026, 5, 20)}
