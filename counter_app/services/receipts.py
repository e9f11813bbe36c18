"""Receipts after issue: void (取消) and reprint (再発行). An issued receipt never changes.

- ``void_receipt``: needs a 責任者 (or a 責任者's approval on the staff's screen) and a
  reason. It writes a **new** receipt row of kind ``void`` that points at the original, with
  its own number from the same series and the amounts negated (so a day's totals are the
  plain sum of its receipts: the cash paid back shows on the day of the void).
- ``reprint_receipt``: anyone; each reprint is a row with its ordinal (再発行 n), so the
  daily log lists it and the printed copy carries the count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from counter_app.errors import DomainError, InputError
from counter_app.security.roles import Actor, Permission, require
from counter_app.services.access import (
    ensure_branch,
    ensure_day_open,
    required_text,
    session_of,
)
from counter_app.services.clock import local_date, now_utc
from counter_app.services.trail import record
from counter_app.store.models import Receipt, ReceiptReprint, new_id
from counter_app.store.numbering import Series, allocate
from counter_app.store.uow import UnitOfWork


class ReceiptNotFound(InputError):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"領収書「{ref}」が見つかりません。",
            hint="領収書番号 (例: BR01-2025-000045) を確認してください。",
        )


@dataclass(frozen=True)
class VoidResult:
    void_id: str
    void_number: str
    original_id: str
    original_number: str
    request_id: str
    refund: int

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ReprintResult:
    receipt_id: str
    receipt_number: str
    reprint_count: int
    voided: bool

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def find_receipt(uow: UnitOfWork, ref: str) -> Receipt:
    ref = (ref or "").strip()
    row = session_of(uow).scalar(
        select(Receipt).where(or_(Receipt.id == ref, Receipt.number == ref.upper()))
    )
    if row is None:
        raise ReceiptNotFound(ref)
    return row


def void_of(uow: UnitOfWork, receipt_id: str) -> Receipt | None:
    return session_of(uow).scalar(select(Receipt).where(Receipt.voids_receipt_id == receipt_id))


def void_receipt(
    uow: UnitOfWork,
    actor: Actor,
    ref: str,
    reason: str,
    *,
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> VoidResult:
    """Void an issued receipt (責任者, or a 責任者's approval), with a reason."""
    require(actor, Permission.VOID_RECEIPT, approver=approver)
    branch = ensure_branch(uow, actor)
    reason = required_text(reason, "取消の理由")
    now = now or now_utc()
    on = local_date(now)
    ensure_day_open(uow, branch, on)
    original = find_receipt(uow, ref)
    if original.kind != "issued":
        raise DomainError(f"「{original.number}」は取消の記録です。取り消すことはできません。")
    existing = void_of(uow, original.id)
    if existing is not None:
        raise DomainError(
            f"領収書「{original.number}」はすでに取り消されています (取消番号 {existing.number})。"
        )
    session = session_of(uow)
    number = allocate(session, Series.RECEIPT, branch, on)
    void = Receipt(
        id=new_id(),
        branch_code=branch,
        number=number.text,
        fiscal_year=number.fiscal_year,
        seq=number.seq,
        kind="void",
        request_id=original.request_id,
        voids_receipt_id=original.id,
        issued_at=now,
        issued_on=on,
        total=-original.total,
        taxable_10=-original.taxable_10,
        tax_10=-original.tax_10,
        quote=original.quote,
        schedule_version=original.schedule_version,
        proviso=original.proviso,
        amount_received=0,
        change=0,
        staff_id=actor.staff_id,
        approver_id=approver.staff_id
        if approver and not actor.may(Permission.VOID_RECEIPT)
        else None,
        void_reason=reason,
    )
    session.add(void)
    session.flush()
    record(
        uow,
        actor,
        "receipt.void",
        at=now,
        request_id=original.request_id,
        approver=approver if void.approver_id else None,
        detail={
            "receipt_id": original.id,
            "number": original.number,
            "void_id": void.id,
            "void_number": void.number,
            "refund": original.total,
        },
    )
    return VoidResult(
        void_id=void.id,
        void_number=void.number,
        original_id=original.id,
        original_number=original.number,
        request_id=original.request_id,
        refund=original.total,
    )


def reprint_count(uow: UnitOfWork, receipt_id: str) -> int:
    return (
        session_of(uow).scalar(
            select(func.count())
            .select_from(ReceiptReprint)
            .where(ReceiptReprint.receipt_id == receipt_id)
        )
        or 0
    )


def reprint_receipt(
    uow: UnitOfWork, actor: Actor, ref: str, *, now: dt.datetime | None = None
) -> ReprintResult:
    """Count a reprint of a receipt (the copy is marked 再発行 n; a voided one also 取消)."""
    require(actor, Permission.REPRINT_RECEIPT)
    branch = ensure_branch(uow, actor)
    now = now or now_utc()
    on = local_date(now)
    ensure_day_open(uow, branch, on)
    receipt = find_receipt(uow, ref)
    ordinal = reprint_count(uow, receipt.id) + 1
    session = session_of(uow)
    session.add(
        ReceiptReprint(
            branch_code=branch,
            receipt_id=receipt.id,
            ordinal=ordinal,
            reprinted_at=now,
            reprinted_on=on,
            staff_id=actor.staff_id,
        )
    )
    session.flush()
    voided = receipt.kind == "void" or void_of(uow, receipt.id) is not None
    record(
        uow,
        actor,
        "receipt.reprint",
        at=now,
        request_id=receipt.request_id,
        detail={"receipt_id": receipt.id, "number": receipt.number, "ordinal": ordinal},
    )
    return ReprintResult(receipt.id, receipt.number, ordinal, voided)
