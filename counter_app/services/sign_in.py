"""Every check of a password, through one function: :func:`authenticate`; and the sign-in.

The window's login and every CLI command (:func:`sign_in`; ``commands/_login.py``,
``backup``, ``staff``), the idle-lock unlock (:mod:`counter_app.services.screen_lock`), a
supervisor's approval on a staff member's screen (:mod:`counter_app.services.approval`), one's
own password change (:mod:`counter_app.services.own_password`) and ``restore``
(:mod:`counter_app.services.restore_sign_in`) all call :func:`authenticate` (issue 9 items
2-5). Those modules are above this one; this one uses only the security primitives below it
(:mod:`~counter_app.security.password_hashing`, :mod:`~counter_app.security.lockout`,
:mod:`~counter_app.security.roles`) and the staff look-ups of
:mod:`counter_app.services.staff_accounts`. It:

1. in one write transaction (``BEGIN IMMEDIATE``: the database's write lock is taken
   *before* the count is read) looks up the user, looks at the lock and, if there is none,
   reserves the attempt (:func:`counter_app.security.lockout.reserve_attempt`: the count goes
   up and the lock a failure would cause is set). Parallel attempts therefore queue for the
   count, never read the same old one: at most ``free_attempts + 1`` passwords are checked
   before the lock holds, and one arriving later is refused unchecked, the right one too;
2. checks the password outside any transaction (argon2id takes tens of milliseconds; the
   counter keeps working meanwhile). An unknown user, a disabled account or a locked one is
   checked against :data:`~counter_app.security.password_hashing.DUMMY_HASH` instead, so every
   answer costs exactly one verification;
3. records the outcome in a second transaction: a good password clears the count (and
   upgrades an old hash) and is audited (``auth.login`` with the context, ``auth.unlock``
   for the idle lock); a wrong one is audited ``auth.login_failed`` (the count was already
   taken in step 1); a locked account ``auth.locked_out``. Nothing typed is ever recorded.

Step 1 also records the attempt itself (``auth.attempt``: context, whether the user is known,
the attempt's number or the lock), on every path: an unknown user, a known one and a locked
one each cost one write before the check and one after, as they cost one check — the same
work, so the same time (bench/bench_login_timing.py). An ``auth.attempt`` with no outcome
after it is an attempt cut off mid-check.

What the person is told: where the user name is typed (login, approval, restore) every
refusal is :class:`LoginFailed`, one sentence for a wrong password,
an unknown user, a disabled account and a locked account alike, so the answer tells nothing
about which names exist (docs/trust.md, "Sign-in"). Where the person is already known
(unlocking one's own screen, changing one's own password) the lock and its time are said
(:class:`~counter_app.security.lockout.AccountLocked`).

A crash between steps 1 and 3 leaves the attempt counted as a failure: the safe side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from counter_app.config.security import security_settings
from counter_app.errors import InputError
from counter_app.security.lockout import (
    AccountLocked,
    Attempt,
    clear_attempts,
    locked_until,
    reserve_attempt,
)
from counter_app.security.password_hashing import (
    hash_password,
    needs_rehash,
    spend_a_verification,
    verify_password,
)
from counter_app.security.roles import Actor
from counter_app.services.clock import aware_utc
from counter_app.services.staff_accounts import actor_by_id, staff_by_username, storable_text
from counter_app.services.trail import record
from counter_app.store.engine import Database
from counter_app.store.models import Staff


class LoginFailed(InputError):
    """Every refused sign-in with a typed user name, in the same words: a wrong password, an
    unknown user, a disabled account and a locked one are not told apart (docs/trust.md)."""

    def __init__(self) -> None:
        super().__init__(
            "ログインできません。ユーザーIDまたはパスワードが違うか、"
            "失敗が続いたため一時的にロックされています。",
            hint="入力を確かめてください。続けて失敗したときは、数分おいてからもう一度入力して"
            "ください。パスワードを忘れた場合やロックをすぐ解除したい場合は、管理者に連絡して"
            "ください。",
        )


class Purpose(StrEnum):
    """Why a password is checked (the ``context`` of its audit rows)."""

    LOGIN = "login"
    UNLOCK = "unlock"
    APPROVAL = "approval"
    PASSWORD_CHANGE = "password_change"
    RESTORE = "restore"


@dataclass(frozen=True)
class _Found:
    """What step 1 saw of the user (read inside its transaction)."""

    staff_id: str | None
    branch_code: str
    password_hash: str | None  # None: nothing to check against (the answer is "no")
    attempt: Attempt | None
    locked: dt.datetime | None


def _reserve(
    db: Database, username: str, purpose: Purpose, at: dt.datetime, *, audited: bool = True
) -> _Found:
    """Step 1: one ``BEGIN IMMEDIATE`` transaction — the lock looked at and the attempt
    reserved together, and the attempt recorded (``auth.attempt``) on every path, so that a
    known user, an unknown one and a locked one cost the same writes."""
    with db.unit_of_work() as uow:
        assert uow.session is not None
        row = staff_by_username(uow, username) if storable_text(username) else None
        branch = (row.branch_code if row else None) or uow.branch_code or ""
        detail: dict[str, object] = {"context": purpose.value, "known_user": row is not None}
        if row is None:
            found = _Found(None, branch, None, None, None)
        elif (until := locked_until(uow.session, row.id, at)) is not None:
            detail.update(staff_id=row.id, locked=True)
            found = _Found(row.id, branch, None, None, until)
        else:
            attempt = reserve_attempt(uow.session, row.id, at, security_settings().lockout)
            detail.update(staff_id=row.id, attempt=attempt.failures)
            stored = row.password_hash if row.active else None
            found = _Found(row.id, branch, stored, attempt, None)
        if audited:
            record(uow, None, "auth.attempt", at=at, branch_code=branch, detail=detail)
        uow.commit()
        return found


def _succeed(
    db: Database,
    staff_id: str,
    password: str,
    purpose: Purpose,
    at: dt.datetime,
    *,
    audited: bool = True,
) -> Actor | None:
    """Step 3 after a good password: clear the count, upgrade an old hash, audit. None if
    the account was disabled meanwhile."""
    with db.unit_of_work() as uow:
        assert uow.session is not None
        row = uow.session.get(Staff, staff_id)
        if row is None or not row.active:
            return None
        clear_attempts(uow.session, row.id)
        if needs_rehash(row.password_hash):
            row.password_hash = hash_password(password)
        if purpose in (Purpose.LOGIN, Purpose.RESTORE):
            row.last_login_at = at
        actor = actor_by_id(uow, row.id)
        if audited and purpose is Purpose.UNLOCK:
            record(uow, actor, "auth.unlock", at=at)
        elif audited:
            record(uow, actor, "auth.login", at=at, detail={"context": purpose.value})
        uow.commit()
        return actor


def _fail(
    db: Database, found: _Found, purpose: Purpose, at: dt.datetime, *, audited: bool = True
) -> None:
    """Step 3 after a wrong password, an unknown user or a locked account: audit
    (``auth.login_failed``, or ``auth.locked_out`` for a lock; the count was taken in step 1,
    a locked account's is not raised)."""
    if not audited:
        return
    if found.locked is not None:
        with db.unit_of_work() as uow:
            record(
                uow,
                None,
                "auth.locked_out",
                at=at,
                branch_code=found.branch_code,
                detail={"context": purpose.value, "staff_id": found.staff_id},
            )
            uow.commit()
        return
    detail: dict[str, object] = {"context": purpose.value, "known_user": found.staff_id is not None}
    if found.attempt is not None:
        detail.update(
            staff_id=found.attempt.staff_id,
            failed_attempts=found.attempt.failures,
            locked_seconds=found.attempt.locked_seconds(at),
        )
    with db.unit_of_work() as uow:
        record(uow, None, "auth.login_failed", at=at, branch_code=found.branch_code, detail=detail)
        uow.commit()


def authenticate(
    db: Database,
    username: str,
    password: str,
    *,
    purpose: Purpose,
    at: dt.datetime | None = None,
    reveal_lock: bool = False,
    audited: bool = True,
) -> Actor:
    """Check ``username``'s password with the lockout applied, record the outcome, and return
    the staff member; the one way any password is checked (see the module's docstring).

    Refusals: :class:`LoginFailed` for everything; with ``reveal_lock`` (the person is already
    known: their own screen or password) :class:`AccountLocked` when the account is locked or
    this failure locked it.

    ``audited=False`` is for an audit trail whose end is broken (nothing can be appended to
    it, :mod:`counter_app.services.inspection`): the same lock, count and single check, with
    no audit row.
    """
    now = aware_utc(at)
    found = _reserve(db, username, purpose, now, audited=audited)
    typed = password if storable_text(password) else None
    # exactly one verification on every path: unknown, disabled and locked cost the same
    if found.password_hash is None or typed is None:
        spend_a_verification(typed or "")
        good = False
    else:
        good = verify_password(found.password_hash, typed)
    if found.locked is not None:
        _fail(db, found, purpose, now, audited=audited)
        if reveal_lock:
            raise AccountLocked(found.locked, now)
        raise LoginFailed()
    if good and found.staff_id is not None and typed is not None:
        actor = _succeed(db, found.staff_id, typed, purpose, now, audited=audited)
        if actor is not None:
            return actor
    _fail(db, found, purpose, now, audited=audited)
    if reveal_lock and found.attempt is not None and found.attempt.locks_until is not None:
        raise AccountLocked(found.attempt.locks_until, now)
    raise LoginFailed()


# -- the sign-in -------------------------------------------------------------------------------
def sign_in(db: Database, username: str, password: str, *, at: dt.datetime | None = None) -> Actor:
    """Sign in (window and CLI): the acting staff member, or :class:`LoginFailed`."""
    return authenticate(db, username, password, purpose=Purpose.LOGIN, at=at)


__all__ = ["LoginFailed", "Purpose", "authenticate", "sign_in"]
