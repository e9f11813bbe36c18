"""The login window: user ID and password, the reason of every refusal shown in the window.

It is the first thing on screen, shown before the services are loaded: the 「ログイン」 button
works as soon as the window is up (a login pressed early waits for the database). In training
mode a yellow band says so and shows the demo login.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import resize_to_fit

#: Centred text, set through the style sheet: touching ``PySide6.QtCore.Qt`` builds its 100+
#: Python enums (~80 ms), which the first window of the program does not need to pay for.
CENTERED = "qproperty-alignment: AlignCenter;"


class LoginWindow(QWidget):
    """Asks for user ID + password; emits ``login_requested(username, password)``."""

    login_requested = Signal(str, str)

    def __init__(self, context: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("login_window")
        self.setWindowTitle(self.tr("ログイン"))

        self.title = QLabel(self.tr("個人情報開示等請求 窓口受付"))
        self.title.setObjectName("login_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setStyleSheet(CENTERED)

        self.branch = QLabel()
        self.branch.setObjectName("login_branch")
        self.branch.setStyleSheet(CENTERED)

        self.demo_band = QLabel()
        self.demo_band.setObjectName("demo_band")
        self.demo_band.setWordWrap(True)
        self.demo_band.setStyleSheet(
            "background: #fff3b0; color: #3d3000; border: 1px solid #c9a800; padding: 8px;"
            " qproperty-alignment: AlignCenter;"
        )
        self.demo_band.hide()

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        user_label = QLabel(self.tr("ユーザーID(&U)"))
        user_label.setBuddy(self.username)
        password_label = QLabel(self.tr("パスワード(&P)"))
        password_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(password_label, self.password)

        self.login_button = QPushButton(self.tr("ログイン"))
        self.login_button.setObjectName("login_button")
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)

        self.message = QLabel()
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.branch)
        layout.addWidget(self.demo_band)
        layout.addLayout(form)
        layout.addWidget(self.login_button)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.login_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.login_button)
        resize_to_fit(self, 460, 360)
        self.set_ready(False)

    def set_ready(self, ready: bool, branch_name: str | None = None) -> None:
        """Say whether the database is open; the button works either way."""
        if branch_name:
            self.branch.setText(branch_name)
        if ready:
            if not self.message.property("error"):
                self.message.clear()
        else:
            self._show(self.tr("準備しています…"), error=False)

    def show_demo_login(self, accounts: list[tuple[str, str]], password: str) -> None:
        """Training mode: say so, and show the demo logins ((username, role value) pairs)."""
        from counter_app.security.roles import Role

        logins = "\n".join(
            self.tr("%1 (%2)").replace("%1", name).replace("%2", Role(role).label)
            for name, role in accounts
        )
        self.demo_band.setText(
            self.tr("研修モードです。練習用のデータで、本番のデータには影響しません。")
            + "\n"
            + self.tr("ユーザーID:")
            + "\n"
            + logins
            + "\n"
            + self.tr("パスワード (共通): %1").replace("%1", password)
        )
        self.demo_band.show()
        self.username.setText(accounts[0][0])

    def show_error(self, text: str) -> None:
        self._show(text, error=True)
        self.password.clear()
        self.password.setFocus()

    def _show(self, text: str, *, error: bool) -> None:
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #555555;")
        self.message.setText(text)

    def reset(self) -> None:
        """Back to an empty password (after a logout)."""
        self.password.clear()
        if self.context is None or not getattr(self.context, "training", False):
            self.username.clear()
        self.message.setProperty("error", False)
        self.message.clear()
        (self.password if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.show_error(self.tr("ユーザーIDを入力してください。"))
            self.username.setFocus()
            return
        if not self.password.text():
            self.show_error(self.tr("パスワードを入力してください。"))
            return
        self._show(self.tr("確認しています…"), error=False)
        self.login_requested.emit(username, self.password.text())
