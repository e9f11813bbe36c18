"""Every modal question or message the counter program asks, behind replaceable classmethods.

Windows never call ``QMessageBox`` directly: they call ``Dialogs.error(parent, text)``,
``Dialogs.confirm(parent, text)``... Tests replace these classmethods (``monkeypatch.setattr``)
so that no modal loop ever blocks a test, and can check what the user would have been told.

``Dialogs.supervisor_approval(parent, ctx)`` lets a supervisor approve an action on the staff
member's screen with their own username and password: it authenticates them through
``counter_app.services.approval`` and returns the approving staff member (or ``None`` if
cancelled). Whether that person may approve is decided by the service that receives the
approver, never here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.error_text import user_text
from ui.screen_fit import resize_to_fit

log = logging.getLogger(__name__)


class SupervisorApprovalDialog(QDialog):
    """Username + password of the approving supervisor; the error is shown in the dialog."""

    def __init__(
        self,
        context: Any,
        purpose: str = "",
        parent: QWidget | None = None,
        permission: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.permission = permission
        self.approver: Any = None
        self.setWindowTitle(self.tr("責任者の承認"))
        layout = QVBoxLayout(self)
        # A sentence a line (wrapping at the edge split 「くださ/い。」); the dialog is as wide
        # as the longer one.
        self.intro = intro = QLabel(
            self.tr(
                "この操作には責任者の承認が必要です。\n"
                "責任者が自分のIDとパスワードを入力してください。"
            )
        )
        intro.setObjectName("approval_intro")
        layout.addWidget(intro)
        if purpose:
            what = QLabel(self.tr("承認する操作: %1").replace("%1", purpose))
            what.setWordWrap(True)
            layout.addWidget(what)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("approver_username")
        self.password = QLineEdit()
        self.password.setObjectName("approver_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("責任者ID(&U)"), self.username)
        form.addRow(self.tr("パスワード(&P)"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("approval_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("承認"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        buttons.accepted.connect(self.try_approve)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_to_fit(self, 420, self.sizeHint().height())

    def try_approve(self) -> None:
        """Authenticate the supervisor; stay open with the reason if that fails."""
        from ui.facade.session import authenticate

        try:
            self.approver = authenticate(
                self.context, self.username.text().strip(), self.password.text(), self.permission
            )
        except Exception as exc:
            self.message.setText(user_text(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def may_discard(parent: QWidget | None) -> bool:
    """Ask before a window closes with what was typed and not recorded (Esc, the close box,
    閉じる / キャンセル): True to close anyway, False to go back to it."""
    return Dialogs.confirm(
        parent,
        QCoreApplication.translate(
            "Dialogs", "入力した内容はまだ記録されていません。破棄して閉じますか?"
        ),
        yes=QCoreApplication.translate("Dialogs", "破棄して閉じる"),
        no=QCoreApplication.translate("Dialogs", "入力に戻る"),
    )


class Dialogs:
    """Modal dialogs. Replace a classmethod in tests to answer without a modal loop."""

    @classmethod
    def error(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("Dialogs", "エラー"), text)

    @classmethod
    def failure(cls, parent: QWidget | None, exc: BaseException) -> None:
        """Show what went wrong (a Japanese message; a bug is logged, never shown raw)."""
        cls.error(parent, user_text(exc))

    @classmethod
    def info(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.information(parent, QCoreApplication.translate("Dialogs", "お知らせ"), text)

    @classmethod
    def confirm(
        cls,
        parent: QWidget | None,
        text: str,
        *,
        yes: str | None = None,
        no: str | None = None,
        default_yes: bool = False,
    ) -> bool:
        """Yes (True) or no. Enter and Esc answer the safe choice: no, unless
        ``default_yes`` (a question whose "no" would throw work away)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("Dialogs", "確認"),
            text,
            parent=parent,
        )
        yes_button = box.addButton(
            yes or QCoreApplication.translate("Dialogs", "はい"), QMessageBox.ButtonRole.YesRole
        )
        no_button = box.addButton(
            no or QCoreApplication.translate("Dialogs", "いいえ"), QMessageBox.ButtonRole.NoRole
        )
        safe = yes_button if default_yes else no_button
        box.setDefaultButton(safe)
        box.setEscapeButton(safe)
        box.exec()
        return box.clickedButton() is yes_button

    @classmethod
    def ask_reason(
        cls,
        parent: QWidget | None,
        title: str,
        label: str,
        submit: Callable[[str], str | None],
        *,
        empty: str,
        limit: int | None = None,
        multiline: bool = False,
        ok_text: str | None = None,
    ) -> bool:
        """Ask a reason and hand it to ``submit`` while the question is open: a refusal is
        shown in it and the reason stays (``ui.answer_dialogs``). True once ``submit`` is
        done; False if cancelled."""
        from ui.answer_dialogs import TextAnswerDialog

        dialog = TextAnswerDialog(
            title,
            label,
            submit,
            ask_discard=may_discard,
            empty=empty,
            limit=limit,
            multiline=multiline,
            ok_text=ok_text,
            parent=parent,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    @classmethod
    def ask_new_password(
        cls, parent: QWidget | None, title: str, label: str, submit: Callable[[str], str | None]
    ) -> bool:
        """A new password typed twice, hidden, handed to ``submit`` while the question is
        open (the policy's refusal is shown in it). True once set; False if cancelled."""
        from ui.answer_dialogs import NewPasswordDialog

        dialog = NewPasswordDialog(title, label, submit, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    @classmethod
    def ask_integer(
        cls, parent: QWidget | None, title: str, label: str, value: int = 0
    ) -> int | None:
        """A non-negative whole number (a cash count in yen...); ``None`` if cancelled."""
        number, ok = QInputDialog.getInt(parent, title, label, value, 0, 100_000_000, 1)
        return number if ok else None

    @classmethod
    def save_file_name(cls, parent: QWidget | None, title: str, suggested: str) -> str | None:
        """Where to save a PDF; ``None`` if cancelled."""
        name, _ = QFileDialog.getSaveFileName(
            parent, title, suggested, QCoreApplication.translate("Dialogs", "PDF (*.pdf)")
        )
        return name or None

    @classmethod
    def print_setup(
        cls, parent: QWidget | None, printer_name: str | None
    ) -> tuple[str, int] | None:
        """The system's print dialog (QPrintDialog) preset to ``printer_name``: the printer
        and the number of copies chosen, or ``None`` if cancelled. The caller still checks
        that the printer exists (Qt falls back to the default one silently)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if printer_name:
            info = QPrinterInfo.printerInfo(printer_name)
            if not info.isNull():
                printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer.printerName(), printer.copyCount()

    @classmethod
    def supervisor_approval(
        cls, parent: QWidget | None, ctx: Any, purpose: str = "", permission: str | None = None
    ) -> Any | None:
        """The approving supervisor (authenticated), or ``None`` if cancelled.

        ``permission`` (a ``counter_app.security.roles.Permission`` value such as
        ``"void_receipt"``) is what is approved; without it any supervisor may approve.
        """
        dialog = SupervisorApprovalDialog(ctx, purpose, parent, permission)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.approver
        return None
