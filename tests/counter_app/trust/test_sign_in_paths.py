"""One sign-in for every path that checks a password (issue 9 items 2a, 3 and 13).

- No code but ``services/sign_in.py`` checks a password (a scan of the program's source).
- Wrong passwords through any mix of paths — window/CLI sign-in, approval, idle unlock, own
  password change, ``restore``, ``backup list`` — count towards one lockout, and once locked
  the right password is refused through every path (hypothesis over the mixes).
- ``restore`` signs the 管理者 in against the *current* database: a backup of a second data
  folder with its own 管理者 is refused at the sign-in, and the current 管理者's password (not
  the one in the backup) is the one that counts. Only a database that cannot be read falls
  back to the backup's staff, and the restore's audit row says so.
- ``backup list``, ``backup verify`` and ``restore FILE`` show nothing without a sign-in.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from counter_app.cli import main
from counter_app.config.security import security_settings
from counter_app.errors import CounterAppError
from counter_app.security.lockout import AccountLocked, failed_attempts
from counter_app.security.roles import Permission, Role
from counter_app.services.approval import approve_on_screen
from counter_app.services.backup.take import take_backup
from counter_app.services.branch import initialise
from counter_app.services.database import open_database
from counter_app.services.own_password import WrongCurrentPassword, change_own_password
from counter_app.services.samples import SAMPLE_ADMIN, sample_branch, sample_self_intake
from counter_app.services.screen_lock import reauthenticate
from counter_app.services.sign_in import LoginFailed, sign_in
from counter_app.services.staff_accounts import NewStaff, unlock_account
from counter_app.store.models import AuditEntry, Branch

from .conftest import TEMPLATE_KEY, register

ROOT = Path(__file__).resolve().parents[3]
WRONG = "wrong-pass-1"


# -- no other place checks a password ------------------------------------------------------------
def _calls_to_verify(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("verify_password", "verify"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_code_checks_a_password_outside_the_one_sign_in():
    """``verify_password`` (or argon2's ``verify``) is called in ``services/sign_in.py`` only,
    besides its definition's own module: a new path cannot skip the lockout and the audit."""
    allowed = {"counter_app/security/password_hashing.py", "counter_app/services/sign_in.py"}
    offenders = [
        call
        for package in ("counter_app", "ui")
        for path in sorted((ROOT / package).rglob("*.py"))
        if str(path.relative_to(ROOT)) not in allowed
        for call in _calls_to_verify(path)
    ]
    assert offenders == []


# -- every path counts and every path is refused once locked -------------------------------------
def _paths(counter, backup: Path, monkeypatch):
    """Every way a 管理者's password is typed, each run with ``password``; a path raises or
    returns a non-zero exit code when it refuses."""
    db, folder = counter.db, counter.db.folder

    def cli(*args: str):
        def run(password: str) -> None:
            monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
            code = main(["--data-dir", str(folder), *args, "--user", "admin"])
            if code != 0:
                raise LoginFailed()

        return run

    return {
        "sign_in": lambda pw: sign_in(db, "admin", pw),
        "approval": lambda pw: approve_on_screen(
            db, counter.staff, "admin", pw, Permission.VOID_RECEIPT
        ),
        "unlock": lambda pw: reauthenticate(db, counter.admin, pw),
        "own_password": lambda pw: change_own_password(db, counter.admin, pw, pw),
        "cli_audit": cli("audit"),
        "cli_restore_check": cli("restore", str(backup)),
        "cli_backup_list": cli("backup", "list"),
    }


@pytest.fixture(autouse=True)
def long_lock(tmp_path, monkeypatch):
    """A lock of an hour (a head office's security.toml): however slow the machine, no lock
    runs out in the middle of a test."""
    from counter_app.config.loader import find_config

    text = find_config("security.toml").read_text(encoding="utf-8")
    override = tmp_path / "config"
    override.mkdir()
    (override / "security.toml").write_text(
        text.replace("delays_seconds = [30, 60, 300, 900, 1800]", "delays_seconds = [3600]"),
        encoding="utf-8",
    )
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(override))
    assert security_settings().lockout.delays_seconds == (3600,)


@pytest.fixture
def locked_paths(counter, monkeypatch):
    take = take_backup(counter.db, counter.supervisor)
    return counter, _paths(counter, take.path, monkeypatch)


PATH_NAMES = (
    "sign_in",
    "approval",
    "unlock",
    "own_password",
    "cli_audit",
    "cli_restore_check",
    "cli_backup_list",
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mix=st.lists(
        st.sampled_from(PATH_NAMES),
        min_size=security_settings().lockout.free_attempts + 1,
        max_size=security_settings().lockout.free_attempts + 1,
    )
)
def test_wrong_passwords_through_any_path_lock_every_path(locked_paths, capsys, mix):
    counter, paths = locked_paths
    unlock_account(counter.db, counter.admin, "admin")  # each example starts unlocked
    for name in mix:
        with pytest.raises((LoginFailed, AccountLocked, WrongCurrentPassword)):
            paths[name](WRONG)
    with counter.db.unit_of_work(read_only=True) as uow:
        assert failed_attempts(uow.session, counter.admin.staff_id) == len(mix)
    for name in PATH_NAMES:  # the right password, through every path, while locked
        with pytest.raises(CounterAppError):
            paths[name](SAMPLE_ADMIN.password)
    capsys.readouterr()
    with counter.db.unit_of_work(read_only=True) as uow:
        # every attempt is on record with its path's context, never what was typed
        rows = list(uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    attempts = [r for r in rows if r.action == "auth.attempt"][-(len(mix) + len(PATH_NAMES)) :]
    assert [json.loads(r.detail)["known_user"] for r in attempts] == [True] * len(attempts)
    rows = [r for r in rows if r.action in ("auth.login_failed", "auth.locked_out")]
    tail = rows[-(len(mix) + len(PATH_NAMES)) :]
    assert [r.action for r in tail[: len(mix)]] == ["auth.login_failed"] * len(mix)
    assert [r.action for r in tail[len(mix) :]] == ["auth.locked_out"] * len(PATH_NAMES)
    assert not any(WRONG in r.detail or SAMPLE_ADMIN.password in r.detail for r in tail)


# -- restore: the current database is the authority ---------------------------------------------
def run(capsys, monkeypatch, args, password):
    monkeypatch.setenv("COUNTER_APP_PASSWORD", password)
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def branch_code(folder: Path) -> str:
    db = open_database(folder)
    try:
        with db.unit_of_work(read_only=True) as uow:
            return uow.session.scalar(select(Branch.code))
    finally:
        db.close()


FOREIGN_ADMIN = NewStaff("admin", "別人 管理者", Role.ADMIN, "other-admin-pass-9")


def foreign_backup(folder: Path) -> Path:
    """The attack of item 2: a second data folder of the same OS user (same keyring key),
    initialised with its own 管理者 — named ``admin`` too, with the attacker's password —
    for branch BR66, and backed up. Its backup is whole and matches its manifest."""
    db = open_database(folder, key=TEMPLATE_KEY)
    try:
        with db.unit_of_work() as uow:
            admin = initialise(uow, sample_branch("BR66"), FOREIGN_ADMIN)
            uow.commit()
        return take_backup(db, admin).path
    finally:
        db.close()


def audit_of(folder: Path, action: str) -> list[dict]:
    db = open_database(folder)
    try:
        with db.unit_of_work(read_only=True) as uow:
            rows = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action))
            return [json.loads(r.detail) for r in rows]
    finally:
        db.close()


def test_restore_refuses_a_foreign_backups_own_administrator(
    counter, tmp_path, capsys, monkeypatch
):
    """The backup's own staff table vouches for nobody: its 管理者 does not have that password
    in the current database, so the sign-in refuses before anything is shown or replaced,
    and the attempts count (and are audited) in the current database."""
    folder = counter.db.folder
    backup = foreign_backup(tmp_path / "other")
    counter.db.close()
    d = ["--data-dir", str(folder)]
    for args in (["restore", str(backup)], ["restore", str(backup), "--yes"]):
        code, out, err = run(
            capsys, monkeypatch, [*d, *args, "--user", "admin"], FOREIGN_ADMIN.password
        )
        assert code == 2 and LoginFailed().message in err
        assert out == ""  # nothing about the backup was shown
    assert not list(folder.glob("replaced-*"))
    assert branch_code(folder) == "BR01"  # the live database is still the live one
    failed = audit_of(folder, "auth.login_failed")
    assert [(f["context"], f["known_user"]) for f in failed] == [("restore", True)] * 2


def test_restore_takes_the_current_administrators_password_not_the_backups(
    counter, capsys, monkeypatch
):
    """The 管理者 changed their password after the backup: the current one restores, the
    one the backup holds does not."""
    folder = counter.db.folder
    backup = take_backup(counter.db, counter.supervisor).path
    change_own_password(counter.db, counter.admin, SAMPLE_ADMIN.password, "admin-new-pass-2")
    counter.db.close()
    d = ["--data-dir", str(folder), "restore", str(backup), "--yes", "--user", "admin"]
    code, _, err = run(capsys, monkeypatch, d, SAMPLE_ADMIN.password)  # the backup's
    assert code == 2 and LoginFailed().message in err
    code, out, err = run(capsys, monkeypatch, d, "admin-new-pass-2")  # the current one
    assert code == 0 and "復元しました" in out, err
    restored = audit_of(folder, "backup.restore")
    assert restored[-1]["signed_in_against"] == "current"


def test_twenty_wrong_passwords_through_restore_lock_the_account(counter, capsys, monkeypatch):
    """Item 3 as reported: 20 wrong passwords through ``restore``, then the right one."""
    folder = counter.db.folder
    backup = take_backup(counter.db, counter.supervisor).path
    counter.db.close()
    d = ["--data-dir", str(folder), "restore", str(backup), "--yes", "--user", "admin"]
    for _ in range(20):
        code, _, err = run(capsys, monkeypatch, d, WRONG)
        assert code == 2 and LoginFailed().message in err
    code, out, err = run(capsys, monkeypatch, d, SAMPLE_ADMIN.password)
    assert code == 2 and LoginFailed().message in err and "復元しました" not in out
    assert not list(folder.glob("replaced-*"))
    failed = audit_of(folder, "auth.login_failed")
    assert len(failed) == security_settings().lockout.free_attempts + 1  # then locked
    assert len(audit_of(folder, "auth.locked_out")) == 20 - len(failed) + 1


def test_an_unreadable_database_is_restored_with_the_backups_administrator(
    counter, capsys, monkeypatch
):
    """The one case with no current authority: the database cannot be read (here: garbage
    where the file was). The 管理者 is then checked against the backup — wrong passwords
    still refused — and the restore's audit row says so."""
    folder = counter.db.folder
    register(counter, sample_self_intake())
    backup = take_backup(counter.db, counter.supervisor).path
    counter.db.close()
    for companion in folder.glob("counter.db-*"):
        companion.unlink()
    (folder / "counter.db").write_bytes(b"\x5a" * 8192)
    d = ["--data-dir", str(folder), "restore", str(backup), "--yes", "--user", "admin"]
    code, _, err = run(capsys, monkeypatch, d, WRONG)
    assert code == 2 and LoginFailed().message in err
    code, out, err = run(capsys, monkeypatch, d, SAMPLE_ADMIN.password)
    assert code == 0 and "復元しました" in out, err
    assert "バックアップの職員情報で確認しました" in err
    assert audit_of(folder, "backup.restore")[-1]["signed_in_against"] == "backup"


# -- nothing about a backup without a sign-in ----------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [("backup", "list"), ("backup", "verify", "{file}"), ("restore", "{file}")],
    ids=["backup list", "backup verify", "restore check"],
)
def test_backup_contents_need_a_sign_in(counter, capsys, monkeypatch, args):
    folder = counter.db.folder
    register(counter, sample_self_intake())
    backup = take_backup(counter.db, counter.supervisor).path
    counter.db.close()
    argv = ["--data-dir", str(folder), *(a.format(file=backup) for a in args)]
    monkeypatch.delenv("COUNTER_APP_USER", raising=False)
    monkeypatch.delenv("COUNTER_APP_PASSWORD", raising=False)
    code, out, err = run(capsys, monkeypatch, argv, "")
    assert code == 2 and out == "" and "ユーザーID" in err and "件" not in err
    # a 窓口担当 signed in may not see them either (責任者 / 管理者)
    code, out, err = run(capsys, monkeypatch, [*argv, "--user", "tanaka"], "staff-pass-1")
    assert code == 2 and out == "" and ("責任者" in err or "管理者" in err)
    who = ("admin", SAMPLE_ADMIN.password) if args[0] == "restore" else ("suzuki", "super-pass-1")
    code, out, err = run(capsys, monkeypatch, [*argv, "--user", who[0]], who[1])
    assert (code == 0 and "件" in out + err) or "正常" in out, err
