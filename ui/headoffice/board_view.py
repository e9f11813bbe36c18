"""The deadline board: counts per branch, and the red requests listed first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import BusinessCalendar
from counter_app.errors import CounterAppError
from counter_app.headoffice.desk.board import BoardThresholds, Bucket, board, board_items

RED = QColor("#b00020")


class BoardView(QWidget):
    def __init__(
        self, connection, today: dt.date, calendar: BusinessCalendar, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.connection = connection
        self.thresholds = BoardThresholds.on(today, calendar)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.counts = QTableWidget(0, 4)
        self.counts.setHorizontalHeaderLabels(
            [self.tr("支所"), self.tr("3営業日以内に期限"), self.tr("目標日超過"),
             self.tr("法39条の日が2日以内・経過")]
        )  # fmt: skip
        self.red = QTableWidget(0, 4)
        self.red.setHorizontalHeaderLabels(
            [self.tr("法39条の日"), self.tr("支所"), self.tr("受付番号"), self.tr("氏名")]
        )
        for table in (self.counts, self.red):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts, 1)
        red_label = QLabel(self.tr("法第39条の日が2日以内または経過した請求"))
        red_label.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(red_label)
        layout.addWidget(self.red, 1)

    def reload(self) -> None:
        t = self.thresholds
        self.heading.setText(
            self.tr("本日 %1 / 3営業日以内: %2 まで / 法39条の警告: %3 まで")
            .replace("%1", t.today.isoformat()).replace("%2", t.due_soon_until.isoformat())
            .replace("%3", t.red_until.isoformat())
        )  # fmt: skip
        try:
            result = board(self.connection, t)
            red = board_items(self.connection, t, Bucket.RED, limit=200)
        except CounterAppError as failure:
            self.heading.setText(failure.user_text())
            return
        rows = [*result.branches, result.totals]
        self.counts.setRowCount(len(rows))
        for r, counts in enumerate(rows):
            values = [counts.branch, counts.due_soon, counts.overdue, counts.red]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else value)
                if c == 3 and counts.red:
                    cell.setForeground(QBrush(RED))
                self.counts.setItem(r, c, cell)
        self.red.setRowCount(len(red))
        for r, item in enumerate(red):
            art39 = item.lawsuit_possible_from.isoformat() if item.lawsuit_possible_from else ""
            for c, value in enumerate([art39, item.branch, item.number, item.name_masked]):
                cell = QTableWidgetItem(value)
                cell.setForeground(QBrush(RED))
                self.red.setItem(r, c, cell)
