"""Request detail: lifecycle moves, decisions with the notice previewed then printed,
extension notice, reprint and void with a supervisor's approval on the staff's screen."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ui.detail.window import RequestDetailDialog
from ui.facade.request_actions import Decision


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def detail(opened, qtbot, dialogs):
    def make(role: str, index: int = 0) -> RequestDetailDialog:
        opened.login_as(role)
        window = RequestDetailDialog(opened.context, opened.template.request_ids[index])
        qtbot.addWidget(window)
        return window

    return make


def test_detail_shows_masked_requester_timeline_and_receipt(detail):
    window = detail("staff")
    d = window.detail
    assert d.number.startswith("R-BR01-")
    assert window.fields["requester"].text() == "山田 **"  # masked
    assert "花子" not in window.fields["requester"].text()
    assert window.items.rowCount() == 1
    assert window.items.item(0, 0).text() == "保有個人データの開示"
    assert window.items.item(0, 2).text() == "未回答"
    assert window.receipts.rowCount() == 1
    assert window.timeline.rowCount() >= 1
    assert "受付" in window.timeline.item(0, 1).text()
    assert window.timeline.item(0, 2).text() == "田中 窓口"
    assert "あと" in window.fields["target"].text()


def test_the_header_has_label_columns_and_room_after_each_colon(text_mode, detail, qtbot):
    window = detail("staff")
    window.show()
    qtbot.waitExposed(window)
    # an overdue text as long as it gets (English) arrives after the first layout
    window.fields["target"].setText("2026/11/19  7 day(s) overdue")
    qtbot.waitUntil(
        lambda: window.fields["target"].width() >= window.fields["target"].sizeHint().width()
    )
    em = window.fontMetrics().horizontalAdvance("\u3000")
    labels = window.header_labels
    for column in range(3):  # one label column each: the labels of a column end at one x
        rights = {
            labels[key].mapTo(window, labels[key].rect().topRight()).x()
            for key in list(labels)[column::3]
        }
        assert len(rights) == 1, rights
    keys = list(labels)
    for i, key in enumerate(keys):
        label, value = labels[key], window.fields[key]
        assert label.sizeHint().width() <= label.width(), label.text()  # no label is cut
        assert value.sizeHint().width() <= value.width(), value.text()  # nor any value
        label_right = label.mapTo(window, label.rect().topRight()).x()
        value_left = value.mapTo(window, value.rect().topLeft()).x()
        assert value_left - label_right >= em // 2, key  # the value does not touch the colon
        if i % 3 < 2:  # the next pair on the line starts well after this value
            next_left = labels[keys[i + 1]].mapTo(window, labels[keys[i + 1]].rect().topLeft()).x()
            value_right = value.mapTo(window, value.rect().topRight()).x()
            assert next_left - value_right >= em, (key, keys[i + 1])
    lefts = {labels[key].mapTo(window, labels[key].rect().topLeft()).x() for key in keys[1::3]}
    assert len(lefts) == 1  # the second pairs start at one x on every line


def test_start_work_moves_the_status(detail):
    window = detail("staff")
    assert window.start_button.isEnabled()
    assert window.start_work()
    assert window.detail.status == "in_progress"
    assert not window.start_button.isEnabled()
    assert any(
        "対応開始" in window.timeline.item(r, 1).text() for r in range(window.timeline.rowCount())
    )


def test_decision_needs_every_outcome_and_a_ground_for_a_refusal(detail, dialogs):
    window = detail("supervisor")
    decision = window.open_decision()
    assert not decision.confirm_button.isEnabled()
    assert "回答を選んでください" in decision.reason.text()
    combo = decision.outcomes["disclosure"]
    combo.setCurrentIndex(combo.findData("refused"))
    assert decision.confirm_button.isEnabled()
    decision.confirm_button.click()  # no ground: the service refuses, shown in the dialog
    assert "第33条第2項" in decision.reason.text()
    assert window.detail.status == "received"
    assert dialogs.errors == []


def test_the_decision_dialog_keeps_its_reason_rows_together(text_mode, detail, qtbot):
    """Large text used to scale the dialog's own size hint again: the extra height spread
    the 根拠 and 理由の説明 rows apart."""
    window = detail("supervisor")
    decision = window.open_decision()
    qtbot.waitExposed(decision)
    ground, explanation = decision.ground, decision.explanation
    gap = (
        explanation.mapTo(decision, explanation.rect().topLeft()).y()
        - ground.mapTo(decision, ground.rect().bottomLeft()).y()
    )
    assert 0 < gap <= decision.fontMetrics().lineSpacing(), gap
    lines = explanation.height() / explanation.fontMetrics().lineSpacing()
    assert lines >= 3.5  # room for four lines of the explanation in both sizes


def test_decision_preview_then_confirm_prints_the_notice(detail, dialogs, opened):
    window = detail("supervisor")
    decision = window.open_decision()
    combo = decision.outcomes["disclosure"]
    combo.setCurrentIndex(combo.findData("refused"))
    decision.ground.setCurrentIndex(decision.ground.findData("business_interference"))
    decision.explanation.setPlainText("業務の適正な実施に著しい支障を及ぼすおそれがあるためです。")
    previews = window.preview_decision(decision.decision())
    assert len(previews) == 1
    assert not previews[0].print_button.isEnabled()  # a preview before confirming
    text = pdf_text(previews[0].pdf_bytes)
    assert "山田 花子" in text and "第33条第2項" in text.replace(" ", "")
    assert window.detail.status == "received"  # the preview recorded nothing

    decision.confirm_button.click()
    assert window.detail.status == "decided"
    assert window.items.item(0, 2).text() == "不開示"
    notice = window.previews[-1]
    assert notice.allow_print and "通知書" in notice.windowTitle()
    assert "山田 花子" in pdf_text(notice.pdf_bytes)


def test_staff_decision_asks_a_supervisor_and_cancel_records_nothing(detail, dialogs):
    window = detail("staff")
    dialogs.approver = None  # the supervisor does not approve
    ok = window.decide(Decision(outcomes={"disclosure": "disclosed_full"}))
    assert not ok
    assert dialogs.approvals and dialogs.approvals[0][1] == "decide_request"
    assert window.detail.status == "received"


def test_staff_decision_with_a_supervisors_approval(detail, dialogs, opened):
    window = detail("staff")
    dialogs.approver = opened.template.actors["supervisor"]
    assert window.decide(Decision(outcomes={"disclosure": "disclosed_full"}))
    assert window.detail.status == "decided"
    decided = [
        window.timeline.item(r, 3).text()
        for r in range(window.timeline.rowCount())
        if window.timeline.item(r, 1).text() == "回答"
    ]
    assert decided == ["鈴木 責任者"]  # the approver is on the timeline


def test_extension_prints_its_notice_and_is_allowed_once(detail, dialogs):
    window = detail("supervisor")
    dialogs.text_answer = "開示する記録が多く、確認に時間を要するため"
    assert window.extend()
    assert window.detail.status == "extended"
    assert "延長後" in window.fields["target"].text()
    assert "延長" in pdf_text(window.previews[-1].pdf_bytes)
    assert not window.extend_button.isEnabled()
    assert not window.extend()  # the service refuses a second extension
    assert any("延長は1回まで" in e for e in dialogs.errors)


def test_an_empty_reason_is_refused_before_any_call(detail, dialogs):
    window = detail("staff")
    dialogs.text_answer = "   "
    assert not window.withdraw()
    assert dialogs.errors == ["取下げの理由を入力してください。"]
    assert window.detail.status == "received"


def test_withdraw(detail, dialogs):
    window = detail("staff")
    dialogs.text_answer = "ご本人から取下げの申し出"
    assert window.withdraw()
    assert window.detail.status == "withdrawn"
    assert not window.decide_button.isEnabled()


def test_reprint_is_marked_and_counted(detail, dialogs):
    window = detail("staff")
    assert window.receipts.item(0, 3).text() == "なし"
    preview = window.reprint_receipt()
    assert preview is not None
    assert "再発行" in pdf_text(preview.pdf_bytes)
    assert window.receipts.item(0, 3).text() == "1回"


def test_void_by_staff_needs_a_supervisor(detail, dialogs, opened):
    window = detail("staff")
    dialogs.text_answer = "金額の誤り"
    dialogs.approver = None
    assert window.void_receipt() is None
    assert dialogs.approvals[-1][1] == "void_receipt"
    assert window.receipts.rowCount() == 1  # nothing voided

    dialogs.approver = opened.template.actors["supervisor"]
    preview = window.void_receipt()
    assert preview is not None
    assert "取消" in pdf_text(preview.pdf_bytes)
    assert window.receipts.rowCount() == 2  # the original and its void record
    assert window.receipts.item(0, 2).text() == "取消済"
    assert window.receipts.item(1, 2).text() == "取消伝票"


def test_a_staff_member_cannot_approve_their_own_void(opened, qtbot):
    """The real approval dialog: a staff login is refused, the dialog stays open."""
    from ui.dialogs import SupervisorApprovalDialog

    opened.login_as("staff")
    dialog = SupervisorApprovalDialog(opened.context, "領収書の取消", None, "void_receipt")
    qtbot.addWidget(dialog)
    dialog.username.setText("tanaka")
    dialog.password.setText("staff-pass-1")
    dialog.try_approve()
    assert dialog.approver is None
    assert "本人以外" in dialog.message.text()
    dialog.username.setText("suzuki")
    dialog.password.setText("wrong")
    dialog.try_approve()
    assert "パスワードが違うか" in dialog.message.text()
    assert dialog.password.text() == ""
    dialog.password.setText("super-pass-1")
    dialog.try_approve()
    assert dialog.approver is not None and dialog.approver.username == "suzuki"


def test_the_approval_dialog_breaks_its_intro_between_sentences(opened, qtbot, text_mode):
    from ui.dialogs import SupervisorApprovalDialog

    opened.login_as("staff")
    dialog = SupervisorApprovalDialog(opened.context, "領収書の取消", None, "void_receipt")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    lines = dialog.intro.text().split("\n")
    assert len(lines) == 2 and all(line.endswith(("。", ".")) for line in lines), lines
    metrics = dialog.intro.fontMetrics()
    assert max(metrics.horizontalAdvance(line) for line in lines) <= dialog.intro.width()


def test_what_was_done_is_said_in_the_window(detail):
    window = detail("staff")
    assert window.start_work()
    assert window.done_label.text() == "対応を開始しました。"


def test_every_button_of_the_detail_has_its_own_mnemonic(detail, qtbot):
    """Alt+letter reaches each action of the window (issue 10 §4), one letter each."""
    from PySide6.QtWidgets import QPushButton

    from tests.ui.intake.counter_keys import mnemonic_of

    window = detail("supervisor")
    window.show()
    qtbot.waitExposed(window)
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    letters = [mnemonic_of(b.text()) for b in buttons]
    assert None not in letters, [b.text() for b in buttons if mnemonic_of(b.text()) is None]
    assert len(set(letters)) == len(letters), [b.text() for b in buttons]


def test_the_detail_fits_the_screen_and_scrolls(opened, qtbot, text_mode):
    """In every text mode the window is no larger than the screen (the large-text window
    was 1,072 px wide on a 1024 x 768 screen); what does not fit scrolls (issue 10 §4)."""
    opened.login_as("supervisor")
    window = RequestDetailDialog(opened.context, opened.template.request_ids[0])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    assert window.minimumSizeHint().width() <= screen.width()
