"""A yen amount typed at the counter: full-width digits taken, anything else said.

:class:`CashSpinBox` is a :class:`ui.number_box.NumberSpinBox` of whole yen: it reads
full-width digits and commas and a typed 円 or ¥, and emits ``refused`` with what could not
be read, so the window can say 「数字で入力してください」; the amount shown stays the last one
read.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.number_box import NumberSpinBox

#: Yen marks a person may type with the amount (the box shows its own suffix).
YEN_MARKS = ("円", "¥", "\\")


class CashSpinBox(NumberSpinBox):
    """Whole yen, from 0 to ``maximum``; emits ``refused(text)`` for text that is no amount."""

    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(maximum, parent, marks=YEN_MARKS)
        self.setSingleStep(10)
        self.setGroupSeparatorShown(True)
