"""Reasons typed in a question dialog (期限延長, 取下げ, 領収書の取消, 氏名・電話の表示) and a
password reset: every refusal of the services is shown in the dialog, which stays open with
what was typed; cancelling a supervisor's approval or a confirmation goes back to it too.

Real dialogs in their modal loops (``tests/ui/modals.py``), nothing of ``Dialogs`` replaced:
the question dialog used to be a ``QInputDialog`` that closed on OK, so a refused reason (a
個人番号 in it, too long...) was gone and the message came in a box of its own.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.modals import ModalScript, press_ok, type_into, typed
from ui.detail.window import RequestDetailDialog
from ui.main_window import MainWindow

#: What the services refuse in a free-text reason, and a word of what they say about it.
BAD_REASONS = [
    ("   ", "入力してください"),
    ("あ" * 2001, "長すぎます"),
    ("ご本人の申し出\x07による", "制御文字"),
    ("通知カード 1234-5678-9018 の提示あり", "個人番号"),
]


def shown_text(dialog: QWidget) -> str:
    """Every text the dialog shows in its labels."""
    return " ".join(
        label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)
    )


def is_japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


def refusals_then(good: str, *after) -> list:
    """Steps: every bad reason in turn (each refused in the same dialog, the text kept), then
    ``good`` and OK, then the steps ``after``."""
    seen: dict[str, QWidget] = {}

    def first(dialog: QWidget) -> None:
        seen["dialog"] = dialog
        type_into(dialog, BAD_REASONS[0][0])
        press_ok(dialog)

    def check(index: int):
        def step(dialog: QWidget) -> None:
            bad, word = BAD_REASONS[index]
            assert dialog is seen["dialog"], f"the dialog closed on {word}: {shown_text(dialog)}"
            assert dialog.isVisible()
            assert typed(dialog) == bad  # nothing typed is lost
            message = shown_text(dialog)
            assert word in message and is_japanese(message), message
            if index + 1 < len(BAD_REASONS):
                type_into(dialog, BAD_REASONS[index + 1][0])
            else:
                type_into(dialog, good)
            press_ok(dialog)

        return step

    return [first, *(check(i) for i in range(len(BAD_REASONS))), *after]


@pytest.fixture
def detail_of(opened, qtbot):
    def make(role: str) -> RequestDetailDialog:
        opened.login_as(role)
        window = RequestDetailDialog(opened.context, opened.template.request_ids[0])
        qtbot.addWidget(window)
        return window

    return make


def test_extension_reason_refusals_stay_in_the_dialog(detail_of):
    window = detail_of("supervisor")
    steps = refusals_then("開示する記録が多く、確認に時間を要するため")
    assert ModalScript(steps).run(window.extend)
    assert window.detail.status == "extended"


def test_withdrawal_reason_refusals_stay_in_the_dialog(detail_of):
    window = detail_of("staff")
    assert ModalScript(refusals_then("ご本人から取下げの申し出")).run(window.withdraw)
    assert window.detail.status == "withdrawn"


def test_void_reason_refusals_stay_in_the_dialog(detail_of):
    window = detail_of("supervisor")
    assert ModalScript(refusals_then("金額の誤り")).run(window.void_receipt) is not None
    assert window.receipts.rowCount() == 2


def test_reveal_reason_refusals_stay_in_the_dialog(opened, qtbot):
    opened.login_as("supervisor")
    window = MainWindow(opened.context)
    qtbot.addWidget(window)
    window.select_request(opened.template.request_ids[0])
    assert ModalScript(refusals_then("ご本人からの電話で確認")).run(window.reveal_selected)
    assert window.selected_row().revealed


def test_a_cancelled_approval_goes_back_to_the_reason(detail_of):
    """A staff member's void: the supervisor cancels, the reason is still there; the
    supervisor approves, it is recorded. A cancelled question records nothing."""
    window = detail_of("staff")
    reason = "金額の誤り (お釣りの渡し間違い)"
    seen: dict[str, QWidget] = {}

    def type_reason(dialog):
        seen["reason"] = dialog
        type_into(dialog, reason)
        press_ok(dialog)

    def cancel_approval(dialog):
        assert dialog is not seen["reason"]  # the supervisor's approval, on top
        dialog.reject()

    def reason_kept(dialog):
        assert dialog is seen["reason"] and typed(dialog) == reason
        assert "承認" in shown_text(dialog)  # says why nothing was recorded
        press_ok(dialog)

    def approve(dialog):
        dialog.findChild(QWidget, "approver_username").setText("suzuki")
        dialog.findChild(QWidget, "approver_password").setText("super-pass-1")
        press_ok(dialog)

    steps = [type_reason, cancel_approval, reason_kept, approve]
    assert ModalScript(steps).run(window.void_receipt) is not None
    assert window.receipts.item(0, 2).text() == "取消済"

    def type_withdrawal(dialog):
        seen["reason"] = dialog
        type_into(dialog, "ご本人の申し出")
        dialog.reject()  # キャンセル: asks first, as something was typed

    def discard(dialog):
        assert dialog is not seen["reason"] and "破棄" in shown_text(dialog)
        press_ok(dialog)  # 「破棄して閉じる」: nothing is recorded

    assert not ModalScript([type_withdrawal, discard]).run(window.withdraw)
    assert window.detail.status == "received"


def test_a_refused_password_reset_stays_in_its_dialog(opened, qtbot):
    """The new password is typed twice, hidden; the policy's refusal and a mismatch are
    said in the dialog, and what was typed stays."""
    from ui.admin import AdminWindow
    from ui.facade import session

    opened.login_as("admin")
    window = AdminWindow(opened.context)
    qtbot.addWidget(window)
    staff = window.staff_tab
    row = [staff.table.item(r, 0).text() for r in range(staff.table.rowCount())].index("tanaka")
    staff.table.selectRow(row)
    seen: dict[str, QWidget] = {}

    def boxes(dialog):
        from PySide6.QtWidgets import QLineEdit

        return [e for e in dialog.findChildren(QLineEdit) if e.isVisibleTo(dialog)]

    def weak(dialog):
        seen["dialog"] = dialog
        for box in boxes(dialog):
            box.setText("short")
        press_ok(dialog)

    def mismatch(dialog):
        assert dialog is seen["dialog"]
        assert [b.text() for b in boxes(dialog)] == ["short", "short"]
        assert "8文字以上" in shown_text(dialog)
        first, second = boxes(dialog)
        first.setText("new-pass-123")
        second.setText("new-pass-124")
        press_ok(dialog)

    def good(dialog):
        assert dialog is seen["dialog"]
        assert "一致しません" in shown_text(dialog)
        assert boxes(dialog)[0].text() == "new-pass-123"  # the first one is kept
        boxes(dialog)[1].setText("new-pass-123")
        press_ok(dialog)

    assert ModalScript([weak, mismatch, good]).run(staff.reset_password)
    assert session.login(opened.context, "tanaka", "new-pass-123").username == "tanaka"
