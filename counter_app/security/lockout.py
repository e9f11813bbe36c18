"""The lockout rule applied to the database: how many failed sign-ins in a row an account has,
and until when it is locked. A primitive: the arithmetic of the rule is
:class:`counter_app.config.security.LockoutRule`; the one place that uses these functions is
:func:`counter_app.services.sign_in.authenticate` (and a 管理者 lifting a lock,
:func:`counter_app.services.staff_accounts.unlock_account`).

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
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.config.security import LockoutRule
from counter_app.errors import InputError
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


def reserve_attempt(session: Session, staff_id: str, at: dt.datetime, rule: LockoutRule) -> Attempt:
    """Count an attempt as failed *before* its password is checked, and set the lock a
    failure would cause. Call inside a write (``BEGIN IMMEDIATE``) transaction, after
    :func:`locked_until` found no lock, and commit before checking the password. ``rule``:
    the lockout in force (the caller's choice; security.toml ``[lockout]``)."""
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
    "clear_attempts",
    "failed_attempts",
    "locked_until",
    "reserve_attempt",
]
