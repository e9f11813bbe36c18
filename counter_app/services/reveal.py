"""Reveal a request's masked personal data on purpose: 責任者 or 管理者, with a reason.

Each reveal writes a ``reveals`` row (who, when, why) and an audit row pointing at it; the
audit row itself holds only ids. Not refused on a closed day: a reveal dates no business.
"""

from __future__ import annotations

import datetime as dt

from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import ensure_branch, find_request, required_text, session_of
from counter_app.services.clock import local_date, now_utc
from counter_app.services.request_view import RequestView, build_view
from counter_app.services.trail import record
from counter_app.store.models import Reveal, new_id
from counter_app.store.uow import UnitOfWork


def reveal_personal_data(
    uow: UnitOfWork,
    actor: Actor,
    ref: str,
    reason: str,
    *,
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> RequestView:
    """The request with personal data unmasked; the reveal is recorded and audited."""
    require(actor, Permission.REVEAL_PERSONAL, approver=approver)
    branch = ensure_branch(uow, actor)
    reason = required_text(reason, "表示する理由")
    now = now or now_utc()
    request = find_request(uow, ref)
    approver_used = approver if not actor.may(Permission.REVEAL_PERSONAL) else None
    row = Reveal(
        id=new_id(),
        branch_code=branch,
        request_id=request.id,
        actor_id=actor.staff_id,
        approver_id=approver_used.staff_id if approver_used else None,
        revealed_at=now,
        reason=reason,
    )
    session_of(uow).add(row)
    session_of(uow).flush()
    record(
        uow,
        actor,
        "personal.reveal",
        at=now,
        request_id=request.id,
        approver=approver_used,
        detail={"reveal_id": row.id},
    )
    return build_view(uow, request, reveal=True, on=local_date(now))
