"""First run: set up the branch and the first administrator, then go to the login.

The form only collects what the branch-initialisation service needs; every check (the
registration number's check digit, the phone format, the password rules...) is the service's,
and its Japanese message is shown at the bottom of the form. Nothing typed is cleared on an
error.

「本部から受け取った登録ファイルで設定する」 (a checkable box): the enrolment file from
``counter-app hq enrol-terminal`` and its passphrase. 「ファイルを確認」 reads the file and
checks the passphrase (``ui.facade.session.read_enrolment``), says which branch, terminal and
head office it is for, and fills in the branch code; on submit the same enrolment as
``counter-app enrol --file`` runs right after the branch and administrator are created.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.facade.session import EnrolmentChoice, FirstRunAnswers, TextLimits
from ui.label_column import share_label_width
from ui.length_counter import LengthCounter, with_counter
from ui.screen_fit import resize_to_fit


def _form_labels(*forms: QFormLayout) -> list[QLabel]:
    items = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        for form in forms
        for row in range(form.rowCount())
    ]
    return [item.widget() for item in items if item is not None]  # a spanning row has none


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
        self.enrol_box = enrol_box = QGroupBox(self.tr("本部から受け取った登録ファイルで設定する"))
        enrol_box.setObjectName("first_run_enrol")
        enrol_box.setCheckable(True)
        enrol_box.setChecked(False)
        self.enrol_file = field("enrol_file", self.tr("本部の端末登録ファイル (.json)"))
        self.enrol_browse = QPushButton(self.tr("参照…"))
        self.enrol_browse.setObjectName("enrol_browse")
        self.enrol_browse.clicked.connect(self.browse_enrolment)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.enrol_file, 1)
        file_layout.addWidget(self.enrol_browse)
        self.enrol_passphrase = field("enrol_passphrase", password=True)
        self.enrol_check = QPushButton(self.tr("ファイルを確認"))
        self.enrol_check.setObjectName("enrol_check")
        self.enrol_check.clicked.connect(self.check_enrolment)
        self.enrol_status = QLabel()
        self.enrol_status.setObjectName("enrol_status")
        self.enrol_status.setWordWrap(True)
        enrol_form = QFormLayout(enrol_box)
        enrol_form.addRow(self.tr("登録ファイル"), file_row)
        passphrase_row = QWidget()
        passphrase_layout = QHBoxLayout(passphrase_row)
        passphrase_layout.setContentsMargins(0, 0, 0, 0)
        passphrase_layout.addWidget(self.enrol_passphrase, 1)
        passphrase_layout.addWidget(self.enrol_check)
        enrol_form.addRow(self.tr("パスフレーズ"), passphrase_row)
        enrol_form.addRow(self.enrol_status)
        # both boxes' fields line up (and the enrolment box's with them)
        share_label_width(_form_labels(branch_form, admin_form, enrol_form))

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
        layout.addWidget(enrol_box)
        layout.addWidget(branch_box)
        layout.addWidget(admin_box)
        layout.addWidget(self.message)
        layout.addWidget(self.submit_button)
        resize_to_fit(self, 560, 760)

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
            enrolment=self.enrolment_choice(),
        )

    def enrolment_choice(self) -> EnrolmentChoice | None:
        if not self.enrol_box.isChecked():
            return None
        return EnrolmentChoice(self.enrol_file.text().strip(), self.enrol_passphrase.text())

    def browse_enrolment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("本部の端末登録ファイル"),
            "",
            self.tr("登録ファイル (*.json);;すべて (*)"),
        )
        if path:
            self.enrol_file.setText(path)

    def check_enrolment(self) -> None:
        """Read the file and check the passphrase; say what it is for and take its branch
        code (nothing is written)."""
        from ui.error_text import user_text
        from ui.facade.session import read_enrolment

        choice = self.enrolment_choice()
        if choice is None:
            return
        try:
            preview = read_enrolment(choice)
        except Exception as exc:
            self.enrol_status.setStyleSheet("color: #b00020;")
            self.enrol_status.setText(user_text(exc))
            return
        self.enrol_status.setStyleSheet("")
        self.enrol_status.setText(
            self.tr("支店 %1・端末 %2 の登録ファイルです。\n本部: %3")
            .replace("%1", preview.branch_code)
            .replace("%2", preview.terminal)
            .replace("%3", preview.hq_address)
        )
        self.branch_code.setText(preview.branch_code)

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
        if self.enrol_box.isChecked():
            missing += [
                label
                for label, value in (
                    (self.tr("登録ファイル"), self.enrol_file.text().strip()),
                    (self.tr("パスフレーズ"), self.enrol_passphrase.text()),
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
