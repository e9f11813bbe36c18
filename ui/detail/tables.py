"""The detail window's tables, filled from a :class:`~ui.facade.request_records.RequestDetail`: the
request's types (請求の内容), its receipts and 精算書 (領収書), and its timeline (経過).

Each row of the receipts and 精算書 tables carries its record's id (``Qt.UserRole``) for the
actions on the selected one. The texts are translated in the window's context
(``RequestDetailDialog``), where they have always been.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui.context import TOKYO
from ui.facade.request_records import ItemInfo, ReceiptInfo, SettlementInfo, TimelineEntry


def yen(amount: int) -> str:
    return f"¥{amount:,}"


def read_only_table(headers: list[str]) -> QTableWidget:
    """A table of whole rows, one selectable at a time, that nobody edits."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def show_items(table: QTableWidget, items: Sequence[ItemInfo]) -> None:
    """One row per request type: its label, its details, its outcome (or 未回答)."""
    table.setRowCount(len(items))
    for r, item in enumerate(items):
        for c, text in enumerate(
            (
                item.label,
                item.details,
                item.outcome_label or QCoreApplication.translate("RequestDetailDialog", "未回答"),
            )
        ):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            table.setItem(r, c, cell)
    table.resizeRowsToContents()


def _state(is_void_record: bool, voided: bool) -> str:
    if is_void_record:
        return QCoreApplication.translate("RequestDetailDialog", "取消伝票")
    if voided:
        return QCoreApplication.translate("RequestDetailDialog", "取消済")
    return QCoreApplication.translate("RequestDetailDialog", "有効")


def show_settlements(table: QTableWidget, settlements: Sequence[SettlementInfo]) -> None:
    """The 精算書 (hidden when there is none); the last one selected."""
    table.setRowCount(len(settlements))
    table.setVisible(bool(settlements))
    for r, settlement in enumerate(settlements):
        state = _state(settlement.is_void_record, settlement.voided)
        amount = settlement.total
        money = (
            QCoreApplication.translate("RequestDetailDialog", "受領 %1").replace("%1", yen(amount))
            if amount > 0
            else QCoreApplication.translate("RequestDetailDialog", "返金 %1").replace(
                "%1", yen(-amount)
            )
            if amount < 0
            else yen(0)
        )
        values = (settlement.number, money, state, str(settlement.pages))
        for c, text in enumerate(values):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, settlement.settlement_id)
            table.setItem(r, c, cell)
    if settlements:
        table.selectRow(len(settlements) - 1)


def show_receipts(table: QTableWidget, receipts: Sequence[ReceiptInfo]) -> None:
    """The receipts (and the voids that cancel them); the first one selected."""
    table.setRowCount(len(receipts))
    for r, receipt in enumerate(receipts):
        state = _state(receipt.is_void_record, receipt.voided)
        reprints = (
            QCoreApplication.translate("RequestDetailDialog", "%1回").replace(
                "%1", str(receipt.reprint_count)
            )
            if receipt.reprint_count
            else QCoreApplication.translate("RequestDetailDialog", "なし")
        )
        values = (receipt.number, yen(receipt.total), state, reprints)
        for c, text in enumerate(values):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, receipt.receipt_id)
            table.setItem(r, c, cell)
    if receipts:
        table.selectRow(0)


def show_timeline(table: QTableWidget, entries: Sequence[TimelineEntry]) -> None:
    """What happened to the request, oldest first: when (JST), what, who, who approved."""
    table.setRowCount(len(entries))
    for r, entry in enumerate(entries):
        values = (
            entry.at.astimezone(TOKYO).strftime("%Y/%m/%d %H:%M"),
            entry.text,
            entry.actor,
            entry.approver,
        )
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(text))
