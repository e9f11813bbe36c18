"""パスワード変更: a staff member (any role) changes their own password.

The current password, the new one and the new one again, all hidden. OK hands them to the
services while the dialog is open (``counter_app.services.sign_in.change_own_password``): a
refusal — a wrong current password (it counts towards the lockout like a failed login), a
locked account, a new password the policy refuses or the same as the current one — is said
in red in the dialog. As elsewhere, a password box the refusal is about is emptied (a
mismatch empties the second new box, a wrong current password the current box, a refused
new password both new boxes); the other boxes keep what was typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import resize_to_fit


class OwnPasswordDialog(QDialog):
    """Current / new / new again; closes once the services have changed the password."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("own_password_dialog")
        self.setWindowTitle(self.tr("パスワード変更"))
        actor = context.actor
        intro = QLabel(
            self.tr("%1 さんのパスワードを変更します。").replace(
                "%1", actor.display_name if actor is not None else ""
            )
        )
        intro.setWordWrap(True)
        self.current = QLineEdit()
        self.current.setObjectName("current_password")
        self.password = QLineEdit()
        self.password.setObjectName("new_password")
        self.again = QLineEdit()
        self.again.setObjectName("new_password_again")
        for edit in (self.current, self.password, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.try_submit)
        form = QFormLayout()
        form.addRow(self.tr("現在のパスワード(&C)"), self.current)
        form.addRow(self.tr("新しいパスワード(&N)"), self.password)
        form.addRow(self.tr("新しいパスワード (もう一度)(&A)"), self.again)
        self.message = QLabel()
        self.message.setObjectName("answer_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("変更する"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 480, 0)

    def _refuse(self, text: str, *clear: QLineEdit) -> bool:
        for edit in clear:
            edit.clear()
        self.message.setText(text)
        focus = next((e for e in (self.current, self.password, self.again) if not e.text()), None)
        (focus or self.password).setFocus()
        return False

    def try_submit(self) -> bool:
        """Check the boxes, then hand them to the services; close when the password is
        changed, else say why and stay."""
        from counter_app.security.lockout import AccountLocked
        from counter_app.services.own_password import WrongCurrentPassword
        from ui.error_text import user_text
        from ui.facade import session

        if not self.current.text():
            return self._refuse(self.tr("現在のパスワードを入力してください。"))
        if not self.password.text():
            return self._refuse(self.tr("新しいパスワードを入力してください。"))
        if self.password.text() != self.again.text():
            return self._refuse(
                self.tr("確認のために入力したパスワードが一致しません。もう一度入力してください。"),
                self.again,
            )
        try:
            session.change_own_password(self.context, self.current.text(), self.password.text())
        except (WrongCurrentPassword, AccountLocked) as exc:
            return self._refuse(user_text(exc), self.current)
        except Exception as exc:
            return self._refuse(user_text(exc), self.password, self.again)
        self.message.clear()
        self.accept()
        return True


def change_own_password(context: Any, parent: QWidget | None = None) -> bool:
    """Ask and change; True once changed, False if cancelled."""
    dialog = OwnPasswordDialog(context, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


__all__ = ["OwnPasswordDialog", "change_own_password"]
