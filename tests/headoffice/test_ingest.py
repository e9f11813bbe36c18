"""hq.ingest_batch on a real PostgreSQL over TLS, called by a terminal's own role.

Each test enrols its own branch (the server is shared by the session), pushes through the
real :class:`PostgresTransport` and reads back what head office holds as ``hq_admin``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re

import psycopg
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from counter_app.sync.protocol import (
    SCHEMA_VERSION,
    Batch,
    Change,
    SyncError,
    SyncErrorKind,
    TerminalId,
)
from counter_app.sync.transport_pg import ingest_wire, kind_of_failure
from tests.headoffice.batches import TerminalLog, now_text


def held(admin, terminal: TerminalId) -> dict:
    """What head office holds of a terminal: its mark, its rows, its change hashes."""
    acked = admin.execute(
        "SELECT acked_seq FROM hq.terminals WHERE terminal = %s", (terminal.text,)
    ).fetchone()[0]
    rows = admin.execute(
        "SELECT aggregate, id, version, payload FROM hq.aggregates WHERE terminal = %s "
        "ORDER BY seq",
        (terminal.text,),
    ).fetchall()
    changes = admin.execute(
        "SELECT count(*) FROM hq.changes WHERE terminal = %s", (terminal.text,)
    ).fetchone()[0]
    return {"acked": acked, "rows": rows, "changes": changes}


def alarms(admin, terminal: TerminalId, kind: str) -> list[tuple]:
    return admin.execute(
        "SELECT kind, detail, repeats FROM hq.alarms WHERE login_role = %s AND kind = %s",
        (terminal.role, kind),
    ).fetchall()


@pytest.fixture
def terminal(enrol, fresh_branch):
    enrolled = enrol(fresh_branch(), 1)
    transport = enrolled.transport()
    yield enrolled, transport, TerminalLog(TerminalId(enrolled.branch, 1))
    transport.close()


def test_a_batch_is_applied_in_one_go(terminal, admin):
    _, transport, log = terminal
    batch = log.batch(log.request("0190a1", name="山田 花子"), log.audit(), log.audit("print"))
    ack = transport.push(batch)
    assert (ack.status, ack.acked_seq) == ("applied", 3)
    state = held(admin, log.terminal)
    assert state["acked"] == 3 and state["changes"] == 3
    assert [(r[0], r[1], r[2]) for r in state["rows"]] == [
        ("request", "0190a1", 1),
        ("audit", f"{log.terminal.text}-1", 1),
        ("audit", f"{log.terminal.text}-2", 1),
    ]
    assert state["rows"][0][3]["name"] == "山田 花子"
    logged = admin.execute(
        "SELECT first_seq, last_seq, length(sha256) FROM hq.batches WHERE terminal = %s",
        (log.terminal.text,),
    ).fetchall()
    assert logged == [(1, 3, 64)]


def test_the_same_batch_twice_is_acknowledged_as_a_duplicate(terminal, admin):
    _, transport, log = terminal
    batch = log.batch(log.request("0190a2"), log.audit())
    assert transport.push(batch).status == "applied"
    before = held(admin, log.terminal)
    ack = transport.push(batch)
    assert (ack.status, ack.acked_seq) == ("duplicate", 2)
    assert held(admin, log.terminal) == before


def test_a_batch_overlapping_the_mark_applies_only_what_is_new(terminal, admin):
    """The terminal lost an ack, then more changes came: it resends 1..4 after 1..2 held."""
    _, transport, log = terminal
    first = [log.request("0190b1"), log.audit()]
    transport.push(log.batch(*first))
    more = [log.request("0190b1", status="decided"), log.audit("decide")]
    ack = transport.push(log.batch(*first, *more))
    assert (ack.status, ack.acked_seq) == ("applied", 4)
    state = held(admin, log.terminal)
    assert state["changes"] == 4
    [request] = [row for row in state["rows"] if row[0] == "request"]
    assert (request[2], request[3]["status"]) == (2, "decided")


def test_a_gap_is_refused_and_nothing_is_stored(terminal, admin):
    _, transport, log = terminal
    transport.push(log.batch(log.request("0190c1")))
    log.request("0190c2")  # seq 2 never sent
    with pytest.raises(SyncError) as refused:
        transport.push(log.batch(log.request("0190c3")))
    assert refused.value.kind is SyncErrorKind.GAP
    assert "CA001" in refused.value.detail
    assert held(admin, log.terminal)["acked"] == 1
    assert held(admin, log.terminal)["changes"] == 1


def test_the_same_seq_with_other_content_is_a_conflict_with_an_alarm(terminal, admin):
    _, transport, log = terminal
    original = log.request("0190d1", name="山田 花子")
    transport.push(log.batch(original))
    forged = dataclasses.replace(original, payload={**original.payload, "name": "髙橋 一郎"})
    with pytest.raises(SyncError) as refused:
        transport.push(log.batch(forged))
    assert refused.value.kind is SyncErrorKind.CONFLICT
    assert "警告" in refused.value.message
    [(_, detail, repeats)] = alarms(admin, log.terminal, "conflict")
    assert detail["seq"] == 1 and detail["held_sha256"] == original.sha256
    assert detail["sent_sha256"] == forged.sha256 and repeats == 1
    # the terminal retries every few minutes: one open alarm, counted
    with pytest.raises(SyncError):
        transport.push(log.batch(forged))
    assert alarms(admin, log.terminal, "conflict")[0][2] == 2
    assert held(admin, log.terminal)["rows"][0][3]["name"] == "山田 花子"


def test_a_batch_naming_another_terminal_is_forbidden_with_an_alarm(enrol, fresh_branch, admin):
    branch = fresh_branch()
    a, b = enrol(branch, 1), enrol(branch, 2)
    victim = TerminalLog(TerminalId(branch, 2))
    transport = a.transport()
    try:
        with pytest.raises(SyncError) as refused:
            transport.push(victim.batch(victim.request("0190e1")))
    finally:
        transport.close()
    assert refused.value.kind is SyncErrorKind.FORBIDDEN
    assert held(admin, victim.terminal) == {"acked": 0, "rows": [], "changes": 0}
    [(_, detail, _)] = alarms(admin, TerminalId(branch, 1), "forbidden")
    assert detail["batch_terminal"] == victim.terminal.text
    assert b.role != a.role


def test_a_certificate_of_one_terminal_cannot_log_in_as_another(enrol, fresh_branch, admin):
    branch = fresh_branch()
    a, b = enrol(branch, 1), enrol(branch, 2)
    stolen = a.transport(role=b.role)  # A's certificate and key, B's role
    log = TerminalLog(TerminalId(branch, 2))
    with pytest.raises(SyncError) as refused:
        stolen.push(log.batch(log.request("0190f1")))
    assert refused.value.kind is SyncErrorKind.CERTIFICATE
    assert "certificate authentication failed" in refused.value.detail
    assert held(admin, log.terminal)["acked"] == 0


def test_a_terminal_reads_no_table_and_pulls_only_its_branch(enrol, fresh_branch, admin):
    mine, theirs = fresh_branch(), fresh_branch()
    reader, other = enrol(mine, 1), enrol(theirs, 1)
    other_log = TerminalLog(TerminalId(theirs, 1))
    pusher = other.transport()
    pusher.push(other_log.batch(other_log.request("0190g1", name="𠮷田 太郎")))
    pusher.close()
    admin.execute(
        "SELECT hq.publish(%s, 'decision', 'dec-g1', '{\"result\": \"全部開示\"}', '0190g1')",
        (theirs,),
    )
    admin.execute(
        "SELECT hq.publish(%s, 'decision', 'dec-g2', '{\"result\": \"不開示\"}', '0190g2')", (mine,)
    )
    transport = reader.transport()
    try:
        connection = transport._connect()
        for table in ("hq.aggregates", "hq.terminals", "hq.office_rows", "hq.alarms"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"SELECT * FROM {table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "SELECT hq.read_aggregate(%s, 'request', '0190g1', 'x')", (other_log.terminal.text,)
            )
        pulled = transport.pull(0, 100)
    finally:
        transport.close()
    assert [(item.kind, item.item_id) for item in pulled.items] == [("decision", "dec-g2")]
    assert pulled.items[0].payload == {"result": "不開示", "request_id": "0190g2"}


def test_an_audit_chain_that_does_not_continue_is_an_alarm(terminal, admin):
    _, transport, log = terminal
    transport.push(log.batch(log.audit(), log.audit()))
    log.audit_hash = "f" * 64  # the next row does not link to the last one held
    with pytest.raises(SyncError) as refused:
        transport.push(log.batch(log.request("0190h1"), log.audit()))
    assert refused.value.kind is SyncErrorKind.AUDIT_BREAK
    [(_, detail, _)] = alarms(admin, log.terminal, "audit_break")
    assert detail["rewind"] is False and detail["position"] == 3
    assert held(admin, log.terminal)["acked"] == 2


def test_a_terminal_restored_from_an_old_backup_is_an_alarm(terminal, admin):
    """The outbox goes on after the mark, but the audit chain went back: a rewind."""
    _, transport, log = terminal
    transport.push(log.batch(log.audit(), log.audit(), log.audit()))
    log.audit_seq, log.audit_hash = 1, held(admin, log.terminal)["rows"][0][3]["hash"]
    with pytest.raises(SyncError) as refused:
        transport.push(log.batch(log.audit("restored")))
    assert refused.value.kind is SyncErrorKind.AUDIT_BREAK
    [(_, detail, _)] = alarms(admin, log.terminal, "audit_break")
    assert detail["rewind"] is True and detail["position"] == 2
    assert held(admin, log.terminal)["acked"] == 3


def test_a_version_is_replaced_only_by_a_newer_one(terminal, admin):
    _, transport, log = terminal
    newer = log.request("0190i1", status="decided")
    log.versions["0190i1"] = 0  # an older version arrives after a newer one
    older = dataclasses.replace(log.request("0190i1", status="received"), version=1)
    newer = dataclasses.replace(newer, version=5)
    transport.push(log.batch(newer, older))
    [row] = held(admin, log.terminal)["rows"]
    assert (row[2], row[3]["status"]) == (5, "decided")


@pytest.mark.parametrize(
    ("version", "accepted"),
    [
        (SCHEMA_VERSION, True),
        (SCHEMA_VERSION - 1, True),
        (SCHEMA_VERSION + 1, False),
        (SCHEMA_VERSION - 2, False),
    ],
)
def test_schema_versions_n_and_n_minus_1_only(terminal, admin, version, accepted):
    _, transport, log = terminal
    change = dataclasses.replace(log.request("0190j1"), schema_version=version)
    batch = log.batch(change, schema_version=version)
    if accepted:
        assert transport.push(batch).status == "applied"
        return
    with pytest.raises(SyncError) as refused:
        transport.push(batch)
    assert refused.value.kind is SyncErrorKind.SCHEMA
    assert refused.value.message.startswith("更新が必要です")
    assert held(admin, log.terminal)["acked"] == 0


def test_a_clock_hours_off_is_refused_and_recorded(terminal, admin):
    _, transport, log = terminal
    batch = dataclasses.replace(log.batch(log.request("0190k1")), sent_at="2001-01-01T00:00:00Z")
    with pytest.raises(SyncError) as refused:
        transport.push(batch)
    assert refused.value.kind is SyncErrorKind.CLOCK
    assert "時計" in refused.value.message and "分ずれています" in refused.value.message
    skew = admin.execute(
        "SELECT extract(epoch FROM clock_skew) FROM hq.terminals WHERE terminal = %s",
        (log.terminal.text,),
    ).fetchone()[0]
    assert skew > 3600 * 24 * 365
    assert alarms(admin, log.terminal, "clock")
    assert held(admin, log.terminal)["acked"] == 0
    # the clock set right, the same changes go through
    assert transport.push(dataclasses.replace(batch, sent_at=now_text())).status == "applied"


def test_a_full_disk_at_head_office_is_said_in_japanese_and_nothing_is_stored(terminal, admin):
    _, transport, log = terminal
    admin.execute(
        """CREATE FUNCTION hq.test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$;
           CREATE TRIGGER test_disk_full BEFORE INSERT ON hq.changes
           FOR EACH ROW EXECUTE FUNCTION hq.test_disk_full();"""
    )
    try:
        with pytest.raises(SyncError) as refused:
            transport.push(log.batch(log.request("0190l1")))
    finally:
        admin.execute(
            "DROP TRIGGER test_disk_full ON hq.changes; DROP FUNCTION hq.test_disk_full()"
        )
    assert refused.value.kind is SyncErrorKind.SERVER_FULL
    assert "いっぱい" in refused.value.message
    assert held(admin, log.terminal) == {"acked": 0, "rows": [], "changes": 0}
    assert (
        admin.execute(
            "SELECT count(*) FROM hq.batches WHERE terminal = %s", (log.terminal.text,)
        ).fetchone()[0]
        == 0
    )


# -- hostile batches ------------------------------------------------------------------------

_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from("あA{0").map(lambda c: c * 70_000),  # a huge string
)
_json = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
_DELETE = object()


def _paths(wire: dict) -> list[tuple]:
    paths: list[tuple] = [(key,) for key in wire]
    paths.append(("changes", 0))
    paths += [("changes", 0, key) for key in ("canonical", "sha256")]
    paths += [
        ("body", key) for key in ("seq", "aggregate", "id", "version", "schema_version", "payload")
    ]
    return paths


def _mutated(batch: Batch, path: tuple, value: object) -> dict:
    wire = json.loads(json.dumps(ingest_wire(batch)))
    if path[0] == "body":  # inside the canonical text, re-hashed so only the field is wrong
        body = batch.changes[0].body()
        if value is _DELETE:
            del body[path[1]]
        else:
            body[path[1]] = value
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        wire["changes"][0] = {
            "canonical": text,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
        return wire
    target = wire
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        if isinstance(target, list):
            target.pop(path[-1])
        else:
            del target[path[-1]]
    else:
        target[path[-1]] = value
    return wire


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_AGGREGATE = re.compile(r"[a-z][a-z_]{0,31}")


def _would_be_valid(path: tuple, value: object) -> bool:
    """A replacement that makes another well-formed batch (not hostile: left out)."""
    field = path[-1]
    if path[0] != "body":
        return path == ("schema_version",) and value in (SCHEMA_VERSION, SCHEMA_VERSION - 1)
    if field == "payload":
        return isinstance(value, dict)
    if field == "aggregate":
        return isinstance(value, str) and bool(_AGGREGATE.fullmatch(value))
    if field == "id":
        return isinstance(value, str) and bool(_ID.fullmatch(value))
    if field == "version":
        return type(value) is int and 1 <= value < 2**62
    if field == "schema_version":
        return value in (SCHEMA_VERSION, SCHEMA_VERSION - 1) and type(value) is int
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_hostile_batches_are_refused_as_invalid_and_store_nothing(terminal, admin, data):
    _, transport, log = terminal
    change = Change(1, "request", "0190z1", 1, SCHEMA_VERSION, {"status": "received"})
    batch = Batch(log.terminal, SCHEMA_VERSION, (change,), now_text())
    original = json.loads(json.dumps(ingest_wire(batch)))
    path = data.draw(st.sampled_from(_paths(original)), label="path")
    value = data.draw(st.one_of(st.just(_DELETE), _json), label="value")
    wire = _mutated(batch, path, value)
    assume(wire != original and not _would_be_valid(path, value))
    connection = transport._connect()
    try:
        answer = connection.execute(
            "SELECT hq.ingest_batch(%s::jsonb)", (json.dumps(wire, ensure_ascii=False),)
        ).fetchone()[0]
        sqlstate = answer.get("sqlstate", answer.get("status"))  # a refusal with its alarm
    except psycopg.Error as refused:
        sqlstate = refused.sqlstate
    allowed = {SyncErrorKind.INVALID}
    if path in (("schema_version",), ("body", "schema_version")) and type(value) is int:
        allowed.add(SyncErrorKind.SCHEMA)
    if path == ("terminal",) and isinstance(value, str):
        allowed.add(SyncErrorKind.FORBIDDEN)
    # a refusal of head office's (CA00n) or of PostgreSQL's jsonb input (22xxx: a NUL)
    assert kind_of_failure(sqlstate, "") in allowed, (path, sqlstate)
    assert held(admin, log.terminal) == {"acked": 0, "rows": [], "changes": 0}


def test_an_audit_row_whose_content_does_not_match_its_hash_is_an_alarm(terminal, admin):
    """The chain links (prev_hash right) but the row was edited after it was hashed."""
    _, transport, log = terminal
    transport.push(log.batch(log.audit()))
    row = log.audit("void", reason_code="R1")
    edited = dataclasses.replace(row, payload={**row.payload, "action": "reprint"})
    with pytest.raises(SyncError) as refused:
        transport.push(log.batch(edited))
    assert refused.value.kind is SyncErrorKind.AUDIT_BREAK
    [(_, detail, _)] = alarms(admin, log.terminal, "audit_break")
    assert detail["forged"] is True and detail["position"] == 2
    assert transport.push(log.batch(row)).status == "applied"  # the true row goes through


_canonical_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.text(
        alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(
                alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
                max_size=6,
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=_canonical_values)
def test_head_office_writes_canonical_json_exactly_as_python(admin, value):
    """hq.canonical (which re-hashes audit rows) against protocol.canonical_json."""
    from counter_app.sync.protocol import canonical_json

    text = json.dumps(value, ensure_ascii=False)
    assert admin.execute("SELECT hq.canonical(%s::jsonb)", (text,)).fetchone()[0] == (
        canonical_json(value)
    )


def test_row_level_security_is_a_second_wall(enrol, fresh_branch, admin):
    """Should a terminal's role ever be granted SELECT, it still sees only its branch."""
    from psycopg import sql

    mine, theirs = fresh_branch(), fresh_branch()
    reader, other = enrol(mine, 1), enrol(theirs, 1)
    for enrolled, request_id in ((reader, "0190w1"), (other, "0190w2")):
        log = TerminalLog(TerminalId(enrolled.branch, 1))
        transport = enrolled.transport()
        transport.push(log.batch(log.request(request_id)))
        transport.close()
    grant = sql.SQL("GRANT SELECT ON hq.aggregates TO {}").format(sql.Identifier(reader.role))
    admin.execute(grant)
    transport = reader.transport()
    try:
        seen = transport._connect().execute("SELECT branch, id FROM hq.aggregates").fetchall()
    finally:
        transport.close()
        admin.execute(
            sql.SQL("REVOKE SELECT ON hq.aggregates FROM {}").format(sql.Identifier(reader.role))
        )
    assert seen == [(mine, "0190w1")]
