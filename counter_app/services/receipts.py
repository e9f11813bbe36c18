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

from sqlalchemy import or_, select

from counter_app.errors import InputError
from counter_app.security.roles import Actor
from counter_app.services import corrections
from counter_app.services.access import session_of
from counter_app.store.models import Receipt, ReceiptReprint
from counter_app.store.numbering import Series
from counter_app.store.uow import UnitOfWork


class ReceiptNotFound(InputError):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"領収書「{ref}」が見つかりません。",
            hint="領収書番号 (例: BR01-01-2025-000045) を確認してください。",
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
    day, reason = corrections.begin_void(uow, actor, reason, approver=approver, now=now)
    original = find_receipt(uow, ref)
    existing = void_of(uow, original.id)
    corrections.refuse_void(
        original.number,
        void_record="取消",
        paper="領収書",
        is_void=original.kind != "issued",
        existing_void=existing.number if existing is not None else None,
    )
    session = session_of(uow)
    void = Receipt(
        **corrections.numbered(uow, Series.RECEIPT, day.branch, day.on),
        kind="void",
        request_id=original.request_id,
        voids_receipt_id=original.id,
        issued_at=day.now,
        issued_on=day.on,
        total=-original.total,
        taxable_10=-original.taxable_10,
        tax_10=-original.tax_10,
        quote=original.quote,
        schedule_version=original.schedule_version,
        proviso=original.proviso,
        amount_received=0,
        change=0,
        staff_id=actor.staff_id,
        approver_id=corrections.void_approver_id(actor, approver),
        void_reason=reason,
    )
    session.add(void)
    session.flush()
    corrections.record_void(
        uow,
        actor,
        "receipt.void",
        day,
        original=original,
        void=void,
        approver=approver,
        document_key="receipt_id",
        amount_key="refund",
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
    return corrections.rows_pointing_at(uow, ReceiptReprint.receipt_id, receipt_id)


def reprint_receipt(
    uow: UnitOfWork, actor: Actor, ref: str, *, now: dt.datetime | None = None
) -> ReprintResult:
    """Count a reprint of a receipt (the copy is marked 再発行 n; a voided one also 取消)."""
    day = corrections.begin_reprint(uow, actor, now)
    receipt = find_receipt(uow, ref)
    ordinal = corrections.add_reprint(
        uow, actor, "receipt.reprint", day, of=ReceiptReprint.receipt_id, document=receipt
    )
    voided = receipt.kind == "void" or void_of(uow, receipt.id) is not None
    return ReprintResult(receipt.id, receipt.number, ordinal, voided)
