"""The fee quote's breakdown as two columns: the item at the left, its amount at the right.

Each row is an item, followed in grey by its unit price and quantity when there is more
than one (「写しの交付 (白黒複写)  10円 × 12」; the item wraps only when the window is too
narrow for it), and the amount, right-aligned and never wrapped, so every amount ends at the
same x whatever the text size. The rows are plain texts made by the fee page from the
domain's quote: no figure is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QWidget


@dataclass(frozen=True)
class BreakdownRow:
    item: str
    amount: str
    detail: str = ""


class QuoteBreakdown(QScrollArea):
    """The quote's rows; scrolls down when there are more than the box holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quote_breakdown")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rows: tuple[BreakdownRow, ...] = ()
        self.item_labels: list[QLabel] = []
        self.amount_labels: list[QLabel] = []
        self._build()

    def set_rows(self, rows: Sequence[BreakdownRow]) -> None:
        """Show ``rows`` (rebuilt only when they differ: the page re-quotes on every key)."""
        rows = tuple(rows)
        if rows != self.rows:
            self.rows = rows
            self._build()

    def _build(self) -> None:
        inner = QWidget()
        inner.setObjectName("quote_breakdown_rows")
        inner.setBackgroundRole(QPalette.ColorRole.Base)  # white, like the printed receipt
        grid = QGridLayout(inner)
        em = self.fontMetrics().horizontalAdvance("\u3000")
        grid.setHorizontalSpacing(em)
        grid.setVerticalSpacing(max(6, em // 2))
        grid.setColumnStretch(0, 1)
        self.item_labels, self.amount_labels = [], []
        for r, row in enumerate(self.rows):
            item = QLabel(_item_html(row), inner)
            item.setObjectName(f"quote_item_{r}")
            item.setTextFormat(Qt.TextFormat.RichText)
            item.setWordWrap(True)
            amount = QLabel(row.amount, inner)
            amount.setObjectName(f"quote_amount_{r}")
            amount.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(item, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(amount, r, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.item_labels.append(item)
            self.amount_labels.append(amount)
        grid.setRowStretch(len(self.rows), 1)  # the rows at the top
        self.setWidget(inner)  # the previous rows' widget is deleted by the scroll area


def _item_html(row: BreakdownRow) -> str:
    text = escape(row.item)
    if row.detail:
        text += f'&nbsp;&nbsp;<span style="color: #555;">{escape(row.detail)}</span>'
    return text
