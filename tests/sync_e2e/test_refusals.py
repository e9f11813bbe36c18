"""Head office's refusals met by a real terminal's own push and pull: the same batch twice, a
gap, a forged batch, a batch that rewrites what head office holds, a certificate of another
terminal, a terminal's role reading another branch's rows. Each is refused or harmless, with
the Japanese sentence the terminal shows (``sync push`` and ``sync status``), nothing lost.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from counter_app.sync import transport_pg
from counter_app.sync.enrolment import open_transport
from counter_app.sync.protocol import SyncError, SyncErrorKind
from tests.sync_e2e.conftest import held
from tests.sync_e2e.terminals import Terminal, outbox


def refused(terminal: Terminal, *words: str) -> str:
    run = terminal.cli("sync", "push")
    assert run.code == 2, (run.out, run.err)
    assert all(word in run.err for word in words), run.err
    assert "Traceback" not in run.err and "psycopg" not in run.err
    last = terminal.status()["last_error"]
    assert last and all(word in last for word in words), last
    return run.err


def alarms(admin, terminal: Terminal) -> list[str]:
    rows = admin.execute(
        "SELECT kind FROM hq.alarms WHERE terminal = %s ORDER BY id", (terminal.name,)
    ).fetchall()
    return [kind for (kind,) in rows]


def test_the_same_batch_twice_is_a_harmless_duplicate(new_terminal, admin, tmp_path):
    """A copy of the terminal taken before its push (a backup restored at once) pushes the
    same batches again: acknowledged as duplicates, held once, no alarm."""
    terminal = new_terminal()
    terminal.intake()
    twin = terminal.copy_to(tmp_path / "twin")
    committed = outbox(terminal)
    assert terminal.cli("sync", "push").code == 0
    run = twin.cli("sync", "push")
    assert run.code == 0, run.err
    assert f"送信しました: {len(committed)} 件" in run.out
    assert held(admin, terminal) == committed
    assert outbox(twin) == {} and alarms(admin, terminal) == []


def test_a_gap_is_refused_and_what_is_left_stays(new_terminal, admin):
    """The outbox's first rows deleted behind the program's back: head office refuses the
    batch that does not continue its mark; the terminal keeps every row it still has."""
    terminal = new_terminal()
    terminal.intake()
    with terminal.database() as db, db.unit_of_work() as uow:
        assert uow.session is not None
        uow.session.execute(text("DELETE FROM sync_outbox WHERE seq <= 2"))
        uow.commit()
    left = outbox(terminal)
    refused(terminal, "続きから送られていない")
    assert outbox(terminal) == left and held(admin, terminal) == {}


def test_a_forged_batch_is_refused_and_stores_nothing(new_terminal, admin, monkeypatch):
    """A change whose content does not match its hash on the way (a forged or damaged batch):
    refused as a whole, nothing stored; the untouched resend goes through."""
    terminal = new_terminal()
    terminal.intake()
    committed = outbox(terminal)
    real_wire = transport_pg.ingest_wire

    def forged(batch):  # type: ignore[no-untyped-def]
        wire = real_wire(batch)
        change = wire["changes"][-1]
        body = json.loads(change["canonical"])
        body["payload"]["forged"] = True
        change["canonical"] = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        return wire

    monkeypatch.setattr(transport_pg, "ingest_wire", forged)
    refused(terminal, "形式が正しくない")
    assert held(admin, terminal) == {} and outbox(terminal) == committed
    monkeypatch.setattr(transport_pg, "ingest_wire", real_wire)
    assert terminal.cli("sync", "push").code == 0
    assert held(admin, terminal) == committed


def test_a_batch_that_rewrites_what_head_office_holds_is_a_conflict_with_an_alarm(
    new_terminal, admin, tmp_path
):
    """Two copies of one terminal take different requests (a terminal restored from an old
    backup and used): the second push carries other content under sequences head office
    holds. Refused with an alarm; head office keeps the first; the copy loses nothing."""
    terminal = new_terminal()
    twin = terminal.copy_to(tmp_path / "twin")
    terminal.intake()
    assert terminal.cli("sync", "push").code == 0
    first = held(admin, terminal)
    twin.intake()
    kept = outbox(twin)
    refused(twin, "本部の管理者に連絡してください")
    assert held(admin, terminal) == first
    assert outbox(twin) == kept
    assert set(alarms(admin, terminal)) & {"conflict", "audit_break"}


def test_a_certificate_of_another_terminal_cannot_push_as_this_one(new_terminal, admin):
    """BR…-a's files and passphrase copied onto BR…-b: head office refuses the login (the
    certificate names another role); b's changes stay; its own certificate works again."""
    mine, other = new_terminal(), new_terminal()
    mine.intake()
    committed = outbox(mine)
    sync, theirs = mine.folder / "sync", other.folder / "sync"
    own = {name: (sync / name).read_bytes() for name in ("terminal.pem", "terminal.key")}
    own_passphrase = mine.passphrase
    for name in own:
        (sync / name).write_bytes((theirs / name).read_bytes())
    mine.put_passphrase(other.passphrase)
    refused(mine, "証明書")
    assert held(admin, mine) == {} and held(admin, other) == {}
    for name, content in own.items():
        (sync / name).write_bytes(content)
    mine.put_passphrase(own_passphrase)
    assert mine.cli("sync", "push").code == 0
    assert held(admin, mine) == committed


def test_a_terminal_reads_nothing_of_another_branch(new_terminal, admin):
    """A terminal's own credentials (its transport): its pull brings only its branch's items,
    and a direct read of head office's tables is refused in Japanese."""
    here, there = new_terminal("E2E3"), new_terminal("E2E4")  # branches no other test uses
    there.intake()
    assert there.cli("sync", "push").code == 0
    request_id = admin.execute(
        "SELECT id FROM hq.aggregates WHERE terminal = %s AND aggregate = 'request'",
        (there.name,),
    ).fetchone()[0]
    decision = {
        "request_id": request_id,
        "outcomes": {"disclosure": "disclosed_full"},
        "decided_at": dt.datetime.now(dt.UTC).isoformat(),  # not before the request
        "decided_by": "本部 個人情報保護窓口",
    }
    admin.execute(
        "SELECT hq.publish('E2E4', 'decision', 'e2e-other-branch', %s::jsonb, %s)",
        (json.dumps(decision, ensure_ascii=False), request_id),
    )
    with here.database() as db:
        with here.active():
            transport = open_transport(db, here.folder)
        try:
            pulled = transport.pull(0, 500)
            assert "e2e-other-branch" not in {item.item_id for item in pulled.items}
            assert request_id not in json.dumps([dict(item.payload) for item in pulled.items])
            with pytest.raises(SyncError) as caught:
                transport._call(  # the terminal's connection trying to read around ingest
                    "SELECT to_jsonb(a) FROM hq.aggregates a WHERE id = %s", (request_id,)
                )
        finally:
            transport.close()
    assert caught.value.kind is SyncErrorKind.FORBIDDEN
    assert "許可されていません" in caught.value.user_text()
    run = here.cli("sync", "pull")
    assert run.code == 0 and "決定 0 件、設定 0 件" in run.out, run.out
