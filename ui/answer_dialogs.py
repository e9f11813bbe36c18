"""Questions whose answer is tried while the dialog is still open: a reason, a new password.

A ``QInputDialog`` closes on OK: when the service then refused the answer (a 個人番号 in a
reason, a reason too long, a password the policy refuses) the text was gone and the message
came in a box of its own. Here OK hands the answer to ``submit``; the dialog closes only when
``submit`` succeeds. A refusal — an exception of the services (its Japanese message), or a
text ``submit`` returns (a supervisor who did not approve, a confirmation answered no) — is
shown in the dialog, above its buttons, and the answer stays as typed.

``submit(answer)`` returns ``None`` once it is done, or the text to show (``""``: nothing to
say, stay open); it may raise. Windows reach these through ``ui.dialogs.Dialogs``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.error_text import user_text
from ui.length_counter import LengthCounter
from ui.screen_fit import resize_to_fit, text_scale

Submit = Callable[[str], "str | None"]


class AnswerDialog(QDialog):
    """The shared part: a message line in red, OK / キャンセル, OK tries ``submit``."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setObjectName("answer_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def answer(self) -> str:
        raise NotImplementedError

    def precheck(self) -> str | None:
        """A problem the dialog itself sees (an empty answer...), or ``None``."""
        return None

    def try_submit(self) -> bool:
        """Hand the answer to ``submit``; close when it is done, else say why and stay."""
        problem = self.precheck()
        if problem is None:
            try:
                problem = self.submit(self.answer())
            except Exception as exc:
                problem = user_text(exc)
        if problem is None:
            self.message.clear()
            self.accept()
            return True
        self.show_problem(problem)
        return False

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.focus_answer()

    def focus_answer(self) -> None:
        raise NotImplementedError


class TextAnswerDialog(AnswerDialog):
    """A reason: one line, or a few (``multiline``: printed on a letter), with the length
    against ``limit`` shown while typing; ``ok_text`` names what OK does (「取下げを記録」). The answer is the text without leading and
    trailing spaces; an empty one is refused here with ``empty``."""

    def __init__(
        self,
        title: str,
        label: str,
        submit: Submit,
        *,
        ask_discard: Callable[[QWidget], bool],
        empty: str,
        limit: int | None = None,
        multiline: bool = False,
        ok_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, submit, parent)
        self.setObjectName("text_answer_dialog")
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.empty = empty
        self.ask_discard = ask_discard
        question = QLabel(label)
        question.setObjectName("answer_question")
        question.setWordWrap(True)
        self.edit: QLineEdit | QPlainTextEdit
        if multiline:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(round(70 * text_scale()))  # three lines
        else:
            self.edit = QLineEdit()
            self.edit.returnPressed.connect(self.try_submit)
        self.edit.setObjectName("answer_text")
        question.setBuddy(self.edit)
        self.counter = LengthCounter(self.edit, limit)
        self.layout_.addWidget(question)
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(self.counter)
        self.finish_layout()
        resize_to_fit(self, 560, 0)  # a service's two-sentence refusal in two lines

    def text(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def set_text(self, text: str) -> None:
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)

    def answer(self) -> str:
        return self.text().strip()

    def reject(self) -> None:
        """キャンセル, Esc or the close box: a reason typed is not dropped without asking.
        (The idle lock's logout closes with ``done()``, without asking.)"""
        if self.answer() and not self.ask_discard(self):
            self.focus_answer()
            return
        super().reject()

    def precheck(self) -> str | None:
        return self.empty if not self.answer() else None

    def focus_answer(self) -> None:
        self.edit.setFocus()


class NewPasswordDialog(AnswerDialog):
    """A new password typed twice, hidden. A mismatch is said here (the second box is
    emptied: it is the one to type again); the policy is the service's."""

    def __init__(
        self, title: str, label: str, submit: Submit, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, submit, parent)
        self.setObjectName("new_password_dialog")
        question = QLabel(label)
        question.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("new_password")
        self.again = QLineEdit()
        self.again.setObjectName("new_password_again")
        for edit in (self.password, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.try_submit)
        form = QFormLayout()
        form.addRow(self.tr("新しいパスワード(&N)"), self.password)
        form.addRow(self.tr("もう一度(&A)"), self.again)
        self.layout_.addWidget(question)
        self.layout_.addLayout(form)
        self.finish_layout()
        resize_to_fit(self, 440, 0)

    def answer(self) -> str:
        return self.password.text()

    def precheck(self) -> str | None:
        if not self.password.text():
            return self.tr("新しいパスワードを入力してください。")
        if self.password.text() != self.again.text():
            self.again.clear()
            return self.tr(
                "確認のために入力したパスワードが一致しません。もう一度入力してください。"
            )
        return None

    def focus_answer(self) -> None:
        (self.again if self.password.text() else self.password).setFocus()
