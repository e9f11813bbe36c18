"""The decision dialog offers, for each type, only the grounds and outcomes valid for it: a
purpose notice not given cites Art. 32(2) (PurposeNoticeGround), a disclosure refused in
whole or part Art. 33(2) (RefusalGround); 書面による開示 (方法変更) only for a request that
asked for another method than paper, and then its reason is required."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from counter_app.domain.requests import (
    DisclosureMethod,
    Outcome,
    PurposeNoticeGround,
    RefusalGround,
)
from ui.detail.window import RequestDetailDialog


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, (value, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def offered(combo) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]


def open_decision(opened, qtbot, role: str, request_id: str):
    opened.login_as(role)
    window = RequestDetailDialog(opened.context, request_id)
    qtbot.addWidget(window)
    return window, window.open_decision()


def viewing_request(opened) -> str:
    """A disclosure asked to be viewed at the counter (not paper), registered now."""
    from counter_app.services import samples
    from counter_app.services.intake import register_intake

    # received now (a sample of "today" is taken at 10:00 JST, which is still in the future
    # between midnight and 10:00 in Japan and was refused as such)
    intake = samples.sample_self_intake(received_at=opened.context.now())
    intake = replace(intake, disclosure_method=DisclosureMethod.VIEWING, pages=0)
    intake = replace(intake, amount_received=samples._amount_for(intake, opened.context.today()))
    with opened.context.db.unit_of_work() as uow:
        result = register_intake(uow, opened.template.actors["staff"], intake)
        uow.commit()
    return result.request_id


def test_each_type_is_offered_only_its_own_grounds(opened, qtbot, dialogs):
    _window, decision = open_decision(opened, qtbot, "supervisor", opened.template.request_ids[1])
    assert set(decision.outcomes) == {"purpose_notice", "disclosure"}
    assert decision.grounds_offered("purpose_notice") == [g.value for g in PurposeNoticeGround]
    assert decision.grounds_offered("disclosure") == [g.value for g in RefusalGround]
    assert offered(decision.notice_ground) == [g.value for g in PurposeNoticeGround]
    notice = decision.outcomes["purpose_notice"]
    labels = {notice.itemData(i): notice.itemText(i) for i in range(1, notice.count())}
    assert labels == {"notified": "利用目的を通知", "refused": "利用目的を通知しない"}
    # both boxes are there, neither applies before a refusal
    assert decision.reason_form.isRowVisible(decision.ground_field)
    assert decision.reason_form.isRowVisible(decision.notice_ground_field)
    assert not decision.ground.isEnabled() and not decision.notice_ground.isEnabled()
    choose(notice, "refused")
    assert decision.notice_ground.isEnabled() and not decision.ground.isEnabled()
    choose(decision.outcomes["disclosure"], "disclosed_partial")
    assert decision.ground.isEnabled()
    choose(decision.outcomes["disclosure"], "disclosed_full")
    assert not decision.ground.isEnabled()


def test_a_request_without_a_purpose_notice_has_no_article_32_box(opened, qtbot, dialogs):
    _window, decision = open_decision(opened, qtbot, "supervisor", opened.template.request_ids[0])
    assert not decision.reason_form.isRowVisible(decision.notice_ground_field)
    assert decision.reason_form.isRowVisible(decision.ground_field)
    assert decision.grounds_offered("purpose_notice") == []
    # a correction request cites neither article
    _window, decision = open_decision(opened, qtbot, "supervisor", opened.template.request_ids[2])
    assert not decision.reason_form.isRowVisible(decision.notice_ground_field)
    assert not decision.reason_form.isRowVisible(decision.ground_field)
    assert decision.grounds_offered("correction") == []


def test_change_to_paper_is_hidden_when_paper_was_asked_for(opened, qtbot, dialogs):
    _window, decision = open_decision(opened, qtbot, "supervisor", opened.template.request_ids[0])
    combo = decision.outcomes["disclosure"]
    assert combo.findData(Outcome.METHOD_CHANGED_TO_PAPER.value) < 0
    assert combo.findData(Outcome.DISCLOSED_FULL.value) >= 0


def test_change_to_paper_needs_its_reason_said_in_the_dialog(opened, qtbot, dialogs):
    window, decision = open_decision(opened, qtbot, "supervisor", viewing_request(opened))
    combo = decision.outcomes["disclosure"]
    assert combo.findData(Outcome.METHOD_CHANGED_TO_PAPER.value) >= 0
    assert "(必須)" not in decision.explanation_label.text()
    choose(combo, Outcome.METHOD_CHANGED_TO_PAPER.value)
    assert decision.explanation_label.text().startswith(
        "書面に変更する理由 (法第33条第3項・第36条)"
    )
    assert "(必須)" in decision.explanation_label.text()
    decision.confirm_button.click()  # no reason: the service refuses, said in the dialog
    assert "書面に変更する理由" in decision.reason.text()
    assert window.detail.status == "received" and dialogs.errors == []
    assert combo.currentData() == Outcome.METHOD_CHANGED_TO_PAPER.value  # the choice is kept
    decision.explanation.setPlainText("閲覧の場所を用意できないため、書面でお渡しします。")
    decision.confirm_button.click()
    assert window.detail.status == "decided"
    assert "書面" in pdf_text(window.previews[-1].pdf_bytes)


def test_a_purpose_notice_refused_cites_article_32_2_on_its_letter(opened, qtbot, dialogs):
    window, decision = open_decision(opened, qtbot, "supervisor", opened.template.request_ids[1])
    choose(decision.outcomes["purpose_notice"], "refused")
    choose(decision.outcomes["disclosure"], "disclosed_full")
    explanation = "利用目的は当組合のホームページで公表しているためです。"
    decision.explanation.setPlainText(explanation)
    decision.confirm_button.click()  # no Art. 32(2) ground yet: refused in the dialog
    assert "第32条第2項" in decision.reason.text()
    assert decision.explanation.toPlainText() == explanation  # the text is kept
    assert window.detail.status == "received"

    assert decision.notice_ground_text.isHidden()  # no ground chosen: nothing written out
    choose(decision.notice_ground, PurposeNoticeGround.PURPOSE_EVIDENT.value)
    # the chosen ground's whole label is written out under its box (the box may cut it)
    assert decision.notice_ground_text.text() == PurposeNoticeGround.PURPOSE_EVIDENT.label
    assert not decision.notice_ground_text.isHidden()
    assert decision.ground_text.isHidden()  # the Art. 33(2) box is not in use
    sent = decision.decision()
    assert sent.purpose_notice_ground == "purpose_evident" and sent.ground is None
    previews = window.preview_decision(sent)
    texts = [pdf_text(p.pdf_bytes).replace(" ", "") for p in previews]
    notice_letter = [t for t in texts if "利用目的を通知しない" in t]
    assert len(notice_letter) == 1, texts
    assert "第32条第2項" in notice_letter[0] and "第33条第2項" not in notice_letter[0]
    assert window.detail.status == "received"  # a preview records nothing

    decision.confirm_button.click()
    assert window.detail.status == "decided"
    outcomes = {window.items.item(r, 0).text(): window.items.item(r, 2).text() for r in range(2)}
    assert outcomes["利用目的の通知"] == "利用目的を通知しない"
    decided = [
        window.timeline.item(r, 1).text()
        for r in range(window.timeline.rowCount())
        if window.timeline.item(r, 1).text().startswith("回答")
    ]
    assert decided and PurposeNoticeGround.PURPOSE_EVIDENT.label in decided[-1]
    printed = [pdf_text(p.pdf_bytes).replace(" ", "") for p in window.previews[-2:]]
    assert any("第32条第2項" in t for t in printed)
