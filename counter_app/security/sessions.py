"""Sign-in rules, the primitives: the lockout state, the password policy, the idle lock.
Qt-free; the use cases that sign people in are in :mod:`counter_app.services.sign_in`
(one function, ``authenticate``, for every path that checks a password).

Lockout (``[lockout]`` of security.toml): the first ``free_attempts`` failures in a row cost
nothing; each later failure locks the account for the next step of ``delays_seconds`` (30 s,
1 min, 5 min, ...; the last step repeats). While locked, the password is not even checked.
A good sign-in clears the count. The state lives in the database (``staff_lockouts``), so a
restart does not reset it.

An attempt is *reserved* before its password is checked (:func:`reserve_attempt`, inside the
caller's ``BEGIN IMMEDIATE`` transaction, together with the look at the lock): the count goes
up, and the lock the attempt would cause if it fails is set at once. So parallel attempts
cannot all read the same old count: at most ``free_attempts + 1`` passwords are checked
before the lock holds, and an attempt arriving after that is refused unchecked, even with the
right password. A good password then clears the count (:func:`clear_attempts`).

- :func:`idle_lock_minutes` — minutes without input before the UI locks the screen;
- :func:`password_problems` / :func:`check_password` — the password policy (Japanese).
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.config.security import LockoutRule, PasswordPolicy, security_settings
from counter_app.errors import InputError, PermissionDenied
from counter_app.store.models import StaffLockout

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
def aware_utc(at: dt.datetime | None) -> dt.datetime:
    """``at`` (timezone-aware) in UTC, or now."""
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


def failed_attempts(session: Session, staff_id: str) -> int:
    row = session.get(StaffLockout, staff_id)
    return row.failed_attempts if row else 0


@dataclass(frozen=True)
class Attempt:
    """A reserved attempt: the failures in a row it makes if its password is wrong, and the
    lock it has already set for that case (None: it costs nothing)."""

    staff_id: str
    failures: int
    locks_until: dt.datetime | None

    def locked_seconds(self, at: dt.datetime) -> int:
        return 0 if self.locks_until is None else int((self.locks_until - at).total_seconds())


def reserve_attempt(
    session: Session, staff_id: str, at: dt.datetime, rule: LockoutRule | None = None
) -> Attempt:
    """Count an attempt as failed *before* its password is checked, and set the lock a
    failure would cause. Call inside a write (``BEGIN IMMEDIATE``) transaction, after
    :func:`locked_until` found no lock, and commit before checking the password."""
    rule = rule or security_settings().lockout
    state = session.get(StaffLockout, staff_id)
    if state is None:
        state = StaffLockout(staff_id=staff_id, failed_attempts=0)
        session.add(state)
    state.failed_attempts += 1
    state.last_failed_at = at
    delay = rule.delay_after(state.failed_attempts)
    state.locked_until = at + dt.timedelta(seconds=delay) if delay else None
    session.flush()
    return Attempt(staff_id, state.failed_attempts, state.locked_until)


def clear_attempts(session: Session, staff_id: str) -> None:
    """A good password (or a 管理者) clears the count and any lock."""
    state = session.get(StaffLockout, staff_id)
    if state is not None:
        session.delete(state)


__all__ = [
    "AccountLocked",
    "Attempt",
    "WeakPassword",
    "WrongUnlockUser",
    "aware_utc",
    "check_password",
    "clear_attempts",
    "failed_attempts",
    "idle_lock_minutes",
    "locked_until",
    "password_problems",
    "reserve_attempt",
]
