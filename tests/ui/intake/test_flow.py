"""Full intakes driven through the wizard's widgets, checked in the database and on paper."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from counter_app.services.access import find_request
from tests.ui.intake import drive

pytestmark = drive.OFFSCREEN_NOISE


def stored(context, request_id):
    """The stored request, read back through the services in a fresh unit of work."""
    with context.db.unit_of_work() as uow:
        request = find_request(uow, request_id)
        return {
            "number": request.number,
            "types": sorted(i.request_type for i in request.items),
            "principal": request.principal.name if hasattr(request, "principal") else None,
            "request": request,
        }


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_self_request_is_registered_and_its_receipt_prints(wizard, context, today, qtbot):
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.self_request(wizard, today)
    assert wizard.currentId() == wizard.PAGE_DONE
    request_id = signal.args[0]
    result = wizard.result_
    assert result.request_id == request_id
    assert result.receipt_number
    assert "受付番号" in wizard.done_page.headline.text()
    assert result.request_number in wizard.done_page.headline.text()
    record = stored(context, request_id)
    assert record["number"] == result.request_number
    assert record["types"] == ["disclosure"]
    # the draft is gone once registered
    assert not wizard.drafts.exists()
    # the receipt as printed
    receipt = wizard.done_page.receipt_pdf
    assert receipt is not None, wizard.done_page.document_reason.text()
    text = pdf_text(receipt)
    assert "領収書" in text
    assert "山田 花子" in text or "山田花子" in text
    assert f"{result.total:,}" in text
    assert result.receipt_number in text
    assert pdf_text(wizard.done_page.slip_pdf).count(result.request_number) >= 1


def test_proxy_request_is_registered_with_the_proxy_and_handed_over(wizard, context, today, qtbot):
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.proxy_request(wizard, today)
    request_id = signal.args[0]
    record = stored(context, request_id)
    assert record["types"] == ["disclosure", "purpose_notice"]
    assert wizard.proxy_page.verdict.may_hand_to_proxy
    receipt = wizard.done_page.receipt_pdf
    assert receipt is not None, wizard.done_page.document_reason.text()
    text = pdf_text(receipt)
    assert "領収書" in text
    assert f"{wizard.result_.total:,}" in text


@pytest.mark.parametrize("proxy_visit", [False, True])
def test_the_page_order_follows_the_visitor(wizard, today, proxy_visit):
    drive.fill_requester(wizard, proxy_visit=proxy_visit)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    assert wizard.currentId() == wizard.PAGE_IDENTITY
    if proxy_visit:
        drive.fill_principal_papers_for_proxy(wizard.identity_page.panel, today)
    else:
        drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    assert wizard.currentId() == (wizard.PAGE_PROXY if proxy_visit else wizard.PAGE_FEE)
