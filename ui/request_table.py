"""The rows of the request list and the Qt table model that shows them.

A :class:`RequestRow` is what the services say about one request, already masked: the name
and the phone number arrive as ``山田 **`` / ``090-****-5678`` unless a supervisor revealed
them. Days left and "overdue" come from ``counter_app.domain.deadlines``; the model only
shows them (overdue rows are highlighted red, the last two days amber).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.context import TOKYO

OVERDUE_BACKGROUND = QColor("#ffd6d6")
OVERDUE_TEXT = QColor("#8b0000")
DUE_SOON_BACKGROUND = QColor("#fff1c7")
#: Name and phone cells shown in full after a (recorded) reveal.
REVEALED_BACKGROUND = QColor("#e3f2fd")
#: Days left at or below which a row is shown amber.
DUE_SOON_DAYS = 2


@dataclass(frozen=True)
class RequestRow:
    """One request as listed (masked unless ``revealed``)."""

    request_id: str
    number: str
    received_at: dt.datetime  # UTC
    name: str
    phone: str
    types: tuple[str, ...]  # labels, e.g. ("保有個人データの開示",)
    status: str  # RequestStatus value
    status_label: str
    target_on: dt.date | None
    days_left: int | None  # None once the request is closed
    overdue: bool
    proxy: bool = False
    revealed: bool = False

    def with_revealed(self, name: str, phone: str) -> RequestRow:
        return replace(self, name=name, phone=phone, revealed=True)


class RequestTableModel(QAbstractTableModel):
    """Columns: 受付番号, 受付日時, 氏名, 電話番号, 請求の種類, 状況, 回答期限, 残り日数."""

    COLUMNS = ("number", "received_at", "name", "phone", "types", "status", "target_on", "days")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RequestRow] = []
        self._headers = (
            QCoreApplication.translate("RequestTable", "受付番号"),
            QCoreApplication.translate("RequestTable", "受付日時"),
            QCoreApplication.translate("RequestTable", "氏名"),
            QCoreApplication.translate("RequestTable", "電話番号"),
            QCoreApplication.translate("RequestTable", "請求の種類"),
            QCoreApplication.translate("RequestTable", "状況"),
            QCoreApplication.translate("RequestTable", "回答期限"),
            QCoreApplication.translate("RequestTable", "残り日数"),
        )

    def set_rows(self, rows: list[RequestRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace_row(self, row: RequestRow) -> None:
        for i, existing in enumerate(self.rows):
            if existing.request_id == row.request_id:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def row_at(self, index: QModelIndex | int) -> RequestRow | None:
        i = index if isinstance(index, int) else index.row()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def find(self, request_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.request_id == request_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.revealed and column in ("name", "phone"):
                return QBrush(REVEALED_BACKGROUND)
            if row.overdue:
                return QBrush(OVERDUE_BACKGROUND)
            if row.days_left is not None and row.days_left <= DUE_SOON_DAYS:
                return QBrush(DUE_SOON_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and row.overdue and column == "days":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "days":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in ("name", "phone") and row.revealed:
                return QCoreApplication.translate(
                    "RequestTable", "表示中 (記録済み)。しばらくすると再び伏せて表示します。"
                )
            if column in ("name", "phone") and not row.revealed:
                return QCoreApplication.translate(
                    "RequestTable",
                    "個人情報は伏せて表示しています。責任者は「表示」で確認できます(記録されます)。",
                )
            if row.overdue:
                return QCoreApplication.translate("RequestTable", "回答期限を過ぎています。")
        if role == Qt.ItemDataRole.UserRole:
            return row.request_id
        return None

    def _display(self, row: RequestRow, column: str) -> str:
        if column == "number":
            return row.number
        if column == "received_at":
            return row.received_at.astimezone(TOKYO).strftime("%m/%d %H:%M")
        if column == "name":
            suffix = QCoreApplication.translate("RequestTable", " (代理)") if row.proxy else ""
            return row.name + suffix
        if column == "phone":
            return row.phone
        if column == "types":
            return "、".join(row.types)
        if column == "status":
            return row.status_label
        if column == "target_on":
            return row.target_on.strftime("%Y/%m/%d") if row.target_on else ""
        if column == "days":
            return days_text(row.days_left, row.overdue)
        return ""


def days_text(days_left: int | None, overdue: bool) -> str:
    """The 残り日数 cell: あと n日, 本日期限, n日超過, or — once the request is closed."""
    if days_left is None:
        return "—"
    if overdue:
        return QCoreApplication.translate("RequestTable", "%1日超過").replace(
            "%1", str(abs(days_left))
        )
    if days_left == 0:
        return QCoreApplication.translate("RequestTable", "本日期限")
    return QCoreApplication.translate("RequestTable", "あと%1日").replace("%1", str(days_left))


def widest_days_texts() -> list[str]:
    """The longest texts the 残り日数 column must hold (its width is set once, from the
    first rows, which may hold none of them)."""
    return [days_text(-999, True), days_text(0, False), days_text(99, False)]
