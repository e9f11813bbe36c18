"""Sign-in rules: lockout with a growing delay, the password policy, the idle lock, and a
supervisor's approval on a staff member's screen. Qt-free: the UI calls these.

Lockout (``[lockout]`` of security.toml): the first ``free_attempts`` failures in a row cost
nothing; each later failure locks the account for the next step of ``delays_seconds`` (30 s,
1 min, 5 min, ...; the last step repeats). While locked, the password is not even checked.
A good sign-in clears the count. The state lives in the database (``staff_lockouts``), so a
restart does not reset it, and every failure and refusal is an audit row
(``auth.login_failed``, ``auth.locked_out``) that never holds what was typed.

The services here run their own transactions (they take the :class:`Database`, not a unit of
work): a failed attempt must be *stored* although the sign-in itself fails.

- :func:`sign_in` — username + password -> :class:`Actor` (audited ``auth.login``);
- :func:`reauthenticate` — unlock the screen after the idle lock: the same person's password
  (audited ``auth.unlock``); another person must sign in anew;
- :func:`approve_on_screen` — a supervisor types their own username and password on a staff
  member's screen; returns the approver (audited ``auth.approval`` with both people; the
  service that uses the approval records the approver again in its own row);
- :func:`idle_lock_minutes` — minutes without input before the UI locks the screen;
- :func:`password_problems` / :func:`check_password` — the password policy (Japanese).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import select

from counter_app.config.security import PasswordPolicy, security_settings
from counter_app.errors import InputError, PermissionDenied
from counter_app.security.passwords import hash_password, needs_rehash, verify_password
from counter_app.security.roles import Actor, Permission
from counter_app.store.models import Staff, StaffLockout

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from counter_app.store.engine import Database
    from counter_app.store.uow import UnitOfWork


class AccountLocked(InputError):
    """Too many failed sign-ins: the account is locked for a while."""

    def __init__(self, until: dt.datetime, now: dt.datetime) -> None:
        seconds = max(1, math.ceil((until - now).total_seconds()))
        wait = f"{seconds}秒" if seconds < 120 else f"{math.ceil(seconds / 60)}分"
        super().__init__(
            f"ログインの失敗が続いたため、このアカウントは一時的にロックされています (あと約{wait})。",
            hint="時間をおいてからもう一度入力してください。パスワードを忘れた場合は管理者に連絡してください。",
        )
        self.until = until
        self.seconds = seconds


class WeakPassword(InputError):
    """A password that breaks the policy; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "このパスワードは使えません: " + " ".join(problems),
            hint="長めで推測されにくい文字列 (英字・数字・記号の組み合わせ) にしてください。",
        )
        self.problems = problems


class WrongUnlockUser(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            "画面のロックを解除できるのは、ロックされた時にログインしていた職員だけです。",
            hint="別の職員が使う場合は、いったんログアウトしてからログインしてください。",
        )


# -- settings ---------------------------------------------------------------------------------
def idle_lock_minutes() -> int:
    """Minutes without input after which the UI locks the screen (``[session]``)."""
    return security_settings().idle_lock_minutes


# -- password policy --------------------------------------------------------------------------
def _character_classes(password: str) -> int:
    letters = digits = symbols = False
    for ch in password:
        category = unicodedata.category(ch)
        if ch.isdigit():
            digits = True
        elif category.startswith("L"):
            letters = True
        elif not ch.isspace():
            symbols = True
    return letters + digits + symbols


def password_problems(
    password: str, *, username: str | None = None, policy: PasswordPolicy | None = None
) -> list[str]:
    """What is wrong with ``password`` under the policy (Japanese sentences; empty: fine)."""
    policy = policy or security_settings().password
    if not isinstance(password, str):
        return ["パスワードは文字列で入力してください。"]
    problems = []
    if len(password) < policy.min_length:
        problems.append(f"{policy.min_length}文字以上にしてください。")
    if len(password) > policy.max_length:
        problems.append(f"{policy.max_length}文字以内にしてください。")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in password):
        problems.append("制御文字などの見えない文字は使えません。")
    if not password.strip():
        problems.append("空白だけのパスワードは使えません。")
    elif password != password.strip():
        problems.append("前後に空白を入れないでください。")
    if _character_classes(password) < policy.min_character_classes:
        problems.append(
            f"英字・数字・記号のうち{policy.min_character_classes}種類以上を組み合わせてください。"
        )
    folded = password.casefold()
    if folded in policy.forbidden:
        problems.append("よく使われていて推測されやすいパスワードです。")
    name = username.casefold() if isinstance(username, str) else ""
    if policy.forbid_username and len(name) >= 3 and name in folded:
        problems.append("ユーザーIDを含めないでください。")
    return problems


def check_password(password: str, *, username: str | None = None) -> None:
    """Raise :class:`WeakPassword` (Japanese) unless ``password`` meets the policy."""
    problems = password_problems(password, username=username)
    if problems:
        raise WeakPassword(problems)


# -- lockout state ------------------------------------------------------------------------------
def _now(at: dt.datetime | None) -> dt.datetime:
    moment = at or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(dt.UTC)


def locked_until(session: Session, staff_id: str, at: dt.datetime) -> dt.datetime | None:
    """When the lock of ``staff_id`` ends, or None if the account is not locked at ``at``."""
    row = session.get(StaffLockout, staff_id)
    if row is None or row.locked_until is None or row.locked_until <= at:
        return None
    return row.locked_until


def refuse_if_locked(session: Session, staff_id: str, at: dt.datetime | None = None) -> None:
    """Raise :class:`AccountLocked` if the account is locked now (for any sign-in path)."""
    now = _now(at)
    until = locked_until(session, staff_id, now)
    if until is not None:
        raise AccountLocked(until, now)


def failed_attempts(session: Session, staff_id: str) -> int:
    row = session.get(StaffLockout, staff_id)
    return row.failed_attempts if row else 0


def _typed(*values: object) -> bool:
    """Whether every value is text that can be stored and hashed (no lone surrogates, as
    argv or JSON may carry)."""
    for value in values:
        if not isinstance(value, str):
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def _staff_row(session: Session, username: str) -> Staff | None:
    from counter_app.services.auth import normalise_username

    if not _typed(username):
        return None
    try:
        name = normalise_username(username)
    except InputError:
        return None
    return session.scalar(select(Staff).where(Staff.username == name))


def _branch(uow: UnitOfWork, row: Staff | None) -> str:
    return (row.branch_code if row else None) or uow.branch_code or ""


def _record_failure(
    db: Database, username: str, at: dt.datetime, *, context: str
) -> AccountLocked | None:
    """Count a failed attempt in its own transaction; the lock it caused, if any."""
    from counter_app.services.trail import record

    rule = security_settings().lockout
    with db.unit_of_work() as uow:
        assert uow.session is not None
        row = _staff_row(uow.session, username)
        detail: dict[str, object] = {"context": context, "known_user": row is not None}
        locked: AccountLocked | None = None
        if row is not None:
            state = uow.session.get(StaffLockout, row.id)
            if state is None:
                state = StaffLockout(staff_id=row.id, failed_attempts=0)
                uow.session.add(state)
            state.failed_attempts += 1
            state.last_failed_at = at
            delay = rule.delay_after(state.failed_attempts)
            if delay:
                state.locked_until = at + dt.timedelta(seconds=delay)
                locked = AccountLocked(state.locked_until, at)
            detail.update(
                staff_id=row.id, failed_attempts=state.failed_attempts, locked_seconds=delay
            )
        record(uow, None, "auth.login_failed", at=at, branch_code=_branch(uow, row), detail=detail)
        uow.commit()
    return locked


def _record_locked_refusal(db: Database, staff_id: str, branch: str, at: dt.datetime) -> None:
    from counter_app.services.trail import record

    with db.unit_of_work() as uow:
        record(
            uow, None, "auth.locked_out", at=at, branch_code=branch, detail={"staff_id": staff_id}
        )
        uow.commit()


def _clear(session: Session, staff_id: str) -> None:
    state = session.get(StaffLockout, staff_id)
    if state is not None:
        session.delete(state)


def _guard_lock(db: Database, username: str, at: dt.datetime) -> None:
    """Refuse (and audit the refusal) if ``username``'s account is locked at ``at``."""
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session is not None
        row = _staff_row(uow.session, username)
        until = locked_until(uow.session, row.id, at) if row is not None else None
        ids = (row.id, row.branch_code) if row is not None else None
    if until is not None and ids is not None:
        _record_locked_refusal(db, ids[0], ids[1], at)
        raise AccountLocked(until, at)


# -- the services ---------------------------------------------------------------------------------
def sign_in(db: Database, username: str, password: str, *, at: dt.datetime | None = None) -> Actor:
    """Check the password and return the acting staff member, applying the lockout."""
    from counter_app.services.auth import LoginFailed, login

    now = _now(at)
    _guard_lock(db, username, now)
    try:
        if not _typed(username, password):
            raise LoginFailed()
        with db.unit_of_work() as uow:
            assert uow.session is not None
            actor = login(uow, username, password, at=now)
            _clear(uow.session, actor.staff_id)
            uow.commit()
            return actor
    except LoginFailed:
        locked = _record_failure(db, username, now, context="login")
        if locked is not None:
            raise locked from None
        raise


def reauthenticate(
    db: Database, actor: Actor, password: str, *, at: dt.datetime | None = None
) -> Actor:
    """Unlock the screen after the idle lock: ``actor``'s own password (lockout applies)."""
    from counter_app.services.auth import LoginFailed, actor_by_id
    from counter_app.services.trail import record

    now = _now(at)
    _guard_lock(db, actor.username, now)
    with db.unit_of_work() as uow:
        assert uow.session is not None
        row = uow.session.get(Staff, actor.staff_id)
        good = (
            row is not None
            and row.active
            and _typed(password)
            and verify_password(row.password_hash, password)
        )
        if good:
            assert row is not None
            if needs_rehash(row.password_hash):
                row.password_hash = hash_password(password)
            _clear(uow.session, row.id)
            fresh = actor_by_id(uow, row.id)
            record(uow, fresh, "auth.unlock", at=now)
            uow.commit()
            return fresh
    locked = _record_failure(db, actor.username, now, context="unlock")
    if locked is not None:
        raise locked
    raise LoginFailed()


def unlock_as(
    db: Database,
    locked_actor: Actor,
    username: str,
    password: str,
    *,
    at: dt.datetime | None = None,
) -> Actor:
    """Unlock with a typed username: only the person who was signed in may unlock."""
    from counter_app.services.auth import normalise_username

    try:
        same = _typed(username) and normalise_username(username) == locked_actor.username
    except InputError:
        same = False
    if not same:
        raise WrongUnlockUser()
    return reauthenticate(db, locked_actor, password, at=at)


def approve_on_screen(
    db: Database,
    actor: Actor,
    username: str,
    password: str,
    permission: Permission,
    *,
    request_id: str | None = None,
    at: dt.datetime | None = None,
) -> Actor:
    """A supervisor's approval on ``actor``'s screen with the supervisor's own password.

    Returns the approver; the approval is audited with both people (``auth.approval``:
    actor = the staff member, approver = the supervisor). Wrong passwords count towards the
    supervisor's lockout like a failed sign-in.
    """
    from counter_app.services.auth import LoginFailed, approve
    from counter_app.services.trail import record

    now = _now(at)
    _guard_lock(db, username, now)
    try:
        if not _typed(username, password):
            raise LoginFailed()
        with db.unit_of_work() as uow:
            assert uow.session is not None
            approver = approve(uow, actor, username, password, permission)
            _clear(uow.session, approver.staff_id)
            record(
                uow,
                actor,
                "auth.approval",
                at=now,
                approver=approver,
                request_id=request_id,
                detail={"permission": Permission(permission).value},
            )
            uow.commit()
            return approver
    except LoginFailed:
        locked = _record_failure(db, username, now, context="approval")
        if locked is not None:
            raise locked from None
        raise


def change_own_password(
    db: Database,
    actor: Actor,
    current_password: str,
    new_password: str,
    *,
    at: dt.datetime | None = None,
) -> None:
    """``actor`` changes their own password (any role): the current one is checked like a
    sign-in — a locked account is refused, a wrong current password counts towards the
    lockout (audited ``auth.login_failed``, context ``password_change``) and is refused with
    「現在のパスワードが違います。」. The policy and "not the same again" are
    :func:`counter_app.services.auth.change_password`'s."""
    from counter_app.services.auth import WrongCurrentPassword, change_password

    now = _now(at)
    _guard_lock(db, actor.username, now)
    try:
        if not _typed(current_password, new_password):
            raise WrongCurrentPassword()
        with db.unit_of_work() as uow:
            assert uow.session is not None
            change_password(
                uow,
                actor,
                actor.username,
                new_password,
                current_password=current_password,
                at=now,
            )
            _clear(uow.session, actor.staff_id)
            uow.commit()
    except WrongCurrentPassword:
        locked = _record_failure(db, actor.username, now, context="password_change")
        if locked is not None:
            raise locked from None
        raise


def unlock_account(
    db: Database, admin: Actor, username: str, *, at: dt.datetime | None = None
) -> None:
    """An administrator lifts a lockout at once (audited ``auth.lockout_cleared``)."""
    from counter_app.security.roles import require
    from counter_app.services.trail import record

    require(admin, Permission.MANAGE_STAFF)
    now = _now(at)
    with db.unit_of_work() as uow:
        assert uow.session is not None
        row = _staff_row(uow.session, username)
        if row is None:
            raise InputError(f"ユーザー「{username}」が見つかりません。")
        _clear(uow.session, row.id)
        record(uow, admin, "auth.lockout_cleared", at=now, detail={"staff_id": row.id})
        uow.commit()


__all__ = [
    "AccountLocked",
    "WeakPassword",
    "WrongUnlockUser",
    "approve_on_screen",
    "change_own_password",
    "check_password",
    "failed_attempts",
    "idle_lock_minutes",
    "locked_until",
    "password_problems",
    "reauthenticate",
    "refuse_if_locked",
    "sign_in",
    "unlock_account",
    "unlock_as",
]
