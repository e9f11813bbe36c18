"""Idle lock: the windows hide behind the lock screen after the quiet period; only the
signed-in person's password brings them back (as they were); logging out is the other way."""

from __future__ import annotations

import pytest

from ui.session import Session


@pytest.fixture
def signed_in(opened, qtbot, dialogs):
    s = Session(opened.context, data_dir=str(opened.folder))
    s.start(background=False)
    qtbot.addWidget(s.login_window)
    assert s.try_login("tanaka", "staff-pass-1")
    yield s
    s.shutdown()
    if s.main_window is not None:
        s.main_window.close()


def test_the_configured_idle_minutes_are_used(signed_in):
    from counter_app.security.sessions import idle_lock_minutes

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
