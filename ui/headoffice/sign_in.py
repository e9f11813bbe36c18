"""The desk's sign-in: head office's server (verified with its CA) and a desk account."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from counter_app.headoffice.desk.accounts import DeskAccount, DeskServer, sign_in


class DeskSignIn(QDialog):
    """Asks for the server and the account; ``connection``/``account`` once signed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("本部 窓口デスク サインイン"))
        self.connection = None
        self.account: DeskAccount | None = None
        env = os.environ
        self.host = QLineEdit(env.get("COUNTER_APP_HQ_HOST", ""))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(env.get("COUNTER_APP_HQ_PORT", "5432")))
        self.dbname = QLineEdit(env.get("COUNTER_APP_HQ_DBNAME", "hq"))
        self.ca_file = QLineEdit(env.get("COUNTER_APP_HQ_CA", ""))
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("サーバー"), self.host)
        form.addRow(self.tr("ポート"), self.port)
        form.addRow(self.tr("データベース"), self.dbname)
        form.addRow(self.tr("認証局の証明書"), self.ca_file)
        form.addRow(self.tr("ログイン名(&U)"), self.login)
        form.addRow(self.tr("パスワード(&P)"), self.password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("サインイン"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_sign_in(self) -> None:
        server = DeskServer(
            self.host.text().strip(), self.port.value(), self.dbname.text().strip(),
            Path(self.ca_file.text().strip()),
        )  # fmt: skip
        try:
            self.connection, self.account = sign_in(
                server, self.login.text().strip(), self.password.text()
            )
        except CounterAppError as failure:
            self.password.clear()
            self.error.setText(failure.user_text())
            return
        self.password.clear()
        self.accept()
