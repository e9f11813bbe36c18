"""A supervisor's approval on a staff member's screen (docs/trust.md, "Who may act").

Which permissions a 責任者 may grant is the role table
(:data:`counter_app.security.roles.APPROVABLE`); the supervisor proves who they are with their
own password through :func:`counter_app.services.sign_in.authenticate`, so wrong passwords
count towards their lockout like a failed sign-in (they are one).
"""

from __future__ import annotations

import datetime as dt

from counter_app.errors import PermissionDenied
from counter_app.security.roles import APPROVABLE, Actor, Permission
from counter_app.services.clock import aware_utc
from counter_app.services.sign_in import Purpose, authenticate
from counter_app.services.trail import record
from counter_app.store.engine import Database


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
    supervisor's lockout like a failed sign-in (they are one).
    """
    now = aware_utc(at)
    approver = authenticate(db, username, password, purpose=Purpose.APPROVAL, at=now)
    if approver.staff_id == actor.staff_id:
        raise PermissionDenied("承認は本人以外の責任者が行ってください。")
    if permission not in APPROVABLE or not approver.may(permission):
        raise PermissionDenied(
            f"{approver.display_name} さん ({approver.role.label}) は「{permission.label}」を"
            "承認できません。"
        )
    with db.unit_of_work() as uow:
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


__all__ = ["approve_on_screen"]
