"""Accepting, on purpose, a database that is behind its rollback anchor (管理者, audited).

When an older database file was put in place outside ``restore`` (by hand, or by a restore
of an earlier program), the database no longer reaches the anchor kept in the OS keyring
(:mod:`counter_app.security.anchor`) and no number is handed out. If the administrator
decides that this older state is the one to keep, :func:`accept_rollback` records that in an
``anchor.accept`` audit row (the anchor given up and the state accepted) and anchors the
database as it is. The lost records do not come back: what was done after the accepted state
stays on paper only, which is why the acceptance is audited and documented (docs/trust.md) — a
restore of the newest backup is the better way when there is one. The numbers handed out
after it are *not* handed out again: the number counters are raised to the anchor's highest
numbers first, and the skipped ranges are in the audit row (``numbers_not_reused``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from counter_app.errors import InputError
from counter_app.security.roles import Actor, Role
from counter_app.services.trail import record
from counter_app.store.engine import Database
from counter_app.store.numbering import raise_counters


def rollback_problem(db: Database) -> str | None:
    """Why ``db`` does not reach its anchor (Japanese), or None when it does."""
    state = db.anchor
    return state.problem.what if state is not None and state.problem is not None else None


def accept_rollback(db: Database, admin: Actor, *, at: dt.datetime | None = None) -> dict[str, Any]:
    """Record the acceptance and anchor ``db`` as it is now; what was given up and accepted."""
    if admin.role is not Role.ADMIN:
        raise InputError("以前の状態の承認は管理者が行います。")
    state = db.anchor
    if state is None or state.problem is None:
        raise InputError("データベースは最新の状態に一致しています。承認の必要はありません。")
    before = state.point
    at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with db.unit_of_work() as uow:
        assert uow.session is not None
        # numbers printed after the accepted state are never handed out again
        skipped = raise_counters(uow.session, state.highest_numbers())
        appended = record(
            uow,
            admin,
            "anchor.accept",
            at=at,
            detail={
                "installation_id": state.installation_id,
                "anchor_before_seq": before.seq if before else None,
                "anchor_before_hash": before.hash if before else None,
                "numbers_not_reused": skipped,
            },
        )
        uow.commit()
    db.reset_anchor()
    return {
        "audit_seq": appended.seq,
        "audit_hash": appended.hash,
        "anchor_before_seq": before.seq if before else None,
        "anchor_before_hash": before.hash if before else None,
        "numbers_not_reused": skipped,
    }
