"""The main window: today's requests, search, status filter, deadlines, and the way in to
everything else (新規受付, 詳細, 日報, 管理).

Names and phone numbers arrive masked from the services. A supervisor (or a staff member with a
supervisor's approval on this screen) can reveal one request's name and phone with a reason:
the service logs it, and the row masks itself again after :data:`REVEAL_SECONDS`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import Dialogs
from ui.request_table import RequestRow, RequestTableModel, widest_days_texts
from ui.screen_fit import resize_to_fit
from ui.sync_status import SyncIndicator, SyncWorker

#: Seconds a revealed name/phone stays on screen before it is masked again.
REVEAL_SECONDS = 60
#: Milliseconds of quiet typing before the search runs.
SEARCH_DELAY_MS = 250


class MainWindow(QMainWindow):
    """Today's requests and the actions on them."""

    logout_requested = Signal()

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("受付一覧"))
        self.wizard: Any = None
        self.blank_preview: Any = None
        self.detail: Any = None
        self.supervisor_window: Any = None
        self.admin_window: Any = None

        # --- actions (buttons along the top)
        self.new_button = QPushButton(self.tr("新規受付 (F2)"))
        self.new_button.setObjectName("new_intake_button")
        self.detail_button = QPushButton(self.tr("詳細 (Enter)"))
        self.detail_button.setObjectName("detail_button")
        self.reveal_button = QPushButton(self.tr("氏名・電話を表示"))
        self.reveal_button.setObjectName("reveal_button")
        self.reveal_button.setToolTip(self.tr("責任者の操作です。理由とともに記録されます。"))
        self.daily_button = QPushButton(self.tr("日報"))
        self.daily_button.setObjectName("daily_log_button")
        self.admin_button = QPushButton(self.tr("管理"))
        self.admin_button.setObjectName("admin_button")
        self.blank_button = QPushButton(self.tr("白紙の用紙(&B)"))
        self.blank_button.setObjectName("blank_forms_button")
        self.blank_button.setToolTip(self.tr("手書きで記入する委任状・開示等請求書を印刷します"))
        blank_menu = QMenu(self.blank_button)
        blank_menu.setObjectName("blank_forms_menu")
        self.blank_actions: dict[str, QAction] = {}
        for kind, label in (
            ("power_of_attorney", self.tr("委任状(&I)")),
            ("request_form", self.tr("開示等請求書(&R)")),
        ):
            action = blank_menu.addAction(label)
            action.setObjectName(f"blank_{kind}")
            action.triggered.connect(lambda _=False, k=kind: self.open_blank_form(k))
            self.blank_actions[kind] = action
        self.blank_button.setMenu(blank_menu)
        self.password_button = QPushButton(self.tr("パスワード変更"))
        self.password_button.setObjectName("own_password_button")
        self.logout_button = QPushButton(self.tr("ログアウト"))
        self.logout_button.setObjectName("logout_button")
        self.new_button.setDefault(False)
        font = self.new_button.font()
        font.setBold(True)
        self.new_button.setFont(font)
        self.new_button.setMinimumHeight(36)

        top = QHBoxLayout()
        for button in (self.new_button, self.detail_button, self.reveal_button):
            top.addWidget(button)
        top.addStretch(1)
        for button in (
            self.blank_button,
            self.daily_button,
            self.admin_button,
            self.password_button,
            self.logout_button,
        ):
            top.addWidget(button)

        # --- filters
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("受付番号・組合員番号・氏名(漢字/かな)・電話番号で検索 (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.addItem(self.tr("本日の受付"), "today")
        self.scope.addItem(self.tr("対応中(未完了)すべて"), "open")
        self.scope.addItem(self.tr("すべて"), "all")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("すべての状況"), None)
        for value, label in _status_choices():
            self.status_filter.addItem(label, value)
        self.overdue_only = QCheckBox(self.tr("期限超過のみ"))
        self.overdue_only.setObjectName("overdue_only")
        filters = QHBoxLayout()
        search_label = QLabel(self.tr("検索(&S)"))
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.overdue_only)

        # --- table
        self.model = RequestTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("request_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Column widths are fitted once, when the first rows arrive (ResizeToContents would
        # measure every cell on every paint: ~150 ms on a branch PC for the first screen).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The types column takes the room left over but never less than its header: a
        # stretched section was squeezed to 「求の種」 in large text; the list scrolls instead.
        header.setStretchLastSection(False)
        self._columns_fitted = False
        self.fit_headers()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #555555; padding: 12px;")

        self.training_band = QLabel(
            self.tr("研修モード — 練習用のデータです。印刷物にはすべて「見本」と入ります。")
        )
        self.training_band.setObjectName("training_band")
        self.training_band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_band.setStyleSheet(
            "background: #fff3b0; color: #3d3000; border: 1px solid #c9a800; padding: 4px;"
        )
        self.training_band.setVisible(bool(getattr(context, "training", False)))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.training_band)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.statusBar().addWidget(self.count_label, 1)
        self.actor_label = QLabel()
        self.actor_label.setObjectName("actor_label")
        self.statusBar().addPermanentWidget(self.actor_label)
        # 未送信 n 件 / 最終送信 HH:MM / the last error; reads and exchanges off the UI thread
        self.sync_indicator = SyncIndicator()
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.sync_worker = SyncWorker(context, self)
        self.sync_worker.view_changed.connect(self.sync_indicator.show_view)

        # --- wiring
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.refresh)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.overdue_only.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self.open_intake)
        self.detail_button.clicked.connect(self.open_detail)
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.daily_button.clicked.connect(self.open_supervisor)
        self.admin_button.clicked.connect(self.open_admin)
        self.password_button.clicked.connect(self.change_password)
        self.logout_button.clicked.connect(self.logout_requested)
        self.table.doubleClicked.connect(lambda _index: self.open_detail())
        self.table.activated.connect(lambda _index: self.open_detail())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.open_intake)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._reveal_timers: dict[str, QTimer] = {}
        if hasattr(context, "listeners"):
            context.listeners.append(self.refresh)
            context.listeners.append(self.sync_worker.changed_locally)

        self._apply_role()
        resize_to_fit(self, 1180, 720)
        self.refresh()
        self.sync_worker.start()

    # ----------------------------------------------------------------- roles
    def _may(self, permission_name: str) -> bool:
        actor = self.context.actor
        if actor is None:
            return False
        from counter_app.security.roles import Permission

        return bool(actor.may(Permission(permission_name)))

    def _apply_role(self) -> None:
        actor = self.context.actor
        if actor is not None:
            role = getattr(actor.role, "label", str(actor.role))
            self.actor_label.setText(
                self.tr("%1 さん (%2)").replace("%1", actor.display_name).replace("%2", role)
            )
        self.daily_button.setVisible(self._may("close_day"))
        self.admin_button.setVisible(self._may("manage_staff"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_row = self.selected_row() is not None
        self.detail_button.setEnabled(has_row)
        self.reveal_button.setEnabled(has_row)

    # ------------------------------------------------------------------ list
    def filters(self) -> dict[str, Any]:
        return {
            "scope": self.scope.currentData(),
            "status": self.status_filter.currentData(),
            "query": self.search.text().strip(),
            "overdue_only": self.overdue_only.isChecked(),
        }

    def refresh(self) -> None:
        """Reload the list from the services with the current filters; keep the selection."""
        from ui.facade import lists

        if self.context.db is None:
            return
        selected = self.selected_row()
        try:
            rows = lists.list_requests(self.context, **self.filters())
        except Exception as exc:
            Dialogs.failure(self, exc)
            return
        self.model.set_rows(rows)
        if rows and not self._columns_fitted:
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in range(self.model.columnCount()):  # room for bold (overdue) text
                header.resizeSection(column, header.sectionSize(column) + 12)
            bold = QFont(self.table.font())
            bold.setBold(True)
            widest = max(QFontMetrics(bold).horizontalAdvance(t) for t in widest_days_texts())
            days = self.model.COLUMNS.index("days")
            header.resizeSection(days, max(header.sectionSize(days), widest + 24))
            self.fit_headers()
            self._columns_fitted = True
        if not rows:
            self.empty_label.setText(
                self.tr("該当する請求はありません。検索条件や表示範囲を変えてください。")
                if self.filters()["query"] or self.filters()["status"]
                else self.tr("まだ請求はありません。「新規受付」から受け付けます。")
            )
        self.empty_label.setVisible(not rows)
        overdue = sum(1 for r in rows if r.overdue)
        summary = self.tr("%1 件").replace("%1", str(len(rows)))
        if overdue:
            summary += self.tr("  (期限超過 %1 件)").replace("%1", str(overdue))
        self.count_label.setText(summary)
        if selected is not None:
            self.select_request(selected.request_id)
        self._update_buttons()

    def fit_headers(self) -> None:
        """Every column at least as wide as its header's text (in every text size and
        language), with or without rows: a header is never cut. The types column then
        takes what is left of the list's width."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            needed = header.sectionSizeHint(column)
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)
        types = self.model.COLUMNS.index("types")
        others = sum(header.sectionSize(c) for c in range(self.model.columnCount()) if c != types)
        room = self.table.viewport().width() - others
        header.resizeSection(types, max(header.sectionSizeHint(types), room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_headers()

    def selected_row(self) -> RequestRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0]) if indexes else None

    def select_request(self, request_id: str) -> bool:
        i = self.model.find(request_id)
        if i < 0:
            return False
        self.table.selectionModel().select(
            self.model.index(i, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(i, 0))
        return True

    # --------------------------------------------------------------- actions
    def open_intake(self) -> Any:
        """Open the intake wizard; a registration refreshes the list and selects it."""
        try:
            from ui.intake.wizard import IntakeWizard
        except ImportError as exc:
            Dialogs.error(self, self.tr("受付画面を開けません: %1").replace("%1", str(exc)))
            return None
        self.wizard = IntakeWizard(self.context, self)
        self.wizard.registered.connect(self._registered)
        self.wizard.finished.connect(self._wizard_closed)
        self.wizard.show()
        return self.wizard

    def _registered(self, request_id: str) -> None:
        self.scope.setCurrentIndex(0)
        self.refresh()
        self.select_request(request_id)

    def _wizard_closed(self, _result: int) -> None:
        """Back on the list with the keyboard on it: the new request (selected when it was
        registered) opens with Enter (詳細)."""
        wizard = self.wizard
        result = getattr(wizard, "result_", None)
        if result is not None:
            self.select_request(result.request_id)
        self.activateWindow()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_detail(self) -> Any:
        row = self.selected_row()
        if row is None:
            return None
        from ui.detail.window import RequestDetailDialog

        self.detail = RequestDetailDialog(self.context, row.request_id, self)
        self.detail.changed.connect(self.refresh)
        self.detail.show()
        return self.detail

    def open_supervisor(self) -> Any:
        from ui.supervisor import SupervisorWindow

        self.supervisor_window = SupervisorWindow(self.context, self)
        self.supervisor_window.changed.connect(self.refresh)
        self.supervisor_window.show()
        return self.supervisor_window

    def open_admin(self) -> Any:
        from ui.admin import AdminWindow

        self.admin_window = AdminWindow(self.context, self)
        self.admin_window.show()
        return self.admin_window

    def open_blank_form(self, kind: str) -> Any:
        """A blank 委任状 or 開示等請求書 in the print preview (見本 in training mode)."""
        from ui.facade import documents
        from ui.pdf_preview import PdfPreviewDialog

        titles = {
            "power_of_attorney": self.tr("委任状 (白紙)"),
            "request_form": self.tr("開示等請求書 (白紙)"),
        }
        try:
            pdf = documents.blank_form_pdf(self.context, kind)
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        self.blank_preview = PdfPreviewDialog(pdf, titles[kind], self)
        self.blank_preview.show()
        return self.blank_preview

    def change_password(self) -> bool:
        """The logged-in person's own password (any role)."""
        from ui.own_password import change_own_password

        if not change_own_password(self.context, self):
            return False
        self.statusBar().showMessage(self.tr("パスワードを変更しました。"), 10_000)
        return True

    def reveal_selected(self) -> bool:
        """Reveal the selected request's name and phone (supervisor; reason; logged)."""
        from ui.facade import request_actions, session

        row = self.selected_row()
        if row is None:
            return False
        shown: list[tuple[str, str]] = []
        approved: list[Any] = []

        def submit(reason: str) -> str | None:
            if not approved:
                approver = None
                if not self._may("reveal_personal"):
                    approver = Dialogs.supervisor_approval(
                        QApplication.activeModalWidget() or self,
                        self.context,
                        self.tr("個人情報の表示 (%1)").replace("%1", row.number),
                        "reveal_personal",
                    )
                    if approver is None:
                        return self.tr(
                            "責任者の承認がなかったため、表示していません。"
                            "入力した理由はそのままです。"
                        )
                approved.append(approver)
            shown.append(request_actions.reveal(self.context, row.request_id, reason, approved[0]))
            return None

        if not Dialogs.ask_reason(
            self,
            self.tr("個人情報の表示"),
            self.tr("表示する理由を入力してください (記録されます)。"),
            submit,
            empty=self.tr("表示する理由を入力してください。"),
            limit=session.text_limits().text,
            ok_text=self.tr("表示する"),
        ):
            return False
        person = shown[0]
        self.model.replace_row(row.with_revealed(person.name, person.phone))
        for column in ("name", "phone"):
            self.table.resizeColumnToContents(self.model.COLUMNS.index(column))
        timer = self._reveal_timers.get(row.request_id)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(self.refresh)  # the refresh brings the masked row back
            self._reveal_timers[row.request_id] = timer
        timer.start(int(REVEAL_SECONDS * 1000))
        self.statusBar().showMessage(
            self.tr("%1 の氏名・電話を表示しました (%2秒後に再び伏せます)。")
            .replace("%1", row.number)
            .replace("%2", str(REVEAL_SECONDS))
        )
        return True

    def closeEvent(self, event: Any) -> None:
        self.sync_worker.stop_timers()
        if hasattr(self.context, "listeners"):
            for listener in (self.refresh, self.sync_worker.changed_locally):
                if listener in self.context.listeners:
                    self.context.listeners.remove(listener)
        super().closeEvent(event)


def _status_choices() -> list[tuple[str, str]]:
    from counter_app.domain.requests import RequestStatus

    return [(s.value, s.label) for s in RequestStatus]
