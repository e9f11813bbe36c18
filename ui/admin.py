"""Administration: staff accounts, the branch's settings, the fee schedule in force.

Only an administrator opens this window (the main window hides its button otherwise, and the
services refuse anyway). The fee schedule is shown read-only: it is changed by head office
through the configuration files (a new dated version), never typed here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import Dialogs
from ui.screen_fit import resize_to_fit


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class StaffTab(QWidget):
    """Staff accounts: list, add, deactivate / reactivate."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from counter_app.security.roles import Role

        self.context = context
        self.accounts: list[Any] = []
        self.table = _table(
            [self.tr("ユーザーID"), self.tr("氏名"), self.tr("役割"), self.tr("状態")]
        )
        self.table.setObjectName("staff_table")

        self.username = QLineEdit()
        self.username.setObjectName("new_username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("new_display_name")
        self.role = QComboBox()
        self.role.setObjectName("new_role")
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.password = QLineEdit()
        self.password.setObjectName("new_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("職員を追加(&A)"))
        self.add_button.setObjectName("add_staff_button")
        self.toggle_button = QPushButton(self.tr("選んだ職員を無効にする/有効に戻す"))
        self.toggle_button.setObjectName("toggle_staff_button")
        self.message = QLabel()
        self.message.setObjectName("staff_message")
        self.message.setWordWrap(True)

        add_box = QGroupBox(self.tr("職員の追加"))
        form = QFormLayout(add_box)
        form.addRow(self.tr("ユーザーID"), self.username)
        form.addRow(self.tr("氏名"), self.display_name)
        form.addRow(self.tr("役割"), self.role)
        form.addRow(self.tr("初期パスワード"), self.password)
        form.addRow("", self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.toggle_button)
        layout.addLayout(row)
        layout.addWidget(add_box)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_staff)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reload()

    def reload(self) -> None:
        import ui.services_adapter as adapter

        try:
            self.accounts = adapter.staff_accounts(self.context)
        except Exception as exc:
            self.message.setText(_text(exc))
            return
        self.table.setRowCount(len(self.accounts))
        for r, account in enumerate(self.accounts):
            values = (
                account.username,
                account.display_name,
                account.role_label,
                self.tr("有効") if account.active else self.tr("無効"),
            )
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def add_staff(self) -> bool:
        import ui.services_adapter as adapter

        try:
            adapter.add_staff(
                self.context,
                username=self.username.text().strip(),
                display_name=self.display_name.text().strip(),
                role=self.role.currentData(),
                password=self.password.text(),
            )
        except Exception as exc:
            self.message.setText(_text(exc))
            return False
        self.message.setText(
            self.tr("「%1」を追加しました。").replace("%1", self.display_name.text().strip())
        )
        for edit in (self.username, self.display_name, self.password):
            edit.clear()
        self.reload()
        return True

    def toggle_selected(self) -> bool:
        import ui.services_adapter as adapter

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("一覧から職員を選んでください。"))
            return False
        account = self.accounts[rows[0].row()]
        verb = self.tr("無効にします") if account.active else self.tr("有効に戻します")
        if not Dialogs.confirm(
            self,
            self.tr("%1 さんのアカウントを%2。")
            .replace("%1", account.display_name)
            .replace("%2", verb),
        ):
            return False
        try:
            adapter.set_staff_active(self.context, account.staff_id, not account.active)
        except Exception as exc:
            self.message.setText(_text(exc))
            return False
        self.reload()
        return True


class BranchTab(QWidget):
    """The branch as it prints on receipts (read-only; set at first run)."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import ui.services_adapter as adapter

        layout = QFormLayout(self)
        try:
            settings = adapter.branch_settings(context)
        except Exception as exc:
            layout.addRow(QLabel(_text(exc)))
            return
        for label, value in settings:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(label, shown)
        note = QLabel(
            self.tr(
                "支所の情報は初期設定で登録したものです。変更が必要な場合は本部にご連絡ください。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        layout.addRow(note)


class FeeTab(QWidget):
    """The fee schedule in force today (read-only)."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import ui.services_adapter as adapter

        layout = QVBoxLayout(self)
        try:
            heading, rows = adapter.fee_schedule_in_force(context)
        except Exception as exc:
            layout.addWidget(QLabel(_text(exc)))
            return
        title = QLabel(heading)
        title.setObjectName("fee_heading")
        title.setWordWrap(True)
        table = _table([self.tr("項目"), self.tr("金額・設定")])
        table.setObjectName("fee_table")
        table.setRowCount(len(rows))
        for r, (label, value) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(label))
            table.setItem(r, 1, QTableWidgetItem(value))
        note = QLabel(
            self.tr(
                "手数料は本部の設定ファイル (施行日ごとの版) で決まります。この画面では変更できません。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        layout.addWidget(title)
        layout.addWidget(table, 1)
        layout.addWidget(note)


class AdminWindow(QDialog):
    """Tabs: 職員, 支所の設定, 手数料表."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("admin_window")
        self.setWindowTitle(self.tr("管理"))
        self.tabs = QTabWidget()
        self.staff_tab = StaffTab(context)
        self.tabs.addTab(self.staff_tab, self.tr("職員"))
        self.tabs.addTab(BranchTab(context), self.tr("支所の設定"))
        self.tabs.addTab(FeeTab(context), self.tr("手数料表"))
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        resize_to_fit(self, 760, 600)


def _text(exc: BaseException) -> str:
    from ui.dialogs import user_text

    return user_text(exc)
