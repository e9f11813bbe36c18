"""First run: set up the branch and the first administrator, then go to the login.

The form only collects what the branch-initialisation service needs; every check (the
registration number's check digit, the phone format, the password rules...) is the service's,
and its Japanese message is shown at the bottom of the form. Nothing typed is cleared on an
error.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.facade.session import FirstRunAnswers, TextLimits
from ui.label_column import share_label_width
from ui.length_counter import LengthCounter, with_counter
from ui.screen_fit import resize_to_fit


def _form_labels(*forms: QFormLayout) -> list[QLabel]:
    return [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        for form in forms
        for row in range(form.rowCount())
    ]


class FirstRunWindow(QWidget):
    """The branch and first administrator form; emits ``submitted(FirstRunAnswers)``."""

    submitted = Signal(object)

    def __init__(self, context: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("first_run_window")
        self.setWindowTitle(self.tr("初期設定"))

        # One sentence a line, broken where the translator put the line breaks: wrapping at
        # the window's edge split words (「くださ/い。」). The window is as wide as the longest.
        self.intro = intro = QLabel(
            self.tr(
                "はじめて起動しました。\n"
                "支店(センター)の情報と、最初の管理者を登録してください。\n"
                "支店の情報は領収書に印刷されます。"
            )
        )
        intro.setObjectName("first_run_intro")
        intro.setWordWrap(False)

        def field(name: str, placeholder: str = "", *, password: bool = False) -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholder)
            if password:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            return edit

        self.branch_code = field("branch_code", self.tr("例: BR01"))
        self.branch_name = field("branch_name", self.tr("例: 水戸センター"))
        self.postal_code = field("postal_code", self.tr("例: 310-0000"))
        self.address = field("address", self.tr("例: 茨城県水戸市…"))
        self.phone = field("phone", self.tr("例: 029-000-0000"))
        self.issuer_name = field("issuer_name", self.tr("例: いばらきコープ生活協同組合"))
        self.registration_number = field("registration_number", self.tr("T + 13桁"))
        self.admin_username = field("admin_username", self.tr("半角英数字"))
        self.admin_display_name = field("admin_display_name", self.tr("例: 山田 花子"))
        self.admin_password = field("admin_password", password=True)
        self.admin_password_again = field("admin_password_again", password=True)

        # The services' limits are said while typing (the address always: 80 characters is
        # one line of the slip); they are known once the services are loaded (set_limits).
        self.counters = {
            "branch_name": LengthCounter(self.branch_name),
            "address": LengthCounter(self.address, always=True),
            "issuer_name": LengthCounter(self.issuer_name),
            "admin_display_name": LengthCounter(self.admin_display_name),
        }
        counted = {name: with_counter(getattr(self, name), c) for name, c in self.counters.items()}

        branch_box = QGroupBox(self.tr("支店(センター)"))
        branch_form = QFormLayout(branch_box)
        branch_form.addRow(self.tr("支店コード"), self.branch_code)
        branch_form.addRow(self.tr("支店名"), counted["branch_name"])
        branch_form.addRow(self.tr("郵便番号"), self.postal_code)
        branch_form.addRow(self.tr("住所"), counted["address"])
        branch_form.addRow(self.tr("電話番号"), self.phone)
        branch_form.addRow(self.tr("発行者名"), counted["issuer_name"])
        branch_form.addRow(self.tr("登録番号(インボイス)"), self.registration_number)

        admin_box = QGroupBox(self.tr("最初の管理者"))
        admin_form = QFormLayout(admin_box)
        admin_form.addRow(self.tr("ユーザーID"), self.admin_username)
        admin_form.addRow(self.tr("氏名"), counted["admin_display_name"])
        admin_form.addRow(self.tr("パスワード"), self.admin_password)
        admin_form.addRow(self.tr("パスワード(確認)"), self.admin_password_again)
        share_label_width(_form_labels(branch_form, admin_form))  # both boxes' fields line up

        self.message = QLabel()
        self.message.setObjectName("first_run_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.submit_button = QPushButton(self.tr("登録してログイン画面へ"))
        self.submit_button.setObjectName("first_run_submit")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(intro)
        layout.addWidget(branch_box)
        layout.addWidget(admin_box)
        layout.addWidget(self.message)
        layout.addWidget(self.submit_button)
        resize_to_fit(self, 560, 640)

    def answers(self) -> FirstRunAnswers:
        return FirstRunAnswers(
            branch_code=self.branch_code.text().strip(),
            branch_name=self.branch_name.text().strip(),
            postal_code=self.postal_code.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
            issuer_name=self.issuer_name.text().strip(),
            registration_number=self.registration_number.text().strip(),
            admin_username=self.admin_username.text().strip(),
            admin_display_name=self.admin_display_name.text().strip(),
            admin_password=self.admin_password.text(),
        )

    def set_limits(self, limits: TextLimits) -> None:
        """The services' limits (``ui.facade.session.text_limits``) for the counters."""
        self.counters["branch_name"].set_limit(limits.branch_text)
        self.counters["address"].set_limit(limits.branch_address)
        self.counters["issuer_name"].set_limit(limits.branch_text)
        self.counters["admin_display_name"].set_limit(limits.name)

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    def refuse(self, text: str) -> None:
        """Nothing can be registered here (no usable keyring): say why before anything is
        typed, and leave the fields and the button disabled."""
        for box in self.findChildren(QGroupBox):
            box.setEnabled(False)
        self.submit_button.setEnabled(False)
        self.show_error(text)

    @property
    def refused(self) -> bool:
        return not self.submit_button.isEnabled()

    def submit(self) -> None:
        if self.refused:  # Enter in a field still reaches here
            return
        answers = self.answers()
        missing = [
            label
            for label, value in (
                (self.tr("支店コード"), answers.branch_code),
                (self.tr("支店名"), answers.branch_name),
                (self.tr("住所"), answers.address),
                (self.tr("電話番号"), answers.phone),
                (self.tr("発行者名"), answers.issuer_name),
                (self.tr("登録番号"), answers.registration_number),
                (self.tr("ユーザーID"), answers.admin_username),
                (self.tr("氏名"), answers.admin_display_name),
                (self.tr("パスワード"), answers.admin_password),
            )
            if not value
        ]
        if missing:
            self.show_error(self.tr("未入力の項目があります: %1").replace("%1", "、".join(missing)))
            return
        if answers.admin_password != self.admin_password_again.text():
            self.show_error(self.tr("パスワードと確認用のパスワードが一致しません。"))
            self.admin_password_again.clear()
            self.admin_password_again.setFocus()
            return
        self.message.clear()
        self.submitted.emit(answers)
