"""The supervisor's window: the day's request log on screen and on paper, and closing the day.

The table's columns are the printed log's (``counter_app.printables.daily_log.DAILY_LOG_COLUMNS``), so
screen and paper match. Closing the day needs the cash count, typed as a 金種表 (pieces per
denomination, ``ui.cash_count_table``) whose total is the cash counted; the service compares it
with the cash expected, records the close with the 金種表 and makes the day immutable. A staff member can close
with a supervisor's approval on this screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.cash_box import CashSpinBox
from ui.cash_count_table import CashCountTable
from ui.context import TOKYO
from ui.dialogs import Dialogs
from ui.error_text import user_text
from ui.pdf_preview import PdfPreviewDialog
from ui.request_table import OVERDUE_BACKGROUND
from ui.screen_fit import resize_to_fit

#: The log's column that takes the table's free width (a key of ``DAILY_LOG_COLUMNS``).
STRETCH_COLUMN = "types"


class FillWidth(QObject):
    """Columns as wide as their texts, one column taking what is left of the table's width:
    no empty strip at the right. When the texts are wider than the table (large text on a
    small screen) no column is cut short: the table scrolls sideways instead."""

    def __init__(self, table: QTableWidget, column: int) -> None:
        super().__init__(table)
        self.table = table
        self.column = column
        table.viewport().installEventFilter(self)  # its width changes with the window and
        # with the vertical scroll bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Call after the rows change."""
        header = self.table.horizontalHeader()
        needed = sum(
            max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
            for c in range(header.count())
        )
        mode = (
            QHeaderView.ResizeMode.Stretch
            if needed <= self.table.viewport().width()
            else QHeaderView.ResizeMode.ResizeToContents
        )
        if header.sectionResizeMode(self.column) != mode:
            header.setSectionResizeMode(self.column, mode)


def _yen(amount: int | None) -> str:
    return "—" if amount is None else f"¥{amount:,}"


class SupervisorWindow(QDialog):
    """Daily log preview / print and close of day. Emits ``changed`` after a close."""

    changed = Signal()

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from counter_app.printables.daily_log import DAILY_LOG_COLUMNS

        self.context = context
        self.log: Any = None
        # what was typed for each day not closed yet (the 金種表's pieces, note), so that
        # looking at another day and coming back loses nothing
        self._typed: dict[Any, tuple[tuple[int, ...], str]] = {}
        self._shown_day: Any = None
        self.previews: list[PdfPreviewDialog] = []
        self.setObjectName("supervisor_window")
        self.setWindowTitle(self.tr("受付日報・締め"))
        self.columns = [key for key, _ in DAILY_LOG_COLUMNS]

        self.day = QDateEdit()
        self.day.setObjectName("log_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy/MM/dd (ddd)")
        today = context.today() if hasattr(context, "today") else dt.date.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.state_label = QLabel()
        self.state_label.setObjectName("log_state")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("対象日")))
        top.addWidget(self.day)
        top.addWidget(self.state_label, 1)

        self.table = QTableWidget(0, len(DAILY_LOG_COLUMNS))
        self.table.setObjectName("log_table")
        # a header of two words breaks after its slash (取消/再発行): the column is then as
        # narrow as its marks, and the whole log fits 1340 px with terminal numbers
        # (R-BR01-01-2026-000001) instead of cutting the last column
        self.table.setHorizontalHeaderLabels(
            [self.tr(h).replace("/", "/\n") for _, h in DAILY_LOG_COLUMNS]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.column_fit = FillWidth(self.table, self.columns.index(STRETCH_COLUMN))

        self.totals_label = QLabel()
        self.totals_label.setObjectName("log_totals")
        self.cash_expected = QLabel()
        self.cash_expected.setObjectName("cash_expected")
        self.cash_count = CashCountTable()
        # the cash counted is the 金種表's total: shown, not typed
        self.cash_counted = CashSpinBox(1_000_000_000)
        self.cash_counted.setObjectName("cash_counted")
        self.cash_counted.setSuffix(self.tr(" 円"))
        self.cash_counted.setReadOnly(True)
        self.cash_counted.setButtonSymbols(CashSpinBox.ButtonSymbols.NoButtons)
        self.cash_counted.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cash_message = QLabel()  # said when what is typed is not a number
        self.cash_message.setObjectName("cash_message")
        self.cash_message.setStyleSheet("color: #b00020;")
        self.cash_message.hide()  # no empty line under the count
        self.cash_count.refused.connect(self._cash_refused)
        self.cash_count.changed.connect(self.cash_counted.setValue)
        self.cash_count.changed.connect(self.cash_message.clear)
        self.cash_count.changed.connect(self.cash_message.hide)
        self.difference = QLabel()
        self.difference.setObjectName("cash_difference")
        self.variance_note = QLineEdit()
        self.variance_note.setObjectName("variance_note")
        self.variance_note.setPlaceholderText(
            self.tr("過不足があるときは理由を入力します (例: 釣銭の渡し誤り 10円)")
        )
        count_label = QLabel(self.tr("金種表(&C)"))
        count_label.setBuddy(self.cash_count.boxes[0])
        count_row = QHBoxLayout()
        count_row.addWidget(count_label, 0, Qt.AlignmentFlag.AlignTop)
        count_row.addWidget(self.cash_count)
        count_row.addStretch(1)
        cash = QHBoxLayout()
        cash.addWidget(QLabel(self.tr("現金 (予定)")))
        cash.addWidget(self.cash_expected)
        cash.addSpacing(24)
        cash.addWidget(QLabel(self.tr("実査額 (金種表の合計)")))
        cash.addWidget(self.cash_counted)
        cash.addWidget(self.difference)
        cash.addStretch(1)
        note_label = QLabel(self.tr("過不足の理由(&R)"))
        note_label.setBuddy(self.variance_note)
        note_row = QHBoxLayout()  # a line of its own: the reason is never squeezed
        note_row.addWidget(note_label)
        note_row.addWidget(self.variance_note, 1)

        self.preview_button = QPushButton(self.tr("日報プレビュー・印刷(&P)"))
        self.preview_button.setObjectName("log_preview_button")
        self.close_day_button = QPushButton(self.tr("この日を締める(&L)"))
        self.close_day_button.setObjectName("close_day_button")
        close = QPushButton(self.tr("閉じる"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.close_day_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addLayout(count_row)
        layout.addWidget(self.cash_message)
        layout.addLayout(cash)
        layout.addLayout(note_row)
        layout.addLayout(buttons)

        self.day.dateChanged.connect(self.reload)
        self.cash_counted.valueChanged.connect(self._show_difference)
        self.preview_button.clicked.connect(self.preview)
        self.close_day_button.clicked.connect(self.close_day)
        close.clicked.connect(self.accept)
        resize_to_fit(self, 1340, 720)
        self.reload()

    def unsaved(self) -> bool:
        """A cash count or a note typed for a day not closed yet."""
        from counter_app.printables.daily_log import LogState

        if self.log is None or self.log.state == LogState.CLOSED:
            return False
        return bool(self.cash_count.total() or self.variance_note.text().strip())

    def _may_close(self) -> bool:
        from ui.dialogs import may_discard

        return not self.unsaved() or may_discard(self)

    def accept(self) -> None:
        """閉じる, Esc or the close box: a count typed is not dropped without asking."""
        if self._may_close():
            super().accept()

    def reject(self) -> None:
        if self._may_close():
            super().reject()

    def selected_day(self) -> dt.date:
        q = self.day.date()
        return dt.date(q.year(), q.month(), q.day())

    def reload(self) -> None:
        from counter_app.printables.daily_log import MONEY_COLUMNS, LogState, log_row_cells
        from ui.facade import day_close

        self._remember_typed()
        try:
            self.log = day_close.daily_log(self.context, self.selected_day())
        except Exception as exc:
            self.log = None
            self.table.setRowCount(0)
            self.state_label.setText(user_text(exc))
            self.close_day_button.setEnabled(False)
            self.preview_button.setEnabled(False)
            return
        log = self.log
        self.table.setRowCount(len(log.rows))
        for r, row in enumerate(log.rows):
            cells = log_row_cells(row)  # the printed log's very texts
            for c, key in enumerate(self.columns):
                item = QTableWidgetItem(cells[key])
                item.setToolTip(cells[key])
                if key in MONEY_COLUMNS:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row.overdue:
                    item.setBackground(OVERDUE_BACKGROUND)
                self.table.setItem(r, c, item)
        self.column_fit.fit()
        totals = log.effective_totals
        self.totals_label.setText(
            self.tr("件数 %1 件   手数料 %2   郵送料 %3   受領額 %4 (うち消費税等 %5)   取消 %6")
            .replace("%1", str(totals.requests))
            .replace("%2", _yen(totals.fee))
            .replace("%3", _yen(totals.postage))
            .replace("%4", _yen(totals.total))
            .replace("%5", _yen(totals.tax))
            .replace("%6", _yen(totals.voided_amount))
        )
        self.cash_expected.setText(_yen(log.cash_expected))
        closed = log.state == LogState.CLOSED
        if closed:
            when = log.closed_at.astimezone(TOKYO).strftime("%H:%M") if log.closed_at else ""
            self.state_label.setText(
                self.tr("締め済 (締め番号 %1、%2 %3)。以後この日の記録は変更できません。")
                .replace("%1", log.close_number or "")
                .replace("%2", when)
                .replace("%3", log.closed_by or "")
            )
            self.cash_count.set_pieces(log.cash_count.pieces if log.cash_count else None)
            self.cash_counted.setValue(log.cash_counted or 0)  # a day closed without 金種表
            self.variance_note.setText(log.variance_note)  # its own reason, no other day's
        else:
            self.state_label.setText(self.tr("未締め (中間)"))
            pieces, note = self._typed.get(self.selected_day(), (None, ""))
            self.cash_count.set_pieces(pieces)
            self.variance_note.setText(note)
        self._shown_day = self.selected_day() if not closed else None
        self.cash_count.setEnabled(not closed)
        self.cash_counted.setEnabled(not closed)
        self.variance_note.setEnabled(not closed)
        self.close_day_button.setEnabled(not closed)
        self.preview_button.setEnabled(True)
        self._show_difference()

    def _cash_refused(self, denomination: str, text: str) -> None:
        self.cash_message.setText(
            self.tr("%1の枚数は数字で入力してください (例: 12)。「%2」は読めません。")
            .replace("%1", denomination)
            .replace("%2", text)
        )
        self.cash_message.show()

    def _show_difference(self) -> None:
        if self.log is None:
            self.difference.clear()
            return
        diff = self.cash_counted.value() - self.log.cash_expected
        if diff == 0:
            self.difference.setText(self.tr("過不足なし"))
            self.difference.setStyleSheet("color: #1b5e20;")
        else:
            text = self.tr("過剰 %1") if diff > 0 else self.tr("不足 %1")
            self.difference.setText(text.replace("%1", _yen(abs(diff))))
            self.difference.setStyleSheet("color: #b00020; font-weight: bold;")

    def preview(self) -> PdfPreviewDialog | None:
        from ui.facade import day_close

        try:
            pdf = day_close.daily_log_pdf(self.context, self.selected_day())
        except Exception as exc:
            Dialogs.failure(self, exc)
            return None
        dialog = PdfPreviewDialog(pdf, self.tr("受付日報"), self)
        self.previews.append(dialog)
        dialog.show()
        return dialog

    def _remember_typed(self) -> None:
        """Keep the cash count and note typed for the day shown until now (not closed)."""
        if self._shown_day is None:
            return
        self._typed[self._shown_day] = (self.cash_count.pieces(), self.variance_note.text())

    def close_day(self) -> bool:
        from counter_app.security.roles import Permission
        from ui.facade import day_close

        if self.log is None:
            return False
        pieces = self.cash_count.pieces()
        counted = self.cash_count.total()
        diff = counted - self.log.cash_expected
        text = self.tr("%1 の受付を締めます。締めた後はこの日の記録を変更できません。").replace(
            "%1", self.selected_day().strftime("%Y/%m/%d")
        )
        if diff:
            text += "\n" + self.tr("現金の実査額が予定と %1 違います。このまま締めますか?").replace(
                "%1", _yen(abs(diff))
            )
        if not Dialogs.confirm(self, text):
            return False
        approver = None
        actor = self.context.actor
        if actor is None or not actor.may(Permission.CLOSE_DAY):
            approver = Dialogs.supervisor_approval(
                self, self.context, self.tr("日報の締め"), "close_day"
            )
            if approver is None:
                return False
        try:
            closed = day_close.close_day(
                self.context,
                self.selected_day(),
                pieces,
                self.variance_note.text().strip(),
                approver,
            )
        except Exception as exc:
            Dialogs.failure(self, exc)
            return False
        self.reload()
        self.changed.emit()
        Dialogs.info(self, closed.backup_note)
        dialog = PdfPreviewDialog(closed.log_pdf, self.tr("受付日報 (締め)"), self)
        self.previews.append(dialog)
        dialog.show()
        return True
