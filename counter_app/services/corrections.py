"""What voiding and reprinting have in common, for receipts and 精算書 alike.

A void needs a 責任者 (or a 責任者's approval) and a reason; a reprint needs only the
permission to reprint. Both happen on an open day of the actor's branch, and a void is a new
row with its own number from the document's series (:func:`numbered`). A reprint is a row
with its ordinal (:func:`add_reprint`: 再発行 n). Both are audited alike
(:func:`record_void`, :func:`add_reprint`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from counter_app.errors import DomainError
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import ensure_branch, ensure_day_open, required_text, session_of
from counter_app.services.clock import local_date, now_utc
from counter_app.services.trail import record
from counter_app.store.models import new_id
from counter_app.store.numbering import Series, allocate
from counter_app.store.uow import UnitOfWork


@dataclass(frozen=True)
class CounterDay:
    """Where and when a correction happens: the branch, the moment, its (open) local day."""

    branch: str
    now: dt.datetime
    on: dt.date


def _counter_day(uow: UnitOfWork, branch: str, now: dt.datetime | None) -> CounterDay:
    now = now or now_utc()
    on = local_date(now)
    ensure_day_open(uow, branch, on)
    return CounterDay(branch, now, on)


def begin_void(
    uow: UnitOfWork,
    actor: Actor,
    reason: str,
    *,
    approver: Actor | None,
    now: dt.datetime | None,
) -> tuple[CounterDay, str]:
    """Check a void may happen (permission or approval, branch, reason, open day).

    Returns the day and the reason as stored (trimmed)."""
    require(actor, Permission.VOID_RECEIPT, approver=approver)
    branch = ensure_branch(uow, actor)
    reason = required_text(reason, "取消の理由")
    return _counter_day(uow, branch, now), reason


def begin_reprint(uow: UnitOfWork, actor: Actor, now: dt.datetime | None) -> CounterDay:
    """Check a reprint may happen (permission, branch, open day)."""
    require(actor, Permission.REPRINT_RECEIPT)
    branch = ensure_branch(uow, actor)
    return _counter_day(uow, branch, now)


def void_approver_id(actor: Actor, approver: Actor | None) -> str | None:
    """The approver recorded on a void: only when the actor could not void alone."""
    if approver and not actor.may(Permission.VOID_RECEIPT):
        return approver.staff_id
    return None


def refuse_void(
    number: str, *, void_record: str, paper: str, is_void: bool, existing_void: str | None
) -> None:
    """Refuse, in Japanese, to void a void record or what is voided already.

    ``void_record`` names a void record (取消 / 精算の取消), ``paper`` the voided paper
    (領収書 / 精算書); ``existing_void`` is the number of the void already recorded, if any."""
    if is_void:
        raise DomainError(f"「{number}」は{void_record}の記録です。取り消すことはできません。")
    if existing_void is not None:
        raise DomainError(
            f"{paper}「{number}」はすでに取り消されています (取消番号 {existing_void})。"
        )


def numbered(uow: UnitOfWork, series: Series, branch: str, on: dt.date) -> dict[str, Any]:
    """The identity of a new numbered row: its id, branch and next gapless number of
    ``series`` (allocated now: call it once the row is sure to be written)."""
    number = allocate(session_of(uow), series, branch, on)
    return {
        "id": new_id(),
        "branch_code": branch,
        "number": number.text,
        "fiscal_year": number.fiscal_year,
        "seq": number.seq,
        "terminal_no": number.terminal_no,
    }


def rows_pointing_at(uow: UnitOfWork, column: Any, target_id: str) -> int:
    """How many rows have ``column`` (e.g. ``ReceiptReprint.receipt_id``) == ``target_id``."""
    table = column.class_
    return (
        session_of(uow).scalar(select(func.count()).select_from(table).where(column == target_id))
        or 0
    )


def record_void(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    day: CounterDay,
    *,
    original: Any,
    void: Any,
    approver: Actor | None,
    document_key: str,
    amount_key: str,
) -> None:
    """The audit entry of a void: the voided document and its void, the amount paid back
    (under ``amount_key``) and the approver when one was needed."""
    record(
        uow,
        actor,
        action,
        at=day.now,
        request_id=original.request_id,
        approver=approver if void.approver_id else None,
        detail={
            document_key: original.id,
            "number": original.number,
            "void_id": void.id,
            "void_number": void.number,
            amount_key: original.total,
        },
    )


def add_reprint(
    uow: UnitOfWork, actor: Actor, action: str, day: CounterDay, *, of: Any, document: Any
) -> int:
    """Count a reprint of ``document`` and audit it; its ordinal (再発行 n).

    ``of`` is the reprint table's column pointing at the document (e.g.
    ``ReceiptReprint.receipt_id``); the audit detail names it the same way."""
    ordinal = rows_pointing_at(uow, of, document.id) + 1
    session = session_of(uow)
    session.add(
        of.class_(
            branch_code=day.branch,
            ordinal=ordinal,
            reprinted_at=day.now,
            reprinted_on=day.on,
            staff_id=actor.staff_id,
            **{of.key: document.id},
        )
    )
    session.flush()
    record(
        uow,
        actor,
        action,
        at=day.now,
        request_id=document.request_id,
        detail={of.key: document.id, "number": document.number, "ordinal": ordinal},
    )
    return ordinal
