"""PostgresTransport's failures, each a SyncError with a Japanese sentence, nothing lost.

Real TLS, real certificates: head office unreachable, the network cut at any byte of a push
(tests/tcp_proxy.py), a wrong or missing passphrase, an expired certificate, a server signed
by another CA, a terminal whose login head office revoked.
"""

from __future__ import annotations

import datetime as dt

import pytest
import trustme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.sync.protocol import SyncError, SyncErrorKind, TerminalId
from counter_app.sync.transport_pg import PostgresTransport, kind_of_failure
from tests.headoffice.batches import TerminalLog
from tests.pg_server import free_port
from tests.tcp_proxy import TcpProxy

JAPANESE = ("。", "本部")


def refused(transport: PostgresTransport, log: TerminalLog) -> SyncError:
    try:
        with pytest.raises(SyncError) as caught:
            transport.push(log.batch(log.request("0190t1")))
    finally:
        transport.close()
    error = caught.value
    assert all(mark in error.message for mark in JAPANESE[:1])
    assert "Traceback" not in error.user_text() and "psycopg" not in error.user_text()
    return error


@pytest.fixture
def enrolled(enrol, fresh_branch):
    return enrol(fresh_branch(), 1)


def test_head_office_unreachable(enrolled):
    transport = enrolled.transport(port=free_port(), connect_timeout=3)
    error = refused(transport, TerminalLog(TerminalId(enrolled.branch, 1)))
    assert error.kind is SyncErrorKind.UNREACHABLE
    assert "受付はこのまま続けられます" in error.user_text()


def test_a_wrong_passphrase(enrolled):
    transport = enrolled.transport(passphrase="wrong-" + enrolled.passphrase)
    error = refused(transport, TerminalLog(TerminalId(enrolled.branch, 1)))
    assert error.kind is SyncErrorKind.PASSPHRASE_MISSING


def test_no_passphrase_in_the_keyring(enrolled):
    transport = enrolled.transport(passphrase=None)
    error = refused(transport, TerminalLog(TerminalId(enrolled.branch, 1)))
    assert error.kind is SyncErrorKind.PASSPHRASE_MISSING
    assert "パスフレーズ" in error.message


def test_an_expired_certificate(enrolled, tmp_path):
    cert_file, key_file = enrolled.server.issue_client_certificate(
        enrolled.role,
        "old-passphrase",
        tmp_path / "old",
        not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=900),
        days=825,
    )
    transport = enrolled.transport(
        cert_file=cert_file, key_file=key_file, passphrase="old-passphrase"
    )
    error = refused(transport, TerminalLog(TerminalId(enrolled.branch, 1)))
    assert error.kind is SyncErrorKind.CERTIFICATE
    assert "再登録" in error.user_text()


def test_a_server_signed_by_another_ca_is_not_trusted(enrolled, tmp_path):
    (tmp_path / "other-ca.crt").write_bytes(trustme.CA().cert_pem.bytes())
    transport = enrolled.transport(ca_file=tmp_path / "other-ca.crt")
    error = refused(transport, TerminalLog(TerminalId(enrolled.branch, 1)))
    assert error.kind is SyncErrorKind.CERTIFICATE
    assert "certificate verify failed" in error.detail


def test_a_terminal_head_office_revoked(enrolled, admin):
    from psycopg import sql

    admin.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(enrolled.role)))
    try:
        error = refused(enrolled.transport(), TerminalLog(TerminalId(enrolled.branch, 1)))
    finally:
        admin.execute(sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(enrolled.role)))
    assert error.kind is SyncErrorKind.CERTIFICATE


def test_a_suspended_terminal_may_not_push(enrolled, admin):
    admin.execute("UPDATE hq.terminals SET status = 'suspended' WHERE role = %s", (enrolled.role,))
    error = refused(enrolled.transport(), TerminalLog(TerminalId(enrolled.branch, 1)))
    assert error.kind is SyncErrorKind.FORBIDDEN


@given(sqlstate=st.from_regex(r"53[0-9A-Z]{3}|08[0-9A-Z]{3}|57P0[1-5]", fullmatch=True))
def test_server_states_map_to_a_kind(sqlstate):
    expected = SyncErrorKind.SERVER_FULL if sqlstate == "53100" else SyncErrorKind.UNREACHABLE
    assert kind_of_failure(sqlstate, "") is expected


@pytest.fixture
def proxied(enrolled):
    with TcpProxy((enrolled.server.host, enrolled.server.port)) as proxy:
        yield enrolled, proxy


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(cut=st.integers(min_value=0, max_value=9000))
def test_the_network_drops_at_any_byte_and_nothing_is_lost_or_doubled(proxied, admin, cut):
    """Cut after ``cut`` bytes (handshake, batch or ack), then resend: held exactly once."""
    enrolled, proxy = proxied
    terminal = TerminalId(enrolled.branch, 1)
    acked = admin.execute(
        "SELECT acked_seq FROM hq.terminals WHERE terminal = %s", (terminal.text,)
    ).fetchone()[0]
    mark = admin.execute(
        "SELECT last_position, last_hash FROM hq.audit_marks WHERE terminal = %s",
        (terminal.text,),
    ).fetchone()
    log = TerminalLog(terminal, seq=acked)
    if mark is not None:
        log.audit_seq, log.audit_hash = mark
    batch = log.batch(log.request(f"0190n{acked}", name="山田 花子", note="あ" * 2000), log.audit())
    proxy.cut_after(cut)
    transport = enrolled.transport(port=proxy.port, connect_timeout=3)
    try:
        first = transport.push(batch)
    except SyncError as error:
        assert error.kind is SyncErrorKind.UNREACHABLE, error.detail
        first = None
    finally:
        transport.close()
    proxy.cut_after(None)
    again = enrolled.transport(port=proxy.port)
    try:
        second = again.push(batch)
    finally:
        again.close()
    assert second.acked_seq == batch.last_seq
    assert second.status == ("duplicate" if first is not None else second.status)
    held = admin.execute(
        "SELECT count(*), max(seq) FROM hq.changes WHERE terminal = %s", (terminal.text,)
    ).fetchone()
    assert held == (batch.last_seq, batch.last_seq)


def test_an_acknowledgement_lost_on_the_way_back_makes_the_resend_a_duplicate(proxied, admin):
    """Head office commits the batch, the network drops before its answer reaches the
    terminal: the terminal keeps its rows, resends them, and they are held once."""
    import threading
    import time

    enrolled, proxy = proxied
    log = TerminalLog(TerminalId(enrolled.branch, 1))
    batch = log.batch(log.request("0190u1"), log.audit())
    admin.execute(
        """CREATE FUNCTION hq.test_slow() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN PERFORM pg_sleep(1.5); RETURN NEW; END $$;
           CREATE TRIGGER test_slow BEFORE INSERT ON hq.batches
           FOR EACH ROW EXECUTE FUNCTION hq.test_slow();"""
    )
    outcome: list[object] = []
    transport = enrolled.transport(port=proxy.port)
    try:
        transport._connect()  # connected before the push: the cut falls inside the statement

        def send() -> None:
            try:
                outcome.append(transport.push(batch))
            except SyncError as error:
                outcome.append(error)

        pusher = threading.Thread(target=send)
        pusher.start()
        time.sleep(0.5)
        proxy.cut_now()
        pusher.join(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            acked = admin.execute(
                "SELECT acked_seq FROM hq.terminals WHERE role = %s", (enrolled.role,)
            ).fetchone()[0]
            if acked == batch.last_seq:
                break
            time.sleep(0.1)
    finally:
        transport.close()
        admin.execute("DROP TRIGGER test_slow ON hq.batches; DROP FUNCTION hq.test_slow()")
    [error] = outcome
    assert isinstance(error, SyncError) and error.kind is SyncErrorKind.UNREACHABLE
    assert acked == batch.last_seq  # committed at head office, unknown to the terminal
    again = enrolled.transport()
    try:
        assert again.push(batch).status == "duplicate"
    finally:
        again.close()
    assert admin.execute(
        "SELECT count(*) FROM hq.changes c JOIN hq.terminals t USING (terminal) WHERE t.role = %s",
        (enrolled.role,),
    ).fetchone() == (2,)
