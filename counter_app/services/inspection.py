"""Signing in to *inspect* a broken audit trail: check who it is without appending a row.

Every ordinary sign-in appends ``auth.login`` to the audit trail. When the trail's end does not
match its sealed head (:class:`~counter_app.security.audit.AuditTrailBroken`) nothing can be
appended, so a supervisor or administrator could never sign in to see *what* is broken.
:func:`sign_in_or_inspect` signs in the ordinary way and, only when the trail refuses the row,
checks the same credentials read-only (the lockout still refuses a locked account, and a wrong
password still counts towards it, in ``staff_lockouts`` — the trail cannot take the failure
row). The person must be allowed to read the trail (責任者・管理者); anyone else gets the
trail-broken message. Every command that writes still refuses with that message.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from counter_app.config.security import security_settings
from counter_app.errors import InputError
from counter_app.security.audit import AuditTrailBroken
from counter_app.security.roles import Actor, Permission
from counter_app.store.engine import Database
from counter_app.store.models import Staff, StaffLockout


def sign_in_or_inspect(
    db: Database, username: str, password: str, *, at: dt.datetime | None = None
) -> Actor:
    """:func:`~counter_app.security.sessions.sign_in`; with a broken trail, a read-only check
    of the same credentials for someone who may read the trail (else the trail-broken error)."""
    from counter_app.security.sessions import sign_in

    try:
        return sign_in(db, username, password, at=at)
    except AuditTrailBroken as broken:
        actor = sign_in_to_inspect(db, username, password, at=at)
        if not actor.may(Permission.VIEW_AUDIT):
            raise broken from None
        return actor


def sign_in_to_inspect(
    db: Database, username: str, password: str, *, at: dt.datetime | None = None
) -> Actor:
    """Check the credentials without appending to the trail (lockout applies)."""
    from counter_app.services.auth import LoginFailed, _actor, _check_credentials

    now = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with db.unit_of_work(read_only=True) as uow:
        try:
            return _actor(_check_credentials(uow, username, password))
        except LoginFailed:
            pass
    _count_failure(db, username, now)
    raise LoginFailed()


def _count_failure(db: Database, username: str, at: dt.datetime) -> None:
    """One more failed attempt for ``username`` (no audit row: the trail cannot take one)."""
    from counter_app.services.auth import normalise_username

    try:
        name = normalise_username(username)
    except (InputError, TypeError):
        return
    rule = security_settings().lockout
    with db.unit_of_work() as uow:
        assert uow.session is not None
        row = uow.session.scalar(select(Staff).where(Staff.username == name))
        if row is None:
            return
        state = uow.session.get(StaffLockout, row.id)
        if state is None:
            state = StaffLockout(staff_id=row.id, failed_attempts=0)
            uow.session.add(state)
        state.failed_attempts += 1
        state.last_failed_at = at
        delay = rule.delay_after(state.failed_attempts)
        if delay:
            state.locked_until = at + dt.timedelta(seconds=delay)
        uow.commit()
