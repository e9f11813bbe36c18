"""The 金種表 of the day's close: pieces per denomination, the total being the cash counted.

Ten boxes (10,000 / 5,000 / 2,000 / 1,000 / 500 / 100 / 50 / 10 / 5 / 1 yen) in that order,
reached with Tab, and with Enter (which moves to the next box, as at a cash register); each
takes full-width digits and a typed 枚 (:class:`ui.number_box.NumberSpinBox`) and says what it
cannot read. The amount of each line and the total follow as the pieces are typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ui.number_box import NumberSpinBox

# Lines per column of the table: notes and 500 yen on the left, the other coins on the right.
PER_COLUMN = 5


class CashCountTable(QWidget):
    """Emits ``changed(total)`` when a count changes and ``refused(label, text)`` for a text
    that is no number (label: 「1,000円」)."""

    changed = Signal(int)
    refused = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        from counter_app.domain.cash_count import DENOMINATIONS, MAX_PIECES

        super().__init__(parent)
        self.denominations = DENOMINATIONS
        self.setObjectName("cash_count_table")
        self.boxes: list[NumberSpinBox] = []
        self.amounts: list[QLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for i, yen in enumerate(DENOMINATIONS):
            box = NumberSpinBox(MAX_PIECES, marks=("枚",))
            box.setObjectName(f"pieces_{yen}")
            box.setSuffix(self.tr(" 枚"))
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.setAccessibleName(self.tr("%1円の枚数").replace("%1", f"{yen:,}"))
            box.installEventFilter(self)
            box.valueChanged.connect(self._update)
            box.refused.connect(lambda text, yen=yen, box=box: self._refused(yen, box, text))
            label = QLabel(f"{yen:,}" + self.tr("円"))
            label.setBuddy(box)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amount = QLabel("0")
            amount.setObjectName(f"amount_{yen}")
            amount.setMinimumWidth(amount.fontMetrics().horizontalAdvance("9,999,999,999"))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, col = i % PER_COLUMN, (i // PER_COLUMN) * 4
            grid.addWidget(label, row, col)
            grid.addWidget(box, row, col + 1)
            grid.addWidget(amount, row, col + 2)
            self.boxes.append(box)
            self.amounts.append(amount)
        grid.setColumnMinimumWidth(3, 18)
        for first, second in zip(self.boxes, self.boxes[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def pieces(self) -> tuple[int, ...]:
        """The pieces counted per denomination, largest first."""
        return tuple(box.value() for box in self.boxes)

    def set_pieces(self, pieces: tuple[int, ...] | None) -> None:
        """Show ``pieces`` (None: all 0)."""
        values = pieces or (0,) * len(self.denominations)
        for box, n in zip(self.boxes, values, strict=True):
            box.blockSignals(True)
            box.setValue(n)
            box.blockSignals(False)
        self._update()

    def total(self) -> int:
        return sum(yen * n for yen, n in zip(self.denominations, self.pieces(), strict=True))

    def setEnabled(self, enabled: bool) -> None:
        for box in self.boxes:
            box.setEnabled(enabled)

    def _update(self) -> None:
        for yen, box, amount in zip(self.denominations, self.boxes, self.amounts, strict=True):
            amount.setText(f"{yen * box.value():,}")
        self.changed.emit(self.total())

    def _refused(self, yen: int, box: NumberSpinBox, text: str) -> None:
        self.refused.emit(f"{yen:,}" + self.tr("円"), box.shown_text(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a box goes to the next one (the last one: to what follows the table)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched in self.boxes
        ):
            box = watched
            assert isinstance(box, NumberSpinBox)
            box.interpretText()
            i = self.boxes.index(box)
            target = self.boxes[i + 1] if i + 1 < len(self.boxes) else box.nextInFocusChain()
            target.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(target, NumberSpinBox):
                target.selectAll()
            return True
        return super().eventFilter(watched, event)
