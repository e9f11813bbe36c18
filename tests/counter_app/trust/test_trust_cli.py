"""The trust commands in-process: backup (create/list/verify), restore (check, then --yes),
purge (dry run, then --execute), audit verify with backup anchors; Japanese errors, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlcipher3

from counter_app.cli import main
from counter_app.services.samples import (
    SAMPLE_ADMIN,
    SAMPLE_STAFF,
    SAMPLE_SUPERVISOR,
    sample_self_intake,
)
from counter_app.services.sign_in import LoginFailed

from .conftest import TEMPLATE_KEY, register


def run(capsys, monkeypatch, args, password=None):
    if password is None:
        monkeypatch.delenv("COUNTER_APP_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def folder(counter):
    register(counter, sample_self_intake())
    path = counter.db.folder
    counter.db.close()
    return path


def test_backup_list_verify_restore(capsys, monkeypatch, folder):
    d = ["--data-dir", str(folder)]
    code, out, err = run(
        capsys, monkeypatch, [*d, "backup", "--user", "tanaka"], SAMPLE_STAFF.password
    )
    assert code == 2 and "責任者以上" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "backup", "--user", "suzuki", "--json"],
        SAMPLE_SUPERVISOR.password,
    )
    assert code == 0, err
    info = json.loads(out)
    code, out, _ = run(
        capsys, monkeypatch, [*d, "backup", "list", "--user", "suzuki"], SAMPLE_SUPERVISOR.password
    )
    assert code == 0 and "正常" in out
    code, out, _ = run(
        capsys,
        monkeypatch,
        [*d, "backup", "verify", info["path"], "--user", "suzuki"],
        SAMPLE_SUPERVISOR.password,
    )
    assert code == 0 and "一致" in out

    code, out, _ = run(
        capsys,
        monkeypatch,
        [*d, "audit", "verify", "--user", "suzuki", "--json"],
        SAMPLE_SUPERVISOR.password,
    )
    verdict = json.loads(out)
    # the backup's manifest and the rollback anchor in the keyring
    assert code == 0 and verdict["intact"] and verdict["anchors_checked"] == 2

    before = (folder / "counter.db").stat().st_ino
    code, out, _ = run(
        capsys, monkeypatch, [*d, "restore", info["path"], "--user", "admin"], SAMPLE_ADMIN.password
    )
    assert code == 0 and "--yes" in out
    # only checked: the same file (the sign-in is recorded in it), nothing replaced
    assert (folder / "counter.db").stat().st_ino == before
    assert not list(folder.glob("replaced-*"))
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "restore", info["path"], "--yes", "--user", "suzuki"],
        SAMPLE_SUPERVISOR.password,
    )
    assert code == 2 and "管理者" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "restore", info["path"], "--yes", "--user", "admin"],
        "wrong-pass-9",
    )
    assert code == 2 and "パスワードが違うか" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "restore", info["path"], "--yes", "--user", "admin"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, err
    assert "復元しました" in out and "一致" in out
    assert list(folder.glob("replaced-*/counter.db"))


def test_broken_backup_and_audit_are_reported_in_japanese(capsys, monkeypatch, folder):
    d = ["--data-dir", str(folder)]
    code, out, err = run(
        capsys, monkeypatch, [*d, "backup", "--user", "admin", "--json"], SAMPLE_ADMIN.password
    )
    info = json.loads(out)
    path = Path(info["path"])
    data = bytearray(path.read_bytes())
    data[-100] ^= 1
    path.write_bytes(bytes(data))
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "backup", "verify", info["path"], "--user", "admin"],
        SAMPLE_ADMIN.password,
    )
    assert code == 2 and "一致しません" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "restore", info["path"], "--yes", "--user", "admin"],
        SAMPLE_ADMIN.password,
    )
    assert code == 2 and "使えません" in err
    code, out, _ = run(
        capsys, monkeypatch, [*d, "backup", "list", "--user", "admin"], SAMPLE_ADMIN.password
    )
    assert code == 1 and "使用不可" in out

    conn = sqlcipher3.connect(str(folder / "counter.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{TEMPLATE_KEY.hex()}'\"")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET action = 'forged' WHERE seq = 3")
    conn.close()
    code, out, _ = run(
        capsys, monkeypatch, [*d, "audit", "verify", "--user", "admin"], SAMPLE_ADMIN.password
    )
    assert code == 1 and "番号 3" in out and "不整合" in out


def test_purge_is_a_dry_run_unless_executed(capsys, monkeypatch, folder):
    d = ["--data-dir", str(folder)]
    code, out, err = run(
        capsys, monkeypatch, [*d, "purge", "--user", "suzuki"], SAMPLE_SUPERVISOR.password
    )
    assert code == 2 and "保存期間を過ぎた個人情報の消去" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "purge", "--user", "admin", "--today", "2099-01-01"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, err
    assert "試行" in out  # the open request is not finished: nothing due
    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "purge", "--user", "admin", "--execute", "--json"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["dry_run"] is False
    # the one request is still open: nothing is due, nothing purged
    assert (report["requests"], report["people"], report["years"]) == ([], 0, 3)
    code, _, err = run(
        capsys,
        monkeypatch,
        [*d, "purge", "--user", "admin", "--execute", "--today", "2030-01-01"],
        SAMPLE_ADMIN.password,
    )
    assert code == 2 and "同時に指定できません" in err


def test_locked_out_user_is_refused_by_the_cli(capsys, monkeypatch, folder):
    d = ["--data-dir", str(folder)]
    refusal = LoginFailed().message
    for _ in range(4):
        code, _, err = run(capsys, monkeypatch, [*d, "backup", "--user", "suzuki"], "wrong-pass-1")
        assert code == 2 and refusal in err
    code, _, err = run(
        capsys, monkeypatch, [*d, "backup", "--user", "suzuki"], SAMPLE_SUPERVISOR.password
    )
    assert code == 2 and refusal in err  # locked: the right password is refused alike


def test_closing_a_day_takes_a_backup(capsys, monkeypatch, folder):
    from counter_app.services.backup.folder import list_backups
    from counter_app.services.clock import today

    d = ["--data-dir", str(folder)]
    args = [
        *d,
        "close-day",
        "--date",
        today().isoformat(),
        "--cash",
        "0",
        "--note",
        "点検用",
        "--user",
        "suzuki",
    ]
    code, _, err = run(capsys, monkeypatch, args, SAMPLE_SUPERVISOR.password)
    assert code == 0, err
    assert "自動バックアップを作成しました" in err
    backups = list_backups(folder / "backups")
    assert len(backups) == 1 and backups[0].name.endswith("-day-close.db")
    manifest = json.loads(backups[0].with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["counts"]["closed_days"] == 1  # the backup holds the closed day


def test_staff_unlock_lifts_a_lockout(capsys, monkeypatch, folder):
    d = ["--data-dir", str(folder)]
    for _ in range(8):  # wrong passwords until the account is locked
        code, _, err = run(capsys, monkeypatch, [*d, "staff", "list", "--user", "tanaka"], "wrong")
        assert code == 2
    code, _, err = run(
        capsys, monkeypatch, [*d, "audit", "--user", "tanaka"], SAMPLE_STAFF.password
    )
    assert code == 2 and "ロックされています" in err  # the right password is refused while locked

    code, _, err = run(
        capsys, monkeypatch, [*d, "staff", "unlock", "tanaka", "--user", "tanaka"], "x"
    )
    # not by the locked person: the lock refuses the sign-in itself
    assert code == 2 and LoginFailed().message in err

    code, out, err = run(
        capsys,
        monkeypatch,
        [*d, "staff", "unlock", "tanaka", "--user", "admin"],
        SAMPLE_ADMIN.password,
    )
    assert code == 0 and "解除" in out, err
    code, out, err = run(
        capsys, monkeypatch, [*d, "list", "--user", "tanaka"], SAMPLE_STAFF.password
    )
    assert code == 0, err  # signs in again
