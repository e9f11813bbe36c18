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

from counter_app.security.audit import AuditTrailBroken
from counter_app.security.roles import Actor, Permission
from counter_app.store.engine import Database


def sign_in_or_inspect(
    db: Database, username: str, password: str, *, at: dt.datetime | None = None
) -> Actor:
    """:func:`~counter_app.services.sign_in.sign_in`; with a broken trail, a check of the same
    credentials that appends nothing, for someone who may read the trail (else the
    trail-broken error)."""
    from counter_app.services.sign_in import sign_in

    try:
        return sign_in(db, username, password, at=at)
    except AuditTrailBroken as broken:  # step 1's row was refused: nothing was counted
        actor = sign_in_to_inspect(db, username, password, at=at)
        if not actor.may(Permission.VIEW_AUDIT):
            raise broken from None
        return actor


def sign_in_to_inspect(
    db: Database, username: str, password: str, *, at: dt.datetime | None = None
) -> Actor:
    """Check the credentials without appending to the trail: the one sign-in
    (:func:`~counter_app.services.sign_in.authenticate`: lock, count, one check) unaudited."""
    from counter_app.services.sign_in import Purpose, authenticate

    return authenticate(db, username, password, purpose=Purpose.LOGIN, at=at, audited=False)
