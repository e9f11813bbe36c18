"""``counter-app hq migrate / enrol-terminal / terminals`` against the real server."""

from __future__ import annotations

import json
import stat

import pytest

from counter_app.cli import main
from counter_app.sync.enrolment_file import check_passphrase, parse_enrolment
from counter_app.sync.protocol import TerminalId
from counter_app.sync.transport_pg import PostgresTransport
from tests.headoffice.batches import TerminalLog


@pytest.fixture
def ca_files(hq_db, tmp_path):
    (tmp_path / "ca.crt").write_bytes(hq_db.ca_cert_pem)
    (tmp_path / "ca.key").write_bytes(hq_db.ca_key_pem)
    return tmp_path / "ca.crt", tmp_path / "ca.key"


def test_migrate_twice_is_harmless(hq_db, capsys):
    assert main(["hq", "migrate", "--dsn", hq_db.admin_dsn]) == 0
    assert "リビジョン 0003" in capsys.readouterr().out


def test_migrate_with_a_wrong_password_says_so_in_japanese(hq_db, capsys):
    dsn = hq_db.admin_dsn.replace(f"password={hq_db.admin_password}", "password=wrong")
    assert main(["hq", "migrate", "--dsn", dsn]) == 2
    err = capsys.readouterr().err
    assert "本部のデータベースに接続できない" in err and "Traceback" not in err


def test_enrol_terminal_writes_a_file_the_terminal_can_use(
    hq_db, ca_files, tmp_path, capsys, fresh_branch, admin
):
    branch = fresh_branch()
    out = tmp_path / "enrol.json"
    argv = [
        "hq",
        "enrol-terminal",
        "--dsn",
        hq_db.admin_dsn,
        "--branch",
        branch,
        "--terminal",
        "3",
        "--host",
        hq_db.host,
        "--port",
        str(hq_db.port),
        "--ca-cert",
        str(ca_files[0]),
        "--ca-key",
        str(ca_files[1]),
        "-o",
        str(out),
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    passphrase = printed.strip().splitlines()[-1].strip()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert passphrase.encode() not in raw and b"BEGIN ENCRYPTED PRIVATE KEY" in raw
    enrolment = parse_enrolment(raw)
    assert enrolment.terminal == TerminalId(branch, 3)
    check_passphrase(enrolment, passphrase)
    folder = tmp_path / "terminal"
    folder.mkdir()
    (folder / "ca.crt").write_text(enrolment.ca_cert_pem)
    (folder / "c.crt").write_text(enrolment.client_cert_pem)
    (folder / "c.key").write_text(enrolment.client_key_pem)
    (folder / "c.key").chmod(0o600)
    transport = PostgresTransport(
        enrolment.host,
        enrolment.port,
        enrolment.dbname,
        enrolment.terminal.role,
        folder / "ca.crt",
        folder / "c.crt",
        folder / "c.key",
        passphrase,
    )
    log = TerminalLog(enrolment.terminal)
    try:
        assert transport.push(log.batch(log.request("0190c9"))).status == "applied"
    finally:
        transport.close()
    # the same terminal again: refused unless reissued, and the file is never overwritten
    assert main(argv) == 2
    assert "上書きはしません" in capsys.readouterr().err
    argv[-1] = str(tmp_path / "again.json")
    assert main(argv) == 2
    assert "すでに登録されています" in capsys.readouterr().err
    assert main([*argv, "--reissue"]) == 0
    assert admin.execute(
        "SELECT acked_seq FROM hq.terminals WHERE terminal = %s", (f"{branch}-03",)
    ).fetchone() == (1,)
    again = json.loads((tmp_path / "again.json").read_text())
    assert again["client_cert"] != enrolment.client_cert_pem


def test_terminals_flags_a_stale_terminal_and_an_alarm(hq_db, enrol, fresh_branch, admin, capsys):
    enrolled = enrol(fresh_branch(), 1)
    assert main(["hq", "terminals", "--dsn", hq_db.admin_dsn]) == 1
    line = next(
        row for row in capsys.readouterr().out.splitlines() if row.startswith(enrolled.branch)
    )
    assert "送信なし" in line
