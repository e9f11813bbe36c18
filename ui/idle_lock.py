"""The idle lock: after N minutes without input the counter's windows are hidden behind a
lock screen (people stand behind the customer), and only the person who was signed in can
unlock them with their password — or log out, for another staff member to sign in.

N comes from ``security.toml`` (``[session] idle_lock_minutes``, via
``counter_app.services.screen_lock``); unlocking goes through ``services.screen_lock.reauthenticate``
(audited, and wrong passwords count towards the lockout). Nothing typed is lost: the windows
are hidden, not closed, and come back as they were.

A modal question open at that moment (a reason being typed, a supervisor's approval, a
message) is not hidden: hiding a dialog ends its ``exec()`` as if キャンセル had been pressed,
and what was typed in it was gone. It stays open, its contents covered by an opaque sheet
(:class:`LockCover`), and the lock screen is application-modal on top of it, so it alone takes
input. After the unlock the sheet goes and the question is there as it was; logging out from
the lock screen closes such questions (キャンセル: nothing is recorded) before the login
window comes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import resize_to_fit

#: Events that count as "someone is using the program".
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
    }
)


class LockWindow(QWidget):
    """「画面をロックしました」: the signed-in person's password, or log out."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_window")
        self.setWindowTitle(self.tr("画面ロック"))
        title = QLabel(self.tr("しばらく操作がなかったため、画面をロックしました。"))
        title.setWordWrap(True)
        self.who = who = QLabel(
            # the line breaks after 「入力すると、」 (not inside 「戻ります」); a long name wraps
            self.tr("%1 さんのパスワードを入力すると、\n元の画面に戻ります。").replace(
                "%1", display_name
            )
        )
        who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton(self.tr("ロック解除"))
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton(self.tr("ログアウト (別の職員でログイン)"))
        self.logout_button.setObjectName("lock_logout_button")
        self.message = QLabel()
        self.message.setObjectName("lock_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        for widget in (title, who, self.password, self.unlock_button, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.logout_button)
        self.unlock_button.clicked.connect(self._unlock)
        self.password.returnPressed.connect(self._unlock)
        self.logout_button.clicked.connect(self.logout_requested)
        resize_to_fit(self, 460, 300)

    def _unlock(self) -> None:
        self.unlock_requested.emit(self.password.text())

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()


class LockCover(QWidget):
    """An opaque sheet over the whole of a dialog left open under the lock: nothing it shows
    can be read, nothing in it can be clicked. It follows the dialog's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lock_cover { background: #5a5a5a; }")
        label = QLabel(self.tr("画面ロック中"), self)
        label.setStyleSheet("color: #ffffff;")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(watched.rect())
            self.raise_()
        return False

    def remove(self) -> None:
        window = self.parent()
        if isinstance(window, QWidget):
            window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class IdleLock(QObject):
    """Watches the application's input; locks after ``minutes`` of quiet."""

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, context: Any, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lock_window: LockWindow | None = None
        self._hidden: list[QWidget] = []
        #: modal dialogs left open under the lock, and the sheet covering each
        self._covered: list[tuple[QWidget, LockCover]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.lock_window is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and not self.is_locked:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide every window of the program behind the lock screen (a modal question is
        covered instead: hiding it would cancel it)."""
        if self.is_locked or self.context.actor is None:
            return
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, LockWindow)
        ]
        self._covered = [(w, LockCover(w)) for w in shown if w.isModal()]
        self._hidden = [w for w in shown if not w.isModal()]
        for window in self._hidden:
            window.hide()
        self.lock_window = LockWindow(self.context.actor.display_name)
        # above any question left open, and the only window taking input
        self.lock_window.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.lock_window.unlock_requested.connect(self.try_unlock)
        self.lock_window.logout_requested.connect(self._logout)
        self.lock_window.show()
        self.lock_window.raise_()
        self.lock_window.activateWindow()
        self.lock_window.password.setFocus()
        self.locked.emit()

    def try_unlock(self, password: str) -> bool:
        from ui.error_text import user_text
        from ui.facade import session

        if self.lock_window is None:
            return True
        try:
            session.unlock(self.context, password)
        except Exception as exc:
            from counter_app.services.sign_in import LoginFailed

            if isinstance(exc, LoginFailed):  # its text speaks of a user name: none is asked here
                text = self.tr("パスワードが違います。入力を確認してください。")
            else:
                text = user_text(exc)
            self.lock_window.show_error(text)
            return False
        self._close_lock_window()
        for window in self._hidden:
            window.show()
        self._hidden = []
        for _window, cover in self._covered:
            cover.remove()
        self._covered = []
        self.timer.start()
        self.unlocked.emit()
        return True

    def _logout(self) -> None:
        """Another staff member takes over: close the questions left open (nothing of them
        is recorded), then log out once their loops have ended."""
        self._close_lock_window()
        self._hidden = []
        covered, self._covered = self._covered, []
        for window, cover in covered:
            cover.remove()
            if isinstance(window, QDialog):
                window.done(QDialog.DialogCode.Rejected)  # without "discard what was typed?"
            else:
                window.close()
        if covered:
            # the questions' exec() loops return first; the windows they belong to are
            # closed after that
            QTimer.singleShot(0, self.logout_requested.emit)
        else:
            self.logout_requested.emit()

    def _close_lock_window(self) -> None:
        if self.lock_window is not None:
            self.lock_window.close()
            self.lock_window.deleteLater()
            self.lock_window = None

    def stop(self) -> None:
        """Stop watching (logout, shutdown)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._close_lock_window()
