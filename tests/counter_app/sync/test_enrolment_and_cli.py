"""Enrolment on the terminal and the ``sync`` / ``enrol`` commands.

The enrolment file's reader is head office's (counter_app.sync.enrolment_file, B1); until it
is merged these tests give :func:`enrol` the parsed file's fields directly and the CLI test of
``enrol`` runs only where the reader is present."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from counter_app.cli import main
from counter_app.errors import DomainError
from counter_app.security.keys import KEYRING_SERVICE, KEYRING_USER
from counter_app.services.intake import register_intake
from counter_app.services.samples import sample_self_intake
from counter_app.store.engine import open_database
from counter_app.sync.enrolment import (
    CA_FILE,
    CERT_FILE,
    KEY_FILE,
    PASSPHRASE_ENTRY,
    enrol,
    open_transport,
)
from counter_app.sync.protocol import SyncError, SyncErrorKind, TerminalId
from counter_app.sync.push import push
from counter_app.sync.state import sync_status

from ..services.conftest import NOW, TEST_KEY, TODAY
from .fake_hq import FakeHeadOffice

PASSPHRASE = "kasumigaura-tsukuba-2026"


@dataclasses.dataclass(frozen=True)
class ParsedFile:
    """The fields of enrolment_file.EnrolmentFile that enrol() uses."""

    terminal: TerminalId
    host: str = "hq.example.coop"
    port: int = 5432
    dbname: str = "hq"
    ca_cert_pem: str = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"
    client_cert_pem: str = "-----BEGIN CERTIFICATE-----\nT\n-----END CERTIFICATE-----\n"
    client_key_pem: str = (
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nK\n-----END ENCRYPTED PRIVATE KEY-----\n"
    )


def intake(counter) -> str:
    with counter.db.unit_of_work() as uow:
        result = register_intake(uow, counter.staff, sample_self_intake(TODAY), now=NOW)
        uow.commit()
    return result.request_number


def test_a_stand_alone_terminal_is_enrolled_later_and_its_earlier_rows_go_first(
    counter, tmp_path, isolated_environment
):
    before = intake(counter)  # stand-alone: numbered as terminal 01
    assert before.startswith("R-BR01-01-")
    folder = tmp_path / "data"
    with pytest.raises(SyncError) as caught:
        open_transport(counter.db, folder)
    assert caught.value.kind is SyncErrorKind.NOT_ENROLLED
    result = enrol(counter.db, folder, ParsedFile(TerminalId("BR01", 1)), PASSPHRASE, counter.admin)
    assert result.terminal == "BR01-01"
    # certificates and the encrypted key: the owner's only; the passphrase: the keyring only
    sync = folder / "sync"
    assert stat.S_IMODE(sync.stat().st_mode) == 0o700
    for name in (CA_FILE, CERT_FILE, KEY_FILE):
        assert stat.S_IMODE((sync / name).stat().st_mode) == 0o600
    assert isolated_environment.get_password(KEYRING_SERVICE, PASSPHRASE_ENTRY) == PASSPHRASE
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in {".pem", ".key", ".json", ".txt"}:
            assert PASSPHRASE.encode() not in path.read_bytes()
    status = sync_status(counter.db)
    assert status.enrolled and status.hq_address == "hq.example.coop:5432/hq"
    # everything since the database was made goes in the first push
    hq = FakeHeadOffice(TerminalId("BR01", 1))
    push(counter.db, hq)
    numbers = {c.payload.get("number") for c in hq.held.values() if c.aggregate == "request"}
    assert before in numbers
    audit = [c.payload for c in hq.held.values() if c.aggregate == "audit"]
    # the whole audit trail from its first row, in order (head office checks the chain)
    assert [row["seq"] for row in audit] == list(range(1, len(audit) + 1))
    assert audit[-1]["action"] == "sync.enrol"


def test_enrolment_as_another_number_before_any_number_renumbers_nothing(counter, tmp_path):
    from counter_app.services.close_day import close_day
    from counter_app.services.daily_log import daily_log_data

    enrol(counter.db, tmp_path, ParsedFile(TerminalId("BR01", 2)), PASSPHRASE, counter.admin)
    assert intake(counter).startswith("R-BR01-02-")
    assert sync_status(counter.db).terminal == "BR01-02"
    # the day's log and its close are this terminal's
    with counter.db.unit_of_work(read_only=True) as uow:
        assert daily_log_data(uow, counter.staff, TODAY, now=NOW).terminal == "BR01-02"
    with counter.db.unit_of_work() as uow:
        figures = close_day(uow, counter.supervisor, TODAY, 0, variance_note="確認", now=NOW)
        uow.commit()
    assert figures.close_number.startswith("C-BR01-02-")
    with counter.db.unit_of_work(read_only=True) as uow:
        assert daily_log_data(uow, counter.staff, TODAY, now=NOW).terminal == "BR01-02"


def test_a_terminal_that_numbered_as_01_cannot_become_02(counter, tmp_path, isolated_environment):
    intake(counter)
    with pytest.raises(DomainError, match="端末番号 01"):
        enrol(counter.db, tmp_path, ParsedFile(TerminalId("BR01", 2)), PASSPHRASE, counter.admin)
    with pytest.raises(DomainError, match="支店 BR02"):
        enrol(counter.db, tmp_path, ParsedFile(TerminalId("BR02", 1)), PASSPHRASE, counter.admin)
    assert not (tmp_path / "sync").exists()
    assert isolated_environment.get_password(KEYRING_SERVICE, PASSPHRASE_ENTRY) is None
    assert sync_status(counter.db).terminal == "BR01-01"


def test_a_missing_passphrase_is_said_in_japanese(counter, tmp_path, isolated_environment):
    enrol(counter.db, tmp_path, ParsedFile(TerminalId("BR01", 1)), PASSPHRASE, counter.admin)
    isolated_environment.delete_password(KEYRING_SERVICE, PASSPHRASE_ENTRY)
    with pytest.raises(SyncError) as caught:
        open_transport(counter.db, tmp_path)
    assert caught.value.kind is SyncErrorKind.PASSPHRASE_MISSING
    assert "キーリング" in caught.value.message


def test_only_an_administrator_enrols(counter, tmp_path):
    from counter_app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        enrol(counter.db, tmp_path, ParsedFile(TerminalId("BR01", 1)), PASSPHRASE, counter.staff)


# -- the commands ------------------------------------------------------------------------
@pytest.fixture
def home(counter_template, isolated_environment):
    import shutil

    folder, _ = counter_template
    target = os.environ["COUNTER_APP_HOME"]
    shutil.copytree(folder, target)
    isolated_environment.set_password(KEYRING_SERVICE, KEYRING_USER, TEST_KEY.hex())
    return target


def test_sync_status_and_a_push_of_a_stand_alone_terminal(home, capsys):
    assert main(["sync", "status"]) == 0
    out = capsys.readouterr().out
    assert "未送信:" in out and "未登録 (単独で動いています)" in out and "BR01-01" in out
    assert main(["sync", "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pending"] > 0 and data["enrolled"] is False
    assert main(["sync", "push"]) == 2
    err = capsys.readouterr().err
    assert "本部に登録されていません" in err and "Traceback" not in err
    db = open_database(home, key=TEST_KEY)
    try:
        with db.engine.connect() as conn:
            assert (
                conn.execute(text("SELECT COUNT(*) FROM sync_outbox")).scalar() == data["pending"]
            )
    finally:
        db.close()


def test_enrol_command_with_head_offices_reader(home, tmp_path, capsys, monkeypatch):
    reader = pytest.importorskip(
        "counter_app.sync.enrolment_file", reason="head office's reader (B1) not merged yet"
    )
    del reader
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "x")
    path = tmp_path / "enrol.json"
    path.write_text("{}", encoding="utf-8")
    assert main(["enrol", "--file", str(path), "--user", "sato"]) == 2
    assert "登録ファイル" in capsys.readouterr().err


def test_enrol_command_wiring_with_a_stand_in_reader(home, tmp_path, capsys, monkeypatch):
    """The command as it will run with head office's reader: here a stand-in module with the
    reader's two functions (parse_enrolment, check_passphrase), so the command's own steps —
    sign-in, passphrase, files, keyring, audit, output — are driven for real."""
    import sys
    import types

    from counter_app.errors import InputError
    from counter_app.services.samples import SAMPLE_ADMIN

    def parse_enrolment(raw: bytes) -> ParsedFile:
        data = json.loads(raw)
        return ParsedFile(TerminalId(data["branch"], data["terminal"]), host=data["host"])

    def check_passphrase(enrolment: ParsedFile, passphrase: str) -> None:
        if passphrase != PASSPHRASE:
            raise InputError("パスフレーズが正しくありません。")

    stand_in = types.ModuleType("counter_app.sync.enrolment_file")
    stand_in.parse_enrolment = parse_enrolment
    stand_in.check_passphrase = check_passphrase
    if "counter_app.sync.enrolment_file" not in sys.modules:
        monkeypatch.setitem(sys.modules, "counter_app.sync.enrolment_file", stand_in)
    else:  # head office's reader is merged: its own tests cover the file; wiring only here
        pytest.skip("the real reader is present (tested with real files elsewhere)")
    path = tmp_path / "BR01-01.json"
    path.write_text(json.dumps({"branch": "BR01", "terminal": 1, "host": "hq.example.coop"}))
    monkeypatch.setenv("COUNTER_APP_PASSWORD", SAMPLE_ADMIN.password)
    monkeypatch.setenv("COUNTER_APP_ENROL_PASSPHRASE", "wrong")
    args = ["enrol", "--file", str(path), "--user", SAMPLE_ADMIN.username]
    assert main(args) == 2
    assert "パスフレーズが正しくありません" in capsys.readouterr().err
    monkeypatch.setenv("COUNTER_APP_ENROL_PASSPHRASE", PASSPHRASE)
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["terminal"] == "BR01-01" and result["pending"] > 0
    assert stat.S_IMODE((Path(home) / "sync" / KEY_FILE).stat().st_mode) == 0o600
    assert main(["sync", "status"]) == 0
    assert "本部: hq.example.coop:5432/hq" in capsys.readouterr().out
