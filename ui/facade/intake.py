"""Facade of the intake wizard (``ui.intake``): check an intake, register it, and draw its
first papers (receipt, acceptance slip, the 開示等請求書 filled from what was typed).

The wizard builds the :class:`~counter_app.services.intake_input.IntakeInput` from its pages
(``ui.intake.submission.build_intake``); the service applies every verdict and the My Number
guard again and allocates the numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from counter_app.security.roles import Actor
from ui.context import AppContext
from ui.facade._access import render, require_db, signed_in, unit_of_work

if TYPE_CHECKING:  # for the type checker only: the services load when a function runs
    from counter_app.services.intake import IntakeResult
    from counter_app.services.intake_input import IntakeInput


def check(context: AppContext, intake: IntakeInput) -> None:
    """Run the service's checks without storing anything (raises the refusal in Japanese)."""
    from counter_app.services.intake import check_intake

    check_intake(intake, now=context.now())


def register(
    context: AppContext,
    intake: IntakeInput,
    *,
    approver: Actor | None = None,
    now: dt.datetime | None = None,
) -> IntakeResult:
    """Store the intake in one transaction; returns what was registered (numbers, fee)."""
    from counter_app.services.intake import register_intake

    with unit_of_work(context) as uow:
        return register_intake(
            uow, signed_in(context), intake, approver=approver, now=now or context.now()
        )


def documents(context: AppContext, result: IntakeResult) -> tuple[bytes | None, bytes, bytes]:
    """(receipt PDF or None when no fee, acceptance slip PDF, filled request form PDF) for a
    registered intake."""
    from counter_app.services import printing

    require_db(context)
    with context.db.unit_of_work() as uow:  # reads only: nothing to commit
        receipt_data = printing.receipt_data(uow, result.receipt_id) if result.receipt_id else None
        slip_data = printing.slip_data(uow, result.request_id)
        form_data = printing.request_form_data(uow, result.request_id)
    receipt_pdf = render("receipt", receipt_data) if receipt_data is not None else None
    return receipt_pdf, render("slip", slip_data), render("blank_forms", form_data)
