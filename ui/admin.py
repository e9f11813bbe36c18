"""Administration: staff accounts, the branch's settings, the fee schedule in force, and
the audit-trail check.

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
from ui.label_column import label_gap
from ui.length_counter import LengthCounter, with_counter
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
        from ui.facade import session

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
        self.password_button = QPushButton(self.tr("パスワードを再設定…"))
        self.password_button.setObjectName("reset_password_button")
        self.unlock_button = QPushButton(self.tr("ログインのロックを解除"))
        self.unlock_button.setObjectName("unlock_account_button")
        self.message = QLabel()
        self.message.setObjectName("staff_message")
        self.message.setWordWrap(True)

        limits = session.text_limits()
        self.display_name_counter = LengthCounter(self.display_name, limits.name)
        add_box = QGroupBox(self.tr("職員の追加"))
        form = QFormLayout(add_box)
        form.addRow(self.tr("ユーザーID"), self.username)
        form.addRow(self.tr("氏名"), with_counter(self.display_name, self.display_name_counter))
        form.addRow(self.tr("役割"), self.role)
        form.addRow(self.tr("初期パスワード"), self.password)
        form.addRow("", self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        row.addWidget(self.password_button)
        row.addWidget(self.toggle_button)
        layout.addLayout(row)
        layout.addWidget(add_box)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_staff)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.reload()

    def reload(self) -> None:
        from ui.facade import admin

        try:
            self.accounts = admin.staff_accounts(self.context)
        except Exception as exc:
            self._refused(_text(exc))
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
        from ui.facade import admin

        try:
            admin.add_staff(
                self.context,
                username=self.username.text().strip(),
                display_name=self.display_name.text().strip(),
                role=self.role.currentData(),
                password=self.password.text(),
            )
        except Exception as exc:
            self._refused(_text(exc))
            return False
        self._told(
            self.tr("「%1」を追加しました。").replace("%1", self.display_name.text().strip())
        )
        for edit in (self.username, self.display_name, self.password):
            edit.clear()
        self.reload()
        return True

    def unsaved(self) -> bool:
        """A new account half typed (not added)."""
        return any(e.text().strip() for e in (self.username, self.display_name, self.password))

    def _refused(self, text: str) -> None:
        """A refusal, in red (what was typed stays in its box)."""
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _told(self, text: str) -> None:
        """Something done, in green."""
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)

    def selected_account(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._refused(self.tr("一覧から職員を選んでください。"))
            return None
        return self.accounts[rows[0].row()]

    def reset_password(self) -> bool:
        """Set a new password for the selected account (administrator; recorded)."""
        from ui.facade import admin

        account = self.selected_account()
        if account is None:
            return False
        actor = self.context.actor
        if actor is not None and account.username == actor.username:
            # one's own password: the current one is asked too (as for everyone)
            from ui.own_password import change_own_password

            if not change_own_password(self.context, self):
                return False
            self._told(self.tr("パスワードを変更しました。"))
            return True

        def submit(password: str) -> str | None:
            admin.set_staff_password(self.context, account.username, password)
            return None

        if not Dialogs.ask_new_password(
            self,
            self.tr("パスワードの再設定"),
            self.tr("%1 さんの新しいパスワード:").replace("%1", account.display_name),
            submit,
        ):
            return False
        self._told(
            self.tr("%1 さんのパスワードを再設定しました。").replace("%1", account.display_name)
        )
        return True

    def unlock_selected(self) -> bool:
        """Lift a sign-in lockout at once (administrator; recorded)."""
        from ui.facade import admin

        account = self.selected_account()
        if account is None:
            return False
        try:
            admin.unlock_account(self.context, account.username)
        except Exception as exc:
            self._refused(_text(exc))
            return False
        self._told(
            self.tr("%1 さんのログインのロックを解除しました。").replace("%1", account.display_name)
        )
        return True

    def toggle_selected(self) -> bool:
        from ui.facade import admin

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._refused(self.tr("一覧から職員を選んでください。"))
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
            admin.set_staff_active(self.context, account.staff_id, not account.active)
        except Exception as exc:
            self._refused(_text(exc))
            return False
        self.reload()
        return True


class BranchTab(QWidget):
    """The branch as it prints on receipts; an administrator may correct it (the branch code
    cannot change). The service checks every value (registration-number check digit...)."""

    FIELDS = ("name", "postal_code", "address", "phone", "issuer_name", "registration_number")

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.facade import admin, session

        self.context = context
        self.edits: dict[str, QLineEdit] = {}
        #: the branch as stored, to tell a change not saved yet
        self.saved: dict[str, str] = {}
        layout = QFormLayout(self)
        self.message = QLabel()
        self.message.setObjectName("branch_message")
        self.message.setWordWrap(True)
        try:
            info = admin.branch_info(context)
        except Exception as exc:
            layout.addRow(QLabel(_text(exc)))
            return
        # The label column's conventions (docs/ui.md): values start half an em after the
        # widest label, and the fixed code is a read-only field like the others (its text
        # starts where theirs does, greyed as read-only, out of the Tab order): as plain text
        # right after 「支店コード (変更不可)」 it read as the label's last word.
        layout.setHorizontalSpacing(label_gap(self))
        self.saved = {key: info[key] for key in self.FIELDS}
        self.code = QLineEdit(info["code"])
        self.code.setObjectName("branch_code")
        self.code.setReadOnly(True)
        self.code.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.code_label = QLabel(self.tr("支店コード (変更不可)"))
        self.code_label.setBuddy(self.code)
        layout.addRow(self.code_label, self.code)
        labels = {
            "name": self.tr("支店名"),
            "postal_code": self.tr("郵便番号"),
            "address": self.tr("住所"),
            "phone": self.tr("電話番号"),
            "issuer_name": self.tr("発行者名"),
            "registration_number": self.tr("登録番号"),
        }
        # The printed texts' limits, said while typing (the address: one line of the slip,
        # always shown; the others near their limit); a pasted text is never cut.
        limits = session.text_limits()
        counted = {
            "name": limits.branch_text,
            "address": limits.branch_address,
            "issuer_name": limits.branch_text,
        }
        self.counters: dict[str, LengthCounter] = {}
        for key in self.FIELDS:
            edit = QLineEdit(info[key])
            edit.setObjectName(f"branch_{key}")
            self.edits[key] = edit
            if key in counted:
                counter = LengthCounter(edit, counted[key], always=key == "address")
                self.counters[key] = counter
                layout.addRow(labels[key], with_counter(edit, counter))
            else:
                layout.addRow(labels[key], edit)
        self.save_button = QPushButton(self.tr("変更を保存(&S)"))
        self.save_button.setObjectName("save_branch_button")
        self.save_button.clicked.connect(self.save)
        layout.addRow("", self.save_button)
        layout.addRow(self.message)
        note = QLabel(
            self.tr(
                "ここで変えた内容は、これから印刷する領収書・通知書に使われます (変更は記録されます)。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        layout.addRow(note)

    def unsaved(self) -> bool:
        """A value changed and not saved."""
        return any(
            edit.text().strip() != self.saved.get(key, "").strip()
            for key, edit in self.edits.items()
        )

    def save(self) -> bool:
        from ui.facade import admin

        values = {key: edit.text().strip() for key, edit in self.edits.items()}
        try:
            admin.update_branch(self.context, values)
        except Exception as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(_text(exc))
            return False
        self.saved = {key: admin.branch_info(self.context)[key] for key in self.FIELDS}
        for key, edit in self.edits.items():  # as stored (a phone hyphenated by the plan)
            if edit.text().strip() != self.saved[key].strip():
                edit.setText(self.saved[key])
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("支店の情報を保存しました。"))
        return True


class FeeTab(QWidget):
    """The fee schedule in force today (read-only)."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.facade import admin

        layout = QVBoxLayout(self)
        try:
            schedule = admin.fee_schedule_in_force(context)
        except Exception as exc:
            layout.addWidget(QLabel(_text(exc)))
            return
        title = QLabel(schedule.heading)
        title.setObjectName("fee_heading")
        title.setWordWrap(True)
        table = _table([self.tr("項目"), self.tr("金額・設定")])
        table.setObjectName("fee_table")
        table.setRowCount(len(schedule.rows))
        for r, (label, value) in enumerate(schedule.rows):
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


class AuditTab(QWidget):
    """Check the audit trail (hash chain, sealed head, backup anchors) on demand."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        explain = QLabel(
            self.tr(
                "操作記録は1行ごとに前の行のハッシュをつないで保存されています。"
                "書き換え・削除・挿入・並べ替えがあれば、最初に食い違う行の番号を示します。"
            )
        )
        explain.setWordWrap(True)
        self.check_button = QPushButton(self.tr("操作記録を検査する(&V)"))
        self.check_button.setObjectName("audit_check_button")
        self.result = QLabel()
        self.result.setObjectName("audit_result")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        self.check_button.clicked.connect(self.check)

    def check(self) -> bool:
        """Run the check; True when the trail is intact."""
        from ui.facade import admin

        try:
            verdict = admin.check_audit(self.context)
        except Exception as exc:
            self.result.setText(_text(exc))
            self.result.setStyleSheet("color: #b00020;")
            return False
        self.result.setText(verdict.text())
        self.result.setStyleSheet("" if verdict.ok else "color: #b00020; font-weight: bold;")
        return verdict.ok


class AdminWindow(QDialog):
    """Tabs: 職員, 支店の設定, 手数料表, 操作記録."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("admin_window")
        self.setWindowTitle(self.tr("管理"))
        self.tabs = QTabWidget()
        self.staff_tab = StaffTab(context)
        self.tabs.addTab(self.staff_tab, self.tr("職員"))
        self.branch_tab = BranchTab(context)
        self.tabs.addTab(self.branch_tab, self.tr("支店の設定"))
        self.tabs.addTab(FeeTab(context), self.tr("手数料表"))
        self.audit_tab = AuditTab(context)
        self.tabs.addTab(self.audit_tab, self.tr("操作記録の検査"))
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        resize_to_fit(self, 760, 600)

    def _may_close(self) -> bool:
        """閉じる, Esc or the close box: a branch change not saved or a new account half
        typed is not dropped without asking (the tab holding it is shown)."""
        from ui.dialogs import may_discard

        for tab in (self.branch_tab, self.staff_tab):
            if tab.unsaved():
                self.tabs.setCurrentWidget(tab)
                return may_discard(self)
        return True

    def accept(self) -> None:
        if self._may_close():
            super().accept()

    def reject(self) -> None:
        if self._may_close():
            super().reject()


def _text(exc: BaseException) -> str:
    from ui.error_text import user_text

    return user_text(exc)
