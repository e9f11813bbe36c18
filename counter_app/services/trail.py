"""Audit rows written by the services (ids and codes only, never personal data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from counter_app.security.audit import AppendedAudit, append_audit
from counter_app.security.roles import Actor
from counter_app.store.uow import UnitOfWork


def record(
    uow: UnitOfWork,
    actor: Actor | None,
    action: str,
    *,
    at: dt.datetime,
    branch_code: str | None = None,
    request_id: str | None = None,
    approver: Actor | None = None,
    detail: dict[str, Any] | None = None,
) -> AppendedAudit:
    assert uow.session is not None
    return append_audit(
        uow.session,
        action=action,
        branch_code=branch_code or (actor.branch_code if actor else "") or "",
        actor_id=actor.staff_id if actor else None,
        approver_id=approver.staff_id if approver else None,
        at=at,
        request_id=request_id,
        detail=detail,
    )
