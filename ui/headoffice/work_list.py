"""The desk's work list: every branch's requests by deadline, filtered, one page at a time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.requests import OPEN_STATUSES, RequestStatus, RequestType
from counter_app.errors import CounterAppError
from counter_app.headoffice.desk.timeline import Step
from counter_app.headoffice.desk.worklist import (
    REQUESTER_KINDS,
    PageKey,
    WorkFilter,
    WorkItem,
    reveal,
    work_list,
)

PAGE_SIZE = 50
RED = QColor("#b00020")


class WorkListView(QWidget):
    def __init__(self, connection, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.today = today
        self.items: list[WorkItem] = []
        self.next_key: PageKey | None = None
        self.branch = QLineEdit()
        self.branch.setPlaceholderText(self.tr("支所コード (空欄: すべて)"))
        self.status = QComboBox()
        self.status.addItem(self.tr("未完了 (受付済・対応中・期限延長中)"), None)
        for status in RequestStatus:
            self.status.addItem(status.label, status)
        self.request_type = QComboBox()
        self.request_type.addItem(self.tr("すべての種類"), None)
        for kind in RequestType:
            self.request_type.addItem(kind.label, kind)
        self.requester = QComboBox()
        self.requester.addItem(self.tr("すべての請求者"), None)
        for key, label in REQUESTER_KINDS.items():
            self.requester.addItem(label, key)
        search = QPushButton(self.tr("検索"))
        search.clicked.connect(self.reload)
        self.more = QPushButton(self.tr("次のページ"))
        self.more.clicked.connect(self.load_more)
        self.reveal_button = QPushButton(self.tr("氏名・電話を表示 (記録されます)"))
        self.reveal_button.clicked.connect(self.reveal_selected)
        filters = QHBoxLayout()
        for widget in (self.branch, self.status, self.request_type, self.requester, search):
            filters.addWidget(widget)
        self.table = QTableWidget(0, 11)
        self.table.setHorizontalHeaderLabels([
            self.tr("回答目標日"), self.tr("法39条の日"), self.tr("支所"), self.tr("受付番号"),
            self.tr("状態"), self.tr("種類"), self.tr("請求者"), self.tr("氏名"), self.tr("電話"),
            self.tr("段階"), self.tr("再請求"),
        ])  # fmt: skip
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_request(row))
        #: set by the window: opens one request (its panel)
        self.on_open = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.more)
        buttons.addWidget(self.reveal_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def current_filter(self) -> WorkFilter:
        status = self.status.currentData()
        branch = self.branch.text().strip().upper()
        return WorkFilter(
            branches=(branch,) if branch else (),
            statuses=(status,) if status else tuple(OPEN_STATUSES),
            request_type=self.request_type.currentData(),
            requester_kind=self.requester.currentData(),
        )

    def reload(self) -> None:
        self.items, self.next_key = [], None
        self.table.setRowCount(0)
        self._load(None)

    def load_more(self) -> None:
        if self.next_key is not None:
            self._load(self.next_key)

    def _load(self, after: PageKey | None) -> None:
        try:
            page = work_list(self.connection, self.current_filter(), after=after, limit=PAGE_SIZE)
        except CounterAppError as failure:
            self.message.setText(failure.user_text())
            return
        self.next_key = page.next_key
        self.more.setEnabled(page.next_key is not None)
        for item in page.items:
            self._add_row(item)
        self.message.setText(self.tr("%n 件を表示しています。", "", len(self.items)))

    def _add_row(self, item: WorkItem) -> None:
        self.items.append(item)
        row = self.table.rowCount()
        self.table.insertRow(row)
        art39 = item.lawsuit_possible_from
        values = [
            item.due_on.isoformat(), art39.isoformat() if art39 else "", item.branch, item.number,
            item.status.label, "・".join(t.label for t in item.types), item.requester_label,
            item.name_masked, item.phone_masked, Step(item.step).label if item.step else "",
            self.tr("あり") if item.repeat else "",
        ]  # fmt: skip
        urgent = art39 is not None and art39 <= self.today + dt.timedelta(days=2)
        for column, value in enumerate(values):
            cell = QTableWidgetItem(value)
            if urgent and item.status in OPEN_STATUSES:
                cell.setForeground(QBrush(RED))
            self.table.setItem(row, column, cell)

    def reveal_selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            self.message.setText(self.tr("表示する請求を1件選んでください。"))
            return
        item = self.items[rows.pop()]
        purpose, ok = QInputDialog.getText(
            self, self.tr("表示の理由"), self.tr("氏名と電話番号を表示する理由 (記録されます)")
        )
        if not ok:
            return
        try:
            person = reveal(self.connection, item.rid, purpose)
        except CounterAppError as failure:
            self.message.setText(failure.user_text())
            return
        self.message.setText(
            self.tr("%1: %2 / %3").replace("%1", item.number).replace("%2", person.name)
            .replace("%3", person.phone)
        )  # fmt: skip
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def open_request(self, row: int) -> None:
        if self.on_open is not None and 0 <= row < len(self.items):
            self.on_open(self.items[row])
