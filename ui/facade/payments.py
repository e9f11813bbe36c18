"""Facade of the money of one request in the detail window (``ui.detail``,
``ui.settlement_dialog``): reprinting and voiding a receipt, and the 精算 (settling the
fee of a request whose page count was not known at intake). Each returns the paper to print
(PDF bytes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.security.roles import Actor
from ui.context import AppContext
from ui.facade._access import now, render, signed_in, unit_of_work

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.services.settlement import SettlementPreview


def reprint_receipt(context: AppContext, receipt_id: str, approver: Actor | None = None) -> bytes:
    """Count a reprint and return the receipt marked 再発行 (n回目)."""
    from counter_app.services import printing, receipts

    with unit_of_work(context) as uow:
        receipts.reprint_receipt(uow, signed_in(context), receipt_id, now=now(context))
        data = printing.receipt_data(uow, receipt_id)
    return render("receipt", data)


def void_receipt(
    context: AppContext, receipt_id: str, reason: str, approver: Actor | None = None
) -> bytes:
    """Void a receipt (supervisor, or approved by one); returns it marked 取消."""
    from counter_app.services import printing, receipts

    with unit_of_work(context) as uow:
        receipts.void_receipt(
            uow, signed_in(context), receipt_id, reason, approver=approver, now=now(context)
        )
        data = printing.receipt_data(uow, receipt_id)
    return render("receipt", data)


def preview_settlement(context: AppContext, request_id: str, pages: int) -> SettlementPreview:
    """What settling with ``pages`` actual pages gives, unrecorded."""
    from counter_app.services.settlement import preview_settlement as preview

    with unit_of_work(context, write=False) as uow:
        return preview(uow, signed_in(context), request_id, pages)


def record_settlement(context: AppContext, request_id: str, pages: int, received: int) -> bytes:
    """Record the settlement (cash in or out) and return its 精算書 to print."""
    from counter_app.services import printing, settlement

    with unit_of_work(context) as uow:
        done = settlement.record_settlement(
            uow, signed_in(context), request_id, pages, amount_received=received, now=now(context)
        )
        data = printing.settlement_receipt_data(uow, done.settlement_id)
    return render("receipt", data)


def reprint_settlement(context: AppContext, settlement_id: str) -> bytes:
    """Count a reprint and return the 精算書 marked 再発行 (n回目)."""
    from counter_app.services import printing, settlement

    with unit_of_work(context) as uow:
        settlement.reprint_settlement(uow, signed_in(context), settlement_id, now=now(context))
        data = printing.settlement_receipt_data(uow, settlement_id)
    return render("receipt", data)


def void_settlement(
    context: AppContext, settlement_id: str, reason: str, approver: Actor | None = None
) -> bytes:
    """Void a settlement (supervisor, or approved by one); returns its 精算書 marked 取消."""
    from counter_app.services import printing, settlement

    with unit_of_work(context) as uow:
        settlement.void_settlement(
            uow, signed_in(context), settlement_id, reason, approver=approver, now=now(context)
        )
        data = printing.settlement_receipt_data(uow, settlement_id)
    return render("receipt", data)
