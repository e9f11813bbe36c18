"""Facade of the papers printed outside a decision: blank forms (main window), the request
slip and a receipt as issued (detail window, self-test), and saving a PDF the user chose
(``ui.pdf_preview``)."""

from __future__ import annotations

from pathlib import Path

from ui.context import AppContext
from ui.facade._access import render, signed_in, unit_of_work


def blank_form_pdf(context: AppContext, kind: str) -> bytes:
    """A blank form to fill in by hand: ``"power_of_attorney"`` (委任状) or ``"request_form"``
    (開示等請求書), with proxy.toml's months; marked 見本 in training mode."""
    from counter_app.services import printing

    with unit_of_work(context, write=False) as uow:
        data = printing.blank_form_data(uow, kind)
    return render("blank_forms", data)


def slip_pdf(context: AppContext, request_id: str) -> bytes:
    from counter_app.services import printing

    with unit_of_work(context, write=False) as uow:
        data = printing.slip_data(uow, request_id)
    return render("slip", data)


def receipt_pdf(context: AppContext, receipt_id: str) -> bytes:
    from counter_app.services import printing

    with unit_of_work(context, write=False) as uow:
        data = printing.receipt_data(uow, receipt_id)
    return render("receipt", data)


def head_office_notices(context: AppContext, request_id: str) -> list[bytes]:
    """The notice letters of head office's decision on a request (one per request type)."""
    from counter_app.services import printing, request_view

    with unit_of_work(context, write=False) as uow:
        shown = request_view.get_request(uow, signed_in(context), request_id, on=context.today())
        decision = shown.head_office_decision or {}
        data = [
            printing.notice_data(uow, request_id, kind) for kind in decision.get("outcomes", {})
        ]
    return [render("notices", d) for d in data]


def save_file(data_folder: Path | None, path: str, data: bytes, *, force: bool) -> None:
    """Write a file the user chose (a PDF) through the core's guarded writer: never into the
    data or backup folder, never half a file (raises a CounterAppError with the reason)."""
    from counter_app.services.output_files import save_output_file

    save_output_file(data_folder, path, data, force=force)
