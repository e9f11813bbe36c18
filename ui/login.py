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
    QFrame,
    QGridLayout,
    QHBoxLayout,
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
#: The training band: yellow; the list's column headings in a lighter brown.
DEMO_BAND_STYLE = (
    "QFrame#demo_band { background: #fff3b0; border: 1px solid #c9a800; }"
    " QFrame#demo_band QLabel { color: #3d3000; background: transparent; border: none; }"
    " QFrame#demo_band QLabel#demo_column { color: #6b5a00; }"
)


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

        self.demo_band = QFrame()
        self.demo_band.setObjectName("demo_band")
        self.demo_band.setStyleSheet(DEMO_BAND_STYLE)
        self.demo_heading = QLabel()
        self.demo_heading.setObjectName("demo_heading")
        self.demo_heading.setWordWrap(True)
        bold = self.demo_heading.font()
        bold.setBold(True)
        self.demo_heading.setFont(bold)
        #: (user ID, role) label pairs of the demo logins, one row each under the headings
        self.demo_logins: list[tuple[QLabel, QLabel]] = []
        self.demo_grid = QGridLayout()
        self.demo_grid.setHorizontalSpacing(24)
        self.demo_grid.setVerticalSpacing(2)
        self.demo_grid.setContentsMargins(12, 0, 0, 0)
        self.demo_password = QLabel()
        self.demo_password.setObjectName("demo_password")
        grid_row = QHBoxLayout()  # the list stays compact at the left, however wide the band
        grid_row.setContentsMargins(0, 0, 0, 0)
        grid_row.addLayout(self.demo_grid)
        grid_row.addStretch(1)
        band = QVBoxLayout(self.demo_band)
        band.setContentsMargins(12, 8, 12, 8)
        band.setSpacing(6)
        band.addWidget(self.demo_heading)
        band.addLayout(grid_row)
        band.addWidget(self.demo_password)
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
        """Training mode: say so, and list the demo logins ((username, role value) pairs)
        under 「ユーザーID / 役割」, with the password they share."""
        from counter_app.security.roles import Role

        self.demo_heading.setText(self.tr("研修モード — 本番のデータには影響しません"))
        while self.demo_grid.count():
            item = self.demo_grid.takeAt(0)
            if item.widget() is not None:  # shown again after a logout: the old list goes
                item.widget().hide()
                item.widget().deleteLater()
        self.demo_logins = []
        for column, heading in enumerate((self.tr("ユーザーID"), self.tr("役割"))):
            label = QLabel(heading)
            label.setObjectName("demo_column")
            self.demo_grid.addWidget(label, 0, column)
        for row, (name, role) in enumerate(accounts, start=1):
            pair = (QLabel(name), QLabel(Role(role).label))
            pair[0].setObjectName("demo_username")
            for column, label in enumerate(pair):
                self.demo_grid.addWidget(label, row, column)
            self.demo_logins.append(pair)
        self.demo_password.setText(self.tr("パスワード (全員共通): %1").replace("%1", password))
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
