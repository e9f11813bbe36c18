"""Full intakes driven through the wizard's widgets, checked in the database and on paper."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from counter_app.services.reveal import reveal_personal_data
from tests.ui.intake import drive
from tests.ui.intake.conftest import NOW

pytestmark = drive.OFFSCREEN_NOISE


def stored(context, request_id):
    """The stored request, read back through the services (unmasked by the supervisor)."""
    with context.db.unit_of_work() as uow:
        view = reveal_personal_data(
            uow, context.db.test_supervisor, request_id, "受付内容の確認 (テスト)", now=NOW
        )
        uow.commit()
    return view


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
    view = stored(context, request_id)
    assert view.number == result.request_number
    assert [i.request_type for i in view.items] == ["disclosure"]
    assert set(view.items[0].details["scopes"]) == {"orders_deliveries", "member_register"}
    assert view.principal.name == "山田 花子"
    assert view.principal.furigana == "ヤマダ ハナコ"
    assert view.principal.birth_date.startswith("1980-04-01")
    assert view.principal.postal_code == "310-0801"
    assert view.principal.address == "茨城県水戸市見本町4-5-6"
    assert view.proxy is None
    assert view.disclosure_method == "paper"
    assert view.delivery == "mail"
    assert [c.rule for c in view.checks if c.subject == "principal"] == ["photo_1"]
    assert view.checks[0].document_types == ("drivers_license",)
    assert view.fee_total == result.total
    assert view.receipts[0].number == result.receipt_number
    assert view.receipts[0].change == result.change
    # the draft is gone once registered
    assert not wizard.drafts.exists()
    # the receipt as printed
    drive.wait_documents(qtbot, wizard)
    receipt = wizard.done_page.receipt_pdf
    assert receipt is not None, wizard.done_page.document_reason.text()
    text = pdf_text(receipt)
    assert "領収書" in text
    assert "山田 花子" in text or "山田花子" in text
    assert f"{result.total:,}" in text
    assert result.receipt_number in text
    assert pdf_text(wizard.done_page.slip_pdf).count(result.request_number) >= 1
    # the 開示等請求書 filled from what was typed, for the member to check and sign
    form = pdf_text(wizard.done_page.form_pdf).replace(" ", "")
    assert "個人情報開示等請求書" in form and result.request_number in form
    assert "ヤマダハナコ" in form and "茨城県水戸市見本町4-5-6" in form
    assert "上記の内容に相違ありません。" in form
    assert wizard.done_page.form_button.isEnabled()


def test_proxy_request_is_registered_with_the_proxy_and_handed_over(wizard, context, today, qtbot):
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.proxy_request(wizard, today)
    request_id = signal.args[0]
    view = stored(context, request_id)
    assert sorted(i.request_type for i in view.items) == ["disclosure", "purpose_notice"]
    assert view.proxy is not None and view.proxy.name == "髙橋 一郎"
    assert view.proxy_kind == "voluntary"
    assert view.may_hand_to_proxy
    assert view.delivery == "counter"
    assert {c.subject for c in view.checks} == {"principal", "proxy"}
    assert all(c.passed for c in view.checks)
    assert wizard.proxy_page.verdict.may_hand_to_proxy
    drive.wait_documents(qtbot, wizard)
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


def test_a_proxy_visit_without_the_principals_documents_is_registered(
    wizard, context, today, qtbot
):
    drive.fill_requester(wizard, proxy_visit=True)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    assert "提示はありません" in wizard.identity_page.panel.verdict_view.headline.text()
    drive.press_next(wizard)  # nothing shown for the principal: allowed for a proxy visit
    drive.fill_voluntary_proxy(wizard, today)
    drive.press_next(wizard)
    drive.fill_fee(wizard, pages=3, mail=True)
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.press_next(wizard)
        drive.press_next(wizard)
    view = stored(context, signal.args[0])
    assert {c.subject for c in view.checks} == {"proxy"}
    drive.wait_documents(qtbot, wizard)  # drawn and printed while the fake printer is in place


def test_a_correction_is_registered_without_fee_or_receipt(wizard, context, today, qtbot):
    from counter_app.domain.requests import RequestType

    drive.fill_requester(wizard, name="𠮷田 太郎")
    drive.press_next(wizard)
    page = wizard.types_page
    page.type_checks[RequestType.CORRECTION].setChecked(True)
    page.scope_checks[next(iter(page.scope_checks))].setChecked(True)
    page.correction_item.setText("電話番号")
    page.correction_current.setText("029-111-0000")
    page.correction_requested.setText("029-111-2222")
    page.correction_evidence.setText("ご本人の申出")
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    assert wizard.fee_page.quote.total == 0
    assert not wizard.fee_page.received.isEnabled()  # no cash to take
    drive.press_next(wizard)
    assert "訂正・追加・削除" in wizard.confirm_page.summary.text()
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.press_next(wizard)
    view = stored(context, signal.args[0])
    assert view.principal.name == "𠮷田 太郎"
    details = view.items[0].details
    assert details["correction_item"] == "電話番号"
    assert details["requested_value"] == "029-111-2222"
    assert view.fee_total == 0 and view.receipts == ()
    drive.wait_documents(qtbot, wizard)
    assert wizard.done_page.receipt_pdf is None
    assert "領収書はありません" in wizard.done_page.print_status.text()
    assert "𠮷田" in pdf_text(wizard.done_page.slip_pdf)


def test_a_refused_registration_is_explained_and_nothing_is_lost(wizard, today, qtbot, monkeypatch):
    from counter_app.errors import DomainError
    from ui.facade import intake as facade

    def refuse(*args, **kwargs):
        raise DomainError("本日の受付は締め済みです。", hint="責任者に確認してください。")

    monkeypatch.setattr(facade, "register", refuse)
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.fill_drivers_license(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    drive.fill_fee(wizard)
    drive.press_next(wizard)
    drive.press_next(wizard)  # 登録して印刷: refused by the service
    assert wizard.currentId() == wizard.PAGE_CONFIRM
    reason = wizard.confirm_page.register_reason.text()
    assert "登録できませんでした" in reason and "締め済み" in reason
    assert wizard.result_ is None
    assert wizard.requester_page.name.text() == "山田 花子"
    wizard.save_draft()
    assert wizard.drafts.exists()  # what was typed is kept


def test_a_failed_print_says_why_and_offers_the_pdf(wizard, today, qtbot, monkeypatch, told):
    from ui import printing

    def fail(pdf, printer=None, **kwargs):
        return printing.PrintResult(False, "プリンター「X」が見つかりません。")

    monkeypatch.setattr(printing, "print_pdf", fail)
    drive.self_request(wizard, today)
    drive.wait_documents(qtbot, wizard)
    results = wizard.done_page.print_documents()
    assert [r.ok for r in results] == [False, False, False]  # receipt, slip, request form
    assert "見つかりません" in wizard.done_page.print_status.text()
    kind, text = told[-1]
    assert kind == "error" and "PDF" in text


def test_a_parent_of_a_minor_is_accepted_with_the_family_register(wizard, context, today, qtbot):
    from counter_app.domain.proxy import ProxyKind
    from ui.intake.fields import DateParts

    drive.fill_requester(wizard, proxy_visit=True, name="山田 一花")
    wizard.requester_page.birth_date.set_parts(DateParts("平成", "27", "5", "5"))  # 10 years old
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.press_next(wizard)  # the child brought nothing
    page = wizard.proxy_page
    drive.choose(page.kind, ProxyKind.PARENT.value)
    assert page.relation_box.isVisibleTo(page) and not page.poa_box.isVisibleTo(page)
    page.proxy_name.setText("山田 花子")
    drive.choose(page.relation_type, "koseki")
    drive.type_date(page.relation_issued, today - dt.timedelta(days=10))
    page.relation_checks["relation_original"].setChecked(True)
    page.relation_checks["relation_shows"].setChecked(True)
    drive.fill_drivers_license(page.proxy_documents, today)
    for check in page.verdict_view.warning_checks:
        check.setChecked(True)
    drive.settle()
    assert page.verdict is not None and page.verdict.passed, page.verdict_view.reasons.text()
    assert page.verdict.may_hand_to_proxy
    drive.press_next(wizard)
    drive.fill_fee(wizard, mail=False)
    with qtbot.waitSignal(wizard.registered, timeout=5000) as signal:
        drive.press_next(wizard)
        drive.press_next(wizard)
    view = stored(context, signal.args[0])
    assert view.proxy_kind == "parent"
    assert view.proxy.name == "山田 花子"
    assert view.principal.name == "山田 一花"
    drive.wait_documents(qtbot, wizard)  # drawn and printed while the fake printer is in place
