"""Faults seen from a real terminal: head office unreachable, a certificate expired or revoked,
the passphrase missing from the keyring, head office's disk full, the terminal's clock wrong by
hours, the network dropping in the middle of a batch.

Each one, driven through the terminal's own ``counter-app sync push``: exit code 2 and a
Japanese sentence (no traceback, no libpq text), the same sentence in ``sync status``, every
change kept in the outbox; the counter takes a request right after (offline); once the fault
is gone the next push delivers everything, each change exactly once at head office.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql

from tests.sync_e2e.conftest import held
from tests.sync_e2e.terminals import Terminal, outbox
from tests.tcp_proxy import TcpProxy

#: a libpq or Python text leaking onto the counter's screen
LEAKS = re.compile(r"Traceback|psycopg|SSL|FATAL|sqlstate|\bCA0\d\d\b|Error:", re.I)


def japanese(text: str) -> bool:
    return bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text))


def fault_then_recovery(
    terminal: Terminal, admin, fault: Callable[[], Iterator[None]], words: tuple[str, ...]
) -> str:
    """Push under ``fault``: refused in Japanese with ``words``, nothing lost, an intake right
    after; then push without it: everything held once. Returns the message shown."""
    terminal.intake()
    with fault():
        before = outbox(terminal)
        run = terminal.cli("sync", "push")
        assert run.code == 2, (run.out, run.err)
        message = run.err.strip()
        assert message.startswith("エラー: ") and japanese(message), message
        assert all(word in message for word in words), message
        assert "受付はこのまま続けられます" in message, message
        assert not LEAKS.search(message), message
        status = terminal.status()
        assert status["last_error"] and all(word in status["last_error"] for word in words)
        assert status["pending"] == len(before) and outbox(terminal) == before
        # the counter keeps taking requests, offline
        number = terminal.intake()
        assert number.startswith(f"R-{terminal.name}-")
        assert len(outbox(terminal)) > len(before)
    committed = {**held(admin, terminal), **outbox(terminal)}
    run = terminal.cli("sync", "push")
    assert run.code == 0, run.err
    assert "未送信: 0 件" in run.out
    assert held(admin, terminal) == committed
    count = admin.execute(
        "SELECT count(*) FROM hq.changes WHERE terminal = %s", (terminal.name,)
    ).fetchone()[0]
    assert count == len(committed)
    status = terminal.status()
    assert status["pending"] == 0 and status["last_error"] is None
    return message


@pytest.fixture
def terminal(new_terminal) -> Terminal:
    return new_terminal()


@pytest.fixture
def proxied(new_terminal, hq_db) -> Iterator[tuple[Terminal, TcpProxy]]:
    """A terminal enrolled with head office's address behind a loopback proxy the test cuts."""
    with TcpProxy((hq_db.host, hq_db.port)) as proxy:
        yield new_terminal(via_port=proxy.port), proxy


def test_head_office_unreachable(proxied, admin):
    terminal, proxy = proxied

    @contextmanager
    def down() -> Iterator[None]:
        proxy.cut_after(0)
        yield
        proxy.cut_after(None)

    fault_then_recovery(terminal, admin, down, ("本部に接続できません",))


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(cut=st.integers(min_value=0, max_value=12_000))
def test_the_network_drops_mid_batch_and_nothing_is_lost_or_doubled(proxied, admin, cut):
    """The proxy cuts the connection after ``cut`` bytes (the TLS handshake, the batch, or
    head office's answer): the push says so in Japanese or went through; the next one
    delivers the rest; held once."""
    terminal, proxy = proxied
    terminal.intake()
    committed = {**held(admin, terminal), **outbox(terminal)}
    proxy.cut_after(cut)
    run = terminal.cli("sync", "push")
    proxy.cut_after(None)
    if run.code != 0:
        assert run.code == 2 and "本部に接続できません" in run.err, run.err
        assert not LEAKS.search(run.err), run.err
    assert set(committed) <= set(held(admin, terminal)) | set(outbox(terminal))
    again = terminal.cli("sync", "push")
    assert again.code == 0, again.err
    assert held(admin, terminal) == committed
    assert outbox(terminal) == {}


def test_an_expired_certificate(terminal, admin, hq_db, tmp_path):
    sync = terminal.folder / "sync"
    cert, key = hq_db.issue_client_certificate(
        terminal.role,
        terminal.passphrase,
        tmp_path / "expired",
        not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=900),
        days=825,
    )
    good = {name: (sync / name).read_bytes() for name in ("terminal.pem", "terminal.key")}

    @contextmanager
    def expired() -> Iterator[None]:
        (sync / "terminal.pem").write_bytes(cert.read_bytes())
        (sync / "terminal.key").write_bytes(key.read_bytes())
        yield
        for name, content in good.items():  # head office's new certificate, re-enrolled
            (sync / name).write_bytes(content)

    fault_then_recovery(terminal, admin, expired, ("証明書", "再登録"))


def test_a_certificate_head_office_revoked(terminal, admin):
    role = sql.Identifier(terminal.role)

    @contextmanager
    def revoked() -> Iterator[None]:
        admin.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(role))  # docs/headoffice.md 6
        try:
            yield
        finally:
            admin.execute(sql.SQL("ALTER ROLE {} LOGIN").format(role))

    fault_then_recovery(terminal, admin, revoked, ("証明書", "失効"))


def test_the_passphrase_missing_from_the_keyring(terminal, admin):
    @contextmanager
    def missing() -> Iterator[None]:
        passphrase = terminal.forget_passphrase()
        yield
        terminal.put_passphrase(passphrase)

    fault_then_recovery(terminal, admin, missing, ("パスフレーズ",))


def test_head_office_disk_full(terminal, admin):
    @contextmanager
    def full() -> Iterator[None]:
        admin.execute(
            """CREATE FUNCTION hq.e2e_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$;
               CREATE TRIGGER e2e_disk_full BEFORE INSERT ON hq.changes
               FOR EACH ROW EXECUTE FUNCTION hq.e2e_disk_full();"""
        )
        try:
            yield
        finally:
            admin.execute(
                "DROP TRIGGER e2e_disk_full ON hq.changes; DROP FUNCTION hq.e2e_disk_full()"
            )

    fault_then_recovery(terminal, admin, full, ("記憶領域がいっぱい",))


@pytest.mark.parametrize("hours", [-9, 3])
def test_the_terminal_clock_wrong_by_hours(terminal, admin, monkeypatch, hours):
    """The push's clock (counter_app.sync.push._now, the seam) set ``hours`` off: refused
    with the minutes named, head office records the skew; set right, everything goes."""
    from counter_app.sync import push as push_module

    real_now = push_module._now

    @contextmanager
    def wrong() -> Iterator[None]:
        monkeypatch.setattr(push_module, "_now", lambda: real_now() + dt.timedelta(hours=hours))
        yield
        monkeypatch.setattr(push_module, "_now", real_now)

    message = fault_then_recovery(terminal, admin, wrong, ("時計",))
    assert f"約 {abs(hours) * 60} 分" in message or "ずれ" in message
    skew = admin.execute(
        "SELECT clock_skew FROM hq.terminals WHERE terminal = %s", (terminal.name,)
    ).fetchone()[0]
    assert abs(skew.total_seconds()) < 600  # the last push, with the clock set right
