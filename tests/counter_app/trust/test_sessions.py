"""Sessions: lockout with a growing delay (kept in the database), the password policy, the
idle-lock setting, unlocking, and a supervisor's approval on a staff member's screen."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from counter_app.config.security import LockoutRule, security_settings
from counter_app.errors import ConfigError, InputError, PermissionDenied
from counter_app.security.lockout import AccountLocked, failed_attempts, locked_until
from counter_app.security.password_policy import WeakPassword, check_password, password_problems
from counter_app.security.roles import Permission
from counter_app.services.approval import approve_on_screen
from counter_app.services.database import open_database
from counter_app.services.samples import SAMPLE_STAFF, SAMPLE_SUPERVISOR
from counter_app.services.screen_lock import (
    WrongUnlockUser,
    idle_lock_minutes,
    reauthenticate,
    unlock_as,
)
from counter_app.services.sign_in import LoginFailed, sign_in
from counter_app.services.staff_accounts import unlock_account
from counter_app.store.models import AuditEntry

from .conftest import NOW

T0 = NOW.astimezone(dt.UTC)


def audit_rows(db, action=None):
    with db.unit_of_work(read_only=True) as uow:
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(uow.session.scalars(query))


def test_lockout_steps_grow_and_repeat_the_last():
    rule = LockoutRule(free_attempts=3, delays_seconds=(30, 60, 300))
    assert [rule.delay_after(n) for n in range(1, 9)] == [0, 0, 0, 30, 60, 300, 300, 300]


def lock_of(db, staff_id, at):
    with db.unit_of_work(read_only=True) as uow:
        return locked_until(uow.session, staff_id, at)


def test_failures_lock_with_a_growing_delay(counter):
    db = counter.db
    staff_id = counter.staff.staff_id
    rule = security_settings().lockout
    at = T0
    for _ in range(rule.free_attempts):
        with pytest.raises(LoginFailed):
            sign_in(db, "tanaka", "wrong-pass-1", at=at)
    with db.unit_of_work(read_only=True) as uow:
        assert failed_attempts(uow.session, staff_id) == rule.free_attempts
    assert lock_of(db, staff_id, at) is None
    # the next failure locks for the first step; the sign-in says the same as ever
    with pytest.raises(LoginFailed):
        sign_in(db, "tanaka", "wrong-pass-1", at=at)
    assert lock_of(db, staff_id, at) == at + dt.timedelta(seconds=rule.delays_seconds[0])
    # while locked even the right password is refused, without being checked
    with pytest.raises(LoginFailed):
        sign_in(db, "tanaka", SAMPLE_STAFF.password, at=at + dt.timedelta(seconds=1))
    # the person's own screen (already known) is told of the lock and its time
    with pytest.raises(AccountLocked) as told:
        reauthenticate(db, counter.staff, SAMPLE_STAFF.password, at=at + dt.timedelta(seconds=1))
    assert told.value.seconds == rule.delays_seconds[0] - 1 and "ロック" in told.value.message
    # after the lock, one more failure locks for longer
    at = at + dt.timedelta(seconds=rule.delays_seconds[0] + 1)
    with pytest.raises(LoginFailed):
        sign_in(db, "tanaka", "wrong-pass-2", at=at)
    assert lock_of(db, staff_id, at) == at + dt.timedelta(seconds=rule.delays_seconds[1])
    # after that lock the right password works and clears the count
    at = at + dt.timedelta(seconds=rule.delays_seconds[1] + 1)
    actor = sign_in(db, "tanaka", SAMPLE_STAFF.password, at=at)
    assert actor.staff_id == staff_id
    with db.unit_of_work(read_only=True) as uow:
        assert failed_attempts(uow.session, actor.staff_id) == 0
    failed = audit_rows(db, "auth.login_failed")
    assert len(failed) == rule.free_attempts + 2
    assert json.loads(failed[-1].detail)["locked_seconds"] == rule.delays_seconds[1]
    assert len(audit_rows(db, "auth.locked_out")) == 2  # the refused right passwords
    # nothing typed is in the audit trail
    every = " ".join(r.detail for r in audit_rows(db))
    assert "wrong-pass" not in every and SAMPLE_STAFF.password not in every


def test_lockout_survives_a_restart(counter):
    rule = security_settings().lockout
    for _ in range(rule.free_attempts + 1):
        with pytest.raises(LoginFailed):
            sign_in(counter.db, "tanaka", "wrong-pass-1", at=T0)
    counter.db.close()
    db = open_database(counter.db.folder)
    later = T0 + dt.timedelta(seconds=5)
    assert lock_of(db, counter.staff.staff_id, later) is not None
    with pytest.raises(LoginFailed):
        sign_in(db, "tanaka", SAMPLE_STAFF.password, at=later)
    assert audit_rows(db, "auth.locked_out")
    db.close()


def test_unknown_user_fails_like_a_wrong_password_and_is_audited(counter):
    with pytest.raises(LoginFailed):
        sign_in(counter.db, "nobody", "whatever-1", at=T0)
    with pytest.raises(LoginFailed):
        sign_in(counter.db, "名前\x00", "whatever-1", at=T0)
    with pytest.raises(LoginFailed):  # argv may carry lone surrogates: refused, not a crash
        sign_in(counter.db, "tanaka", "pass\udcff", at=T0)
    with pytest.raises(LoginFailed):
        sign_in(counter.db, "\ud800", "whatever-1", at=T0)
    rows = audit_rows(counter.db, "auth.login_failed")
    assert [json.loads(r.detail)["known_user"] for r in rows] == [False, False, True, False]


def test_admin_lifts_a_lock(counter):
    rule = security_settings().lockout
    for _ in range(rule.free_attempts + 1):
        with pytest.raises(LoginFailed):
            sign_in(counter.db, "tanaka", "wrong-pass-1", at=T0)
    assert lock_of(counter.db, counter.staff.staff_id, T0) is not None
    with pytest.raises(PermissionDenied):
        unlock_account(counter.db, counter.staff, "tanaka", at=T0)
    unlock_account(counter.db, counter.admin, "tanaka", at=T0)
    assert sign_in(counter.db, "tanaka", SAMPLE_STAFF.password, at=T0).username == "tanaka"
    assert audit_rows(counter.db, "auth.lockout_cleared")[0].actor_id == counter.admin.staff_id


def test_idle_lock_minutes_comes_from_config(tmp_path, monkeypatch):
    assert idle_lock_minutes() == 5
    override = tmp_path / "override"
    override.mkdir()
    bundled = security_settings()
    from counter_app.config.security import find_config

    text = find_config("security.toml").read_text(encoding="utf-8")
    (override / "security.toml").write_text(
        text.replace("idle_lock_minutes = 5", "idle_lock_minutes = 12"), encoding="utf-8"
    )
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(override))
    assert idle_lock_minutes() == 12
    assert security_settings().lockout == bundled.lockout
    (override / "security.toml").write_text(
        text.replace("idle_lock_minutes = 5", "idle_lock_minutes = 0"), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as bad:
        idle_lock_minutes()
    assert "security.toml" in bad.value.message and "session.idle_lock_minutes" in bad.value.message


def test_unlock_after_idle_lock_needs_the_same_person(counter):
    staff = counter.staff
    assert (
        reauthenticate(counter.db, staff, SAMPLE_STAFF.password, at=T0).staff_id == staff.staff_id
    )
    with pytest.raises(LoginFailed):
        reauthenticate(counter.db, staff, "wrong-pass-1", at=T0)
    with pytest.raises(WrongUnlockUser) as wrong:
        unlock_as(counter.db, staff, "suzuki", SAMPLE_SUPERVISOR.password, at=T0)
    assert "ロックされた時にログインしていた職員だけ" in wrong.value.message
    assert unlock_as(counter.db, staff, "TANAKA", SAMPLE_STAFF.password, at=T0).username == "tanaka"
    assert len(audit_rows(counter.db, "auth.unlock")) == 2


def test_supervisor_approval_on_a_staff_screen_shows_both_people(counter):
    from counter_app.services.receipts import void_receipt
    from counter_app.services.samples import sample_self_intake

    from .conftest import register

    result = register(counter, sample_self_intake())
    staff = counter.staff
    # staff alone may not void
    with counter.db.unit_of_work() as uow, pytest.raises(PermissionDenied):
        void_receipt(uow, staff, result.receipt_id, "金額の誤り")
    # the supervisor types their own password on the staff's screen
    with pytest.raises(LoginFailed):
        approve_on_screen(counter.db, staff, "suzuki", "wrong-pass-1", Permission.VOID_RECEIPT)
    with pytest.raises(PermissionDenied):  # one cannot approve oneself
        approve_on_screen(
            counter.db, staff, "tanaka", SAMPLE_STAFF.password, Permission.VOID_RECEIPT
        )
    approver = approve_on_screen(
        counter.db,
        staff,
        "suzuki",
        SAMPLE_SUPERVISOR.password,
        Permission.VOID_RECEIPT,
        request_id=result.request_id,
    )
    with counter.db.unit_of_work() as uow:
        void_receipt(uow, staff, result.receipt_id, "金額の誤り", approver=approver)
        uow.commit()
    approval = audit_rows(counter.db, "auth.approval")[-1]
    void = audit_rows(counter.db, "receipt.void")[-1]
    for row in (approval, void):
        assert row.actor_id == staff.staff_id
        assert row.approver_id == counter.supervisor.staff_id
    assert json.loads(approval.detail)["permission"] == "void_receipt"
    # the wrong approval password counted against the supervisor
    with counter.db.unit_of_work(read_only=True) as uow:
        assert failed_attempts(uow.session, counter.supervisor.staff_id) == 0  # cleared by success


def test_password_policy():
    bundled = security_settings().password  # the policy security.toml ships with
    assert password_problems("kaunta-2025", policy=bundled) == []
    assert password_problems("short1", policy=bundled) == ["8文字以上にしてください。"]
    assert any("種類" in p for p in password_problems("abcdefghij", policy=bundled))
    assert any("推測" in p for p in password_problems("password1", policy=bundled))
    strict = replace(security_settings().password, forbid_username=True)
    assert any(
        "ユーザーID" in p
        for p in password_problems("tanaka-2025!", policy=strict, username="tanaka")
    )
    assert (
        password_problems("tanaka-2025!", policy=bundled, username="tanaka") == []
    )  # off by default
    assert any("制御文字" in p for p in password_problems("abc\x00defg12", policy=bundled))
    assert any("空白" in p for p in password_problems("          ", policy=bundled))
    assert any("以内" in p for p in password_problems("a1" * 100, policy=bundled))
    with pytest.raises(WeakPassword) as weak:
        check_password("abc", policy=bundled)
    assert isinstance(weak.value, InputError) and "パスワード" in weak.value.message
    check_password("kaunta-2025", policy=bundled, username="tanaka")


@pytest.mark.parametrize(
    ("edit", "key", "expected"),
    [
        (("free_attempts = 3", "free_attempts = 0"), "lockout.free_attempts", "1 以上の整数"),
        (
            ("delays_seconds = [30, 60, 300, 900, 1800]", "delays_seconds = [60, 30]"),
            "lockout.delays_seconds",
            "短い順 (昇順) に並べてください",
        ),
        (
            ("delays_seconds = [30, 60, 300, 900, 1800]", 'delays_seconds = "30"'),
            "lockout.delays_seconds",
            "整数の配列",
        ),
        (("min_length = 8", "min_length = 4"), "password.min_length", "8 以上の整数"),
        (("keep = 14", "keep = 0"), "backup.keep", "1 以上の整数"),
        (
            ("years_after_finish = 3", "years_after_finish = true"),
            "retention.years_after_finish",
            "整数が必要です",
        ),
        (("[backup]", "[backups]"), "backups", "未知の項目"),
    ],
)
def test_bad_security_config_names_file_and_key(tmp_path, monkeypatch, edit, key, expected):
    from counter_app.config.security import find_config

    text = find_config("security.toml").read_text(encoding="utf-8")
    assert edit[0] in text
    (tmp_path / "security.toml").write_text(text.replace(*edit), encoding="utf-8")
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(tmp_path))
    with pytest.raises(ConfigError) as bad:
        security_settings()
    assert (bad.value.file, bad.value.key) == ("security.toml", key)
    assert expected in bad.value.expected
    assert bad.value.message.startswith(f"設定ファイルの誤り: security.toml の「{key}」: ")


def test_the_cli_and_approvals_respect_the_lock(counter, capsys, monkeypatch):
    """The CLI's sign-in counts failures; once locked, an approval with the right password is
    refused too (one sign-in for every path: test_sign_in_paths.py covers them all)."""
    from counter_app.cli import main

    rule = security_settings().lockout
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "wrong-pass-1")
    args = ["--data-dir", str(counter.db.folder), "audit", "--user", "suzuki"]
    for _ in range(rule.free_attempts + 1):
        assert main(args) == 2
        assert LoginFailed().message in capsys.readouterr().err
    assert lock_of(counter.db, counter.supervisor.staff_id, dt.datetime.now(dt.UTC)) is not None
    with pytest.raises(LoginFailed):  # the supervisor cannot approve either
        approve_on_screen(
            counter.db, counter.staff, "suzuki", SAMPLE_SUPERVISOR.password, Permission.VOID_RECEIPT
        )
