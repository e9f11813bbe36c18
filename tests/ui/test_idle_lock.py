"""Idle lock: the windows hide behind the lock screen after the quiet period; only the
signed-in person's password brings them back (as they were); logging out is the other way."""

from __future__ import annotations

import pytest

from ui.session import Session


@pytest.fixture
def signed_in(opened, qtbot):
    """Signed in as 田中 窓口 (staff), with the real dialogs (no answer is scripted)."""
    s = Session(opened.context, data_dir=str(opened.folder))
    s.start(background=False)
    qtbot.addWidget(s.login_window)
    assert s.try_login("tanaka", "staff-pass-1")
    yield s
    s.shutdown()
    if s.main_window is not None:
        s.main_window.close()


def test_the_configured_idle_minutes_are_used(signed_in):
    from counter_app.services.screen_lock import idle_lock_minutes

    assert signed_in.idle_lock.timer.interval() == idle_lock_minutes() * 60_000


def test_quiet_locks_and_the_same_password_unlocks(signed_in, qtbot):
    signed_in.start_idle_lock(minutes=0.001)  # 60 ms
    main = signed_in.main_window
    main.search.setText("山田")  # something typed: it must come back
    qtbot.waitUntil(lambda: signed_in.idle_lock.is_locked, timeout=5000)
    lock = signed_in.idle_lock.lock_window
    assert lock.isVisible() and not main.isVisible()
    assert "田中 窓口" in lock.who.text()

    lock.password.setText("wrong-password")
    lock.unlock_button.click()
    assert signed_in.idle_lock.is_locked
    assert "パスワードが違います" in lock.message.text()
    assert "ユーザーID" not in lock.message.text()  # only the password is asked here
    assert not main.isVisible()

    lock.password.setText("staff-pass-1")
    lock.unlock_button.click()
    assert not signed_in.idle_lock.is_locked
    assert main.isVisible()
    assert main.search.text() == "山田"


def test_logging_out_from_the_lock_screen(signed_in, qtbot, opened):
    signed_in.start_idle_lock(minutes=0.001)
    qtbot.waitUntil(lambda: signed_in.idle_lock.is_locked, timeout=5000)
    signed_in.idle_lock.lock_window.logout_button.click()
    assert opened.context.actor is None
    assert signed_in.main_window is None
    assert signed_in.login_window.isVisible()


def test_input_postpones_the_lock(signed_in, qtbot):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    signed_in.start_idle_lock(minutes=60)
    timer = signed_in.idle_lock.timer
    timer.stop()
    QApplication.sendEvent(
        signed_in.main_window.search,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert timer.isActive()  # the key press restarted the countdown


# -- what is open when the lock comes ---------------------------------------------------------
def covered(dialog, edit) -> bool:
    """Nothing of ``edit`` (what was typed) can be seen or reached in ``dialog``."""
    from PySide6.QtCore import QPoint

    centre = edit.mapTo(dialog, QPoint(edit.width() // 2, edit.height() // 2))
    under = dialog.childAt(centre)
    return under is not None and under is not edit and not edit.isAncestorOf(under)


@pytest.fixture
def staff_detail(signed_in, opened, qtbot):
    from ui.detail.window import RequestDetailDialog

    window = RequestDetailDialog(opened.context, opened.template.request_ids[0])
    qtbot.addWidget(window)
    window.show()
    signed_in.start_idle_lock(minutes=60)  # locked by hand: lock() below
    return window


def test_a_question_open_when_the_lock_comes_keeps_its_text(signed_in, staff_detail):
    """The lock used to hide every window: a modal question's loop ended with 「キャンセル」
    and the withdrawal reason typed in it was gone. It stays open under the lock screen,
    covered, and is there as it was after the unlock."""
    from tests.ui.modals import ModalScript, press_ok, text_entry, type_into, typed

    lock = signed_in.idle_lock
    reason = "ご本人から電話で取下げの申し出 (担当: 田中)"
    seen = {}

    def type_then_lock(dialog):
        seen["dialog"] = dialog
        type_into(dialog, reason)
        lock.lock()
        assert lock.is_locked
        assert dialog.isVisible()  # still open: its loop goes on
        assert covered(dialog, text_entry(dialog))  # but nothing of it can be read
        assert not signed_in.main_window.isVisible() and not staff_detail.isVisible()

    def unlock(window):
        assert window is lock.lock_window  # the lock screen is the one taking input
        window.password.setText("staff-pass-1")
        window.unlock_button.click()

    def after_unlock(dialog):
        assert dialog is seen["dialog"]
        assert typed(dialog) == reason and not covered(dialog, text_entry(dialog))
        assert staff_detail.isVisible()
        press_ok(dialog)

    steps = [type_then_lock, unlock, after_unlock]
    assert ModalScript(steps).run(staff_detail.withdraw)
    assert staff_detail.detail.status == "withdrawn"


def test_a_supervisors_approval_open_when_the_lock_comes_is_kept(signed_in, staff_detail):
    from PySide6.QtWidgets import QWidget

    from tests.ui.modals import ModalScript, press_ok

    lock = signed_in.idle_lock
    decision = staff_detail.open_decision()
    combo = decision.outcomes["disclosure"]
    combo.setCurrentIndex(combo.findData("disclosed_full"))

    def name_then_lock(dialog):
        dialog.findChild(QWidget, "approver_username").setText("suzuki")
        lock.lock()
        assert dialog.isVisible() and not decision.isVisible()

    def unlock(window):
        window.password.setText("staff-pass-1")
        window.unlock_button.click()

    def approve(dialog):
        assert dialog.findChild(QWidget, "approver_username").text() == "suzuki"
        dialog.findChild(QWidget, "approver_password").setText("super-pass-1")
        press_ok(dialog)

    ModalScript([name_then_lock, unlock, approve]).run(decision.confirm_button.click)
    assert staff_detail.detail.status == "decided"


def test_the_decision_dialog_comes_back_with_its_explanation(signed_in, staff_detail, qtbot):
    explanation = "開示の請求のあった記録のうち、第三者の情報を含む部分を除いて開示します。" * 5
    decision = staff_detail.open_decision()
    combo = decision.outcomes["disclosure"]
    combo.setCurrentIndex(combo.findData("disclosed_partial"))
    decision.explanation.setPlainText(explanation)
    signed_in.idle_lock.lock()
    assert not decision.isVisible()
    lock = signed_in.idle_lock.lock_window
    lock.password.setText("staff-pass-1")
    lock.unlock_button.click()
    assert decision.isVisible()
    assert decision.explanation.toPlainText() == explanation
    assert combo.currentData() == "disclosed_partial"


def test_logging_out_from_the_lock_closes_an_open_question(signed_in, staff_detail, opened, qtbot):
    """Another staff member takes over: the question under the lock is closed (nothing is
    recorded), and the login window is the one that takes input."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.modals import ModalScript, type_into

    lock = signed_in.idle_lock

    def type_then_lock(dialog):
        type_into(dialog, "途中まで入力した理由")
        lock.lock()

    def log_out(window):
        window.logout_button.click()

    assert not ModalScript([type_then_lock, log_out]).run(staff_detail.withdraw)
    assert QApplication.activeModalWidget() is None
    qtbot.waitUntil(lambda: opened.context.actor is None)  # once the question's loop ended
    assert staff_detail.detail.status == "received"
    assert signed_in.login_window.isVisible()
